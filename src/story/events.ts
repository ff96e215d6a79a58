import lemmatizer from "wink-lemmatizer";
import { english } from "../lexicon/english.js";
import { datesIn } from "../text/dates.js";
import { compromise } from "../text/nlp.js";

/**
 * Is a sentence the report of something that happened on a given day? An "event sentence":
 *
 * - names a day by an anchored expression (chrono-node, read against the article's date): a
 *   calendar date ("Aug. 15", "April 11"), a weekday ("on Friday"), or a day relative to the
 *   article itself ("yesterday", "last night", "ten days ago"). A day counted from another event
 *   ("two days later", "the following week") is a guess and is not used. A sentence of a live
 *   entry ("16:40 GMT — Talks have begun") is dated by the article when it names no day;
 * - that day is not after the article's publication: a plan or a deadline is not an event yet;
 * - says what happened on that day: outside quote marks, a verb of the lexicon's `eventVerbs`
 *   (met, held, signed, announced, landed, received…) in the past tense, not negated, not after a
 *   modal or "to" ("was due to fly"), in the same clause as the date; or in the present tense in
 *   a live entry ("the plane has landed", "Brandt is leaving"); or a meeting noun dated by the day
 *   ("a phone call on Oct. 16", "Tuesday's talks").
 *
 * Quotes are what people said, not what happened, and are never events; nor are questions (a
 * briefing transcript's "Can you confirm that the president met…?") or sentences in which the
 * outlet speaks of itself ("our live coverage has ended").
 */

export interface EventReading {
  /** yyyy-mm-dd */
  date: string;
  /** The words that gave the date, as in the sentence (empty for a live entry dated by its article). */
  dateText: string;
  /** The event verb's infinitive ("meet"), or the meeting noun ("call"). */
  verb: string;
}

export interface EventContext {
  /** The article's publication date (yyyy-mm-dd), when known. */
  published: string | null;
  /** The sentence is part of a live entry: a paragraph that opens with a time of day ("16:40 GMT —"). */
  liveEntry?: boolean;
}

const RELATIVE_TO_OTHER = /\b(?:later|earlier|after|before|following|previous|next|coming|within|from now|since|until|by then)\b/i;
const ANCHORED = /\b(?:\d{1,4}|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|sunday|monday|tuesday|wednesday|thursday|friday|saturday|today|yesterday|tonight|last night|this morning|this afternoon|this evening|ago)\b/i;

