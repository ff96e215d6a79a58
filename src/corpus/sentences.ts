import { alternation, capitalisedAbbreviations, english } from "../lexicon/english.js";
import { STOP_WORDS } from "../text/terms.js";
import type { Sentence, Span } from "./types.js";

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Abbreviations after which ICU wrongly ends a sentence ("U.S. President", "Mr. Smith"), from the lexicon. */
const ABBREVIATION = new RegExp(`(?:\\b(?:[A-Z]\\.){1,3}|\\b(?:${alternation(new Set([...capitalisedAbbreviations, ...english.lowercaseAbbreviations]))})\\.)\\s*$`);

/**
 * A wire dateline is the start of its story's first sentence, not a sentence: "ST. LOUIS,
 * April 11. /TASS/. Erik Lindqvist has described…" (the style of TASS and of services that copy
 * it). A dateline's place is in capitals ("ST." is no sentence either), its date optional.
 */
const CAPS_ABBREVIATION = new RegExp(`\\b(?:${alternation(new Set([...english.abbreviations].map((a) => a.toUpperCase())))})\\.\\s*$`);
const DATELINE = /^\s*\p{Lu}[\p{Lu}\s.'’\/-]*(?:,\s*(?:\p{Lu}\p{Ll}+\.?\s+\d{1,2}|\d{1,2}\s+\p{Lu}\p{Ll}+))?\.\s*$/u;
/** An agency's tag ("/TASS/."): a segment that is only one, or one that ends with one. */
const TAG = String.raw`\/[\p{L}\s.-]+\/\.?\s*$`;
const AGENCY_TAG = new RegExp(`^\\s*${TAG}`, "u");
const ENDS_WITH_TAG = new RegExp(TAG, "u");

/** A short trailing "Brandt wrote." / "he said." belongs to the quote before it. */
const ATTRIBUTION_TAIL = /^\s*(?:[A-Z][\p{L}'’.-]*\s+){0,4}(?:said|says|wrote|writes|added|adds|told\s+\w+|asked|replied|tweeted|posted)(?:\s+on\s+\w+)?\s*[.!?]?\s*$/u;

/**
 * A quotation set between dashes inside a sentence ('a greeting—"Good afternoon. Very good to see
 * you"—later praised…'): its full stops do not end the sentence around it.
 */
const OPENED_AFTER_DASH = /[—–]\s*[“"][^”"]*$/;
const CLOSES_INTO_DASH = /^[^“”"]*[”"]\s*[—–]\s*\p{Ll}/u;

/** "13:30 p.m. Lisbon time", "2 p.m. GMT", "6pm. Lisbon time": a clock time's zone, which ICU takes for a new sentence. */
const CLOCK_END = /(?:\b[ap]\.m|\d\s*[ap]m)\.\s*$/i;
const ZONE_START = new RegExp(`^\\s*(?:(\\p{Lu}[\\p{Ll}-]*)\\s+time\\b|(?:${alternation(new Set([...english.timeZones].map((z) => z.toUpperCase())))})\\b)`, "u");
/** "The time was…" starts a sentence; "Lisbon time" ends one. */
const zoneAfterClock = (prevText: string, segText: string) => {
  if (!CLOCK_END.test(prevText)) return false;
  const m = ZONE_START.exec(segText);
  return !!m && !(m[1] && STOP_WORDS.has(m[1].toLowerCase()));
};

/** Sentences of `text` (which starts at `offset` in its file), with ICU's misfires mended. */
export function splitSentences(text: string, offset = 0): Sentence[] {
  const raw: Span[] = [];
  for (const seg of segmenter.segment(text)) {
    raw.push({ start: seg.index, end: seg.index + seg.segment.length });
  }
  const merged: Span[] = [];
  for (const span of raw) {
    const prev = merged[merged.length - 1];
    const segText = text.slice(span.start, span.end);
    const prevText = prev ? text.slice(prev.start, prev.end) : "";
    const joinToPrev =
      prev !== undefined &&
      (ABBREVIATION.test(prevText) ||
        zoneAfterClock(prevText, segText) ||
        /^\s*[\p{Ll},;]/u.test(segText) ||
        (OPENED_AFTER_DASH.test(prevText) && CLOSES_INTO_DASH.test(segText)) ||
        (ATTRIBUTION_TAIL.test(segText) && /["”]\s*$/.test(prevText)) ||
        (merged.length === 1 && (CAPS_ABBREVIATION.test(prevText) || DATELINE.test(prevText) || AGENCY_TAG.test(segText) || ENDS_WITH_TAG.test(prevText))));
    if (joinToPrev) prev.end = span.end;
    else merged.push({ ...span });
  }
  return merged
    .map((s) => {
      const slice = text.slice(s.start, s.end);
      const lead = slice.length - slice.trimStart().length;
      const body = slice.trim();
      return { start: offset + s.start + lead, end: offset + s.start + lead + body.length, text: body };
    })
    .filter((s) => s.text.length > 0);
}