const MODAL_BEFORE = /\b(?:will|would|could|should|may|might|must|can|shall|to|due|set|expected|scheduled|planned|going)\s+(?:\w+\s+)?$/i;
const NEGATION_BEFORE = /\b(?:not|never|no longer)\s+(?:\w+\s+)?$|n['’]t\s+(?:\w+\s+)?$/i;
const ADJECTIVE_BEFORE = /(?:\b(?:the|a|an|its|his|her|their|our|this|that)|['’]s)\s+$/i;
/** A boundary between the date's clause and another: another clause's verb is not dated by it. */
const CLAUSE_BREAK = /[;:—–]|,\s*(?:which|who|whom|where|while|when|and|but|as)\b|\b(?:after|before|since|until|that)\b/i;
/** The outlet speaking of itself ("our coverage", "we're wrapping up"); "US" in capitals is a country. */
const SELF = /\b(?:[Ww]e|[Ww]e['’]re|[Ww]e['’]ve|[Oo]ur|us)\b/;
/** A live entry: a paragraph that opens with a time of day and a dash. */
export const LIVE_ENTRY = /^\s*\d{1,2}[:.]\d{2}\s*(?:[A-Z]{2,5}\s*)?(?:[—–-]|\|)/;
/** How far (in characters) a verb may be from the date that dates it. */
const NEAR = 90;

/** The sentence with quoted words blanked out (same length), so their verbs and dates do not count. */
export function maskQuoted(text: string): string {
  return text.replace(/“[^”]*”|"[^"]*"|«[^»]*»/g, (m) => " ".repeat(m.length));
}

/** A day the sentence names by an anchored expression, not after `published`, with its offsets. */
export function anchoredDay(text: string, published: string | null): { date: string; dateText: string; start: number; end: number } | null {
  const pub = published && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : null;
  for (const d of datesIn(text, published)) {
    if (d.precision !== "day") continue;
    const words = text.slice(d.start, d.end);
    if (!ANCHORED.test(words) || RELATIVE_TO_OTHER.test(words)) continue;
    // "two days after Friday", "the next Friday": the words before the date can make it relative too.
    const before = text.slice(Math.max(0, d.start - 14), d.start);
    if (/\b(?:next|following|coming|previous|after|before|since|until)\s*$/i.test(before)) continue;
    if (pub && d.iso > pub) continue;
    return { date: d.iso, dateText: words, start: d.start, end: d.end };
  }
  return null;
}

/** A word as compromise holds it once offsets are computed (cheaper than its JSON output). */
interface Word {
  text: string;
  normal?: string;
  tags?: Set<string>;
  offset?: { start: number; length: number };
}

/** Is there a clause boundary between two offsets, or are they too far apart? */
function sameClause(text: string, a: number, b: number): boolean {
  const [from, to] = a <= b ? [a, b] : [b, a];
  return to - from <= NEAR && !CLAUSE_BREAK.test(text.slice(from, to));
}

/**
 * The first event verb that reports something done near `at` (the date's offsets; null: anywhere,
 * for a live entry dated by its article), as its infinitive. compromise tags each word (its
 * phrase chunking sometimes fuses a noun into the verb: "jet touched"); wink-lemmatizer gives the
 * infinitive. See the module comment.
 */
export function eventVerb(text: string, at: { start: number; end: number } | null, live: boolean): string | null {
  const masked = maskQuoted(text);
  // Loaded on first use (src/text/nlp.ts): a process that never reads a timeline never loads it.
  const doc = compromise()(masked);
  doc.compute("offset");
  const words = (doc as unknown as { docs: Word[][] }).docs.flat();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const tags = w.tags ?? new Set<string>();
    if (!tags.has("Verb") || tags.has("Auxiliary") || tags.has("Modal") || tags.has("Gerund") || !w.offset) continue;
    const normal = (w.normal ?? w.text).toLowerCase().replace(/[^\p{L}-]/gu, "");
    const inf = lemmatizer.verb(normal);
    if (!english.eventVerbs.has(inf)) continue;
    const past = tags.has("PastTense") || tags.has("Participle");
    const present = live && tags.has("PresentTense") && !tags.has("Infinitive");
    if (!past && !present) continue;
    const start = w.offset.start;
    const end = start + normal.length;
    const before = masked.slice(Math.max(0, start - 30), start);
    if (MODAL_BEFORE.test(before) || NEGATION_BEFORE.test(before)) continue;
    // "the Chancellery's published schedule": a participle used as an adjective before its noun.
    const next = words[i + 1]?.tags ?? new Set<string>();
    if (ADJECTIVE_BEFORE.test(before) && next.has("Noun")) continue;
    if (at && !(sameClause(masked, end, at.start) || sameClause(masked, at.end, start))) continue;
    return inf;
  }
  return null;
}

/** A meeting noun that the date dates: "a phone call on Oct. 16", "Tuesday's talks". */
export function datedMeetingNoun(text: string, at: { start: number; end: number }): string | null {
  const base = Math.max(0, at.start - 45);
  const before = text.slice(base, at.start);
  const after = text.slice(at.end, at.end + 30);
  // "a planned meeting on Monday" has not happened.
  const planned = (offset: number) => /\b(?:planned|proposed|possible|expected|next|future|upcoming|scheduled|new)\s+(?:[\p{L}-]+\s+)?$/iu.test(text.slice(Math.max(0, offset - 30), offset));
  const nounBefore = /\b([\p{L}-]+)\s+(?:(?:in|at)\s+(?:the\s+)?[\p{Lu}][\p{L}.-]*(?:\s+[\p{Lu}][\p{L}.-]*)*\s+)?(?:on|of)\s+(?:the\s+)?$/u.exec(before);
  if (nounBefore && english.meetingNouns.has(nounBefore[1]!.toLowerCase()) && !planned(base + nounBefore.index)) return nounBefore[1]!.toLowerCase();
  const possessive = /^['’]s\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?/u.exec(after);
  for (const w of possessive ? [possessive[1], possessive[2]] : []) {
    if (w && english.meetingNouns.has(w.toLowerCase())) return w.toLowerCase();
  }
  return null;
}

/**
 * Could the sentence hold an event at all? A meeting noun, or an event verb in an inflected form
 * ("met", "held", "landed"; any form in a live entry). A cheap look before compromise tags it:
 * tagging costs a few milliseconds a sentence. ("set" and "hit" in the past look like their
 * infinitive and are only found with a meeting noun: a small price.)
 */
function mayReportEvent(masked: string, live: boolean): boolean {
  for (const w of masked.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []) {
    if (english.meetingNouns.has(w)) return true;
    const lemma = lemmatizer.verb(w);
    if (english.eventVerbs.has(lemma) && (live || lemma !== w)) return true;
  }
  return false;
}

/** "He said the ministry had received…": what someone says happened, at a time the entry does not tell. */
function reportsSpeech(masked: string): boolean {
  return (masked.toLowerCase().match(/\p{L}+/gu) ?? []).some((w) => english.speechVerbs.has(w));
}

/** The day and verb that make `text` an event sentence, or null (see the module comment). */
export function readEvent(text: string, kind: "quote" | "statement" | "passage", ctx: EventContext): EventReading | null {
  if (kind === "quote") return null;
  const masked = maskQuoted(text);
  if (!mayReportEvent(masked, !!ctx.liveEntry)) return null;
  // A question (in a briefing transcript) asks whether something happened; the outlet speaking of itself is not news.
  if (SELF.test(masked) || /\?["”’']*\s*$/.test(text)) return null;
  const pub = ctx.published && /^\d{4}-\d{2}-\d{2}/.test(ctx.published) ? ctx.published.slice(0, 10) : null;
  const day = anchoredDay(masked, ctx.published);
  if (day) {
    const live = !!ctx.liveEntry && day.date === pub;
    // A meeting noun the day dates says most precisely what happened ("Tuesday's phone call").
    const verb = datedMeetingNoun(masked, day) ?? eventVerb(text, day, live);
    return verb ? { date: day.date, dateText: day.dateText, verb } : null;
  }
  // A live entry that names no day happened on the day of the coverage (as the outlet tells it:
  // what someone says happened may be older).
  if (ctx.liveEntry && pub && kind === "passage" && !reportsSpeech(masked) && datesIn(masked, pub).length === 0) {
    const verb = eventVerb(text, null, true);
    return verb ? { date: pub, dateText: "", verb } : null;
  }
  return null;
}
