import { createRequire } from "node:module";
import type WinkNLP from "wink-nlp";
import { english } from "../lexicon/english.js";
import { clockAndCalendarSpans, liveStampEnd } from "./dates.js";
import { compromise } from "./nlp.js";

/**
 * What kind of answer a span of text is. Dates, times, durations, counts, money and percentages
 * come from wink-nlp's entity recogniser; places and people from compromise. Questions ask for
 * one of these ("how long" wants a duration); sentences are tagged once, when indexed.
 */
export type EntityType = "date" | "time" | "duration" | "count" | "money" | "percent" | "place" | "person";

export const ENTITY_TYPES: readonly EntityType[] = ["date", "time", "duration", "count", "money", "percent", "place", "person"];

export interface Entity {
  type: EntityType;
  /** Offsets into the text given. */
  start: number;
  end: number;
}

// Loaded on first use: only indexing tags entities, and a process that only answers never pays for it.
let wink: ReturnType<typeof WinkNLP> | null = null;

function loadWink(): ReturnType<typeof WinkNLP> {
  const require = createRequire(import.meta.url);
  const winkNLP = require("wink-nlp") as typeof WinkNLP;
  return winkNLP(require("wink-eng-lite-web-model"));
}

const WINK_TYPES: Record<string, EntityType> = {
  DATE: "date",
  TIME: "time",
  DURATION: "duration",
  CARDINAL: "count",
  ORDINAL: "count",
  MONEY: "money",
  PERCENT: "percent",
};

/** Character offsets of wink's tokens, found in order in the original text. */
function tokenOffsets(text: string, tokens: string[]): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  for (const t of tokens) {
    const i = text.indexOf(t, at);
    const start = i >= 0 ? i : at;
    out.push([start, start + t.length]);
    if (i >= 0) at = i + t.length;
  }
  return out;
}

function winkEntities(text: string): Entity[] {
  wink ??= loadWink();
  const its = wink.its;
  const doc = wink.readDoc(text);
  const offsets = tokenOffsets(text, doc.tokens().out(its.value) as string[]);
  const out: Entity[] = [];
  doc.entities().each((e: { out(f?: unknown): unknown }) => {
    const type = WINK_TYPES[e.out(its.type) as string];
    const span = e.out(its.span) as unknown as [number, number];
    const a = offsets[span[0]];
    const b = offsets[span[1]];
    if (!type || !a || !b) return;
    let start = a[0];
    if (type === "duration") {
      // wink leaves the article out of "an hour", "a week": take it back in, it is the amount.
      const article = /(?:^|\s)(an?)\s+$/i.exec(text.slice(Math.max(0, start - 4), start));
      if (article) start -= article[0].length - (article[0].match(/^\s/) ? 1 : 0);
      if (!isLengthOfTime(text.slice(start, b[1]))) return;
      // "a day after the strikes", "two hours later": a point in time, not how long something took.
      if (pointInTime(text, b[1])) return;
    }
    out.push({ type, start, end: b[1] });
  });
  return out;
}

const UNIT_OF_TIME = "(?:second|minute|hour|day|week|month|year)";
const AMOUNT = `(?:\\d+(?:[.,]\\d+)?|${[...english.numberWords.keys()].join("|")})(?:-and-a-half)?`;
const LENGTH_ADJECTIVE = new RegExp(`\\b${AMOUNT}(?:-${AMOUNT})?-${UNIT_OF_TIME}\\b(?!-old)`, "gi");
const LENGTH_WITH_HALF = new RegExp(`\\b\\d+(?:\\s+1/2|½)[\\s-]${UNIT_OF_TIME}s?\\b`, "gi");
/** "for eight hours", "for about two days": after "for", an amount of time is how long, whatever follows. */
const LENGTH_FOR = new RegExp(`(?<=\\bfor\\s+(?:(?:about|around|nearly|almost|roughly|some|over|more than|less than|at least|up to|just)\\s+)?)${AMOUNT}\\s+${UNIT_OF_TIME}s?\\b`, "gi");
const LENGTH_RANGE = new RegExp(`\\b${AMOUNT}\\s*(?:[-–]|\\s(?:to|or)\\s)\\s*${AMOUNT}[\\s-]${UNIT_OF_TIME}s?\\b(?!-old)`, "gi");

/**
 * Lengths of time wink misses or breaks up: one adjective, "a 30-day moratorium", "the three-day
 * visit", "a five-and-a-half-hour meeting" (wink tags some, "a 90-minute call", and reads most as
 * a count), halves, "2 1/2 hours" (a count, a date "1/2" and "1/2 hours"), and ranges, "for 2-3
 * days", "two to three hours" (wink tags none of "2-3 days"). They answer "how long" as plainly as
 * "30 days". "A 30-year-old man" is an age. And an amount after "for" ("kept waiting for eight
 * hours before he was seen"), which wink reads with the "before" as a point in time.
 */
function lengthsOfTime(text: string): Entity[] {
  const matches = [...text.matchAll(LENGTH_ADJECTIVE), ...text.matchAll(LENGTH_WITH_HALF), ...text.matchAll(LENGTH_RANGE)];
  return [...spansOf("duration", matches.filter((m) => !pointInTime(text, m.index! + m[0].length))), ...spansOf("duration", text.matchAll(LENGTH_FOR))];
}

/** The spans of a pattern's matches, as entities of one type. */
function spansOf(type: EntityType, matches: Iterable<RegExpMatchArray>): Entity[] {
  return [...matches].map((m) => ({ type, start: m.index!, end: m.index! + m[0].length }));
}

const COUNT_ADVERB = new RegExp(`\\b(?:${[...english.countAdverbs].join("|")})\\b`, "gi");

/**
 * A news dateline opens a story with where it was filed: "OSLO —", "PALO ALTO, Calif. —",
 * "Half Moon Bay, California - ", "LIMA, Peru (AP) —". The taggers miss most of them
 * (capitals, a state's abbreviation); a name in capitals, or a place and its region, before a dash
 * is one. A name in ordinary case before a dash with no region ("Okafor -- who…") is not.
 */
const CAP = String.raw`\p{Lu}[\p{L}.'’-]*`;
const DATELINE_PLACE = new RegExp(
  String.raw`^\s*((${CAP}(?:\s+${CAP}){0,3})(,\s*${CAP}(?:\s+${CAP}){0,3})?)(?:\s*\([^)]{1,30}\))?\s*(?:[-–—]{1,2})\s+\S`,
  "u",
);
/**
 * Where a story's dateline ends, or 0: a place in capitals, then perhaps a comma and its region,
 * date and agency, up to a dash ("MOSCOW/WASHINGTON, Feb 12 (Wire) -", "ABU DHABI, UNITED ARAB EMIRATES —").
 * It says where the story was filed; no one in it acts.
 */
export function datelineEnd(text: string): number {
  const m = /^\s*\p{Lu}{2}[\p{Lu}\s/.'’-]*(?:,[^\n—–]{0,50}?)?\s[-–—]{1,2}\s/u.exec(text);
  return m ? m[0].length : 0;
}

function datelinePlace(text: string): Entity[] {
  const m = DATELINE_PLACE.exec(text);
  if (!m) return [];
  const [, place, first, region] = m;
  if (!region && first !== first!.toUpperCase()) return [];
  const start = m.index + m[0].indexOf(place!);
  return [{ type: "place", start, end: start + place!.length }];
}

/** "Twice", "thrice": a count of times, which neither wink nor compromise tags. */
function countAdverbs(text: string): Entity[] {
  return spansOf("count", text.matchAll(COUNT_ADVERB));
}

/** Sums in a currency wink does not know by its sign: "€140 billion", "₽3 trillion". */
function currencyAmounts(text: string): Entity[] {
  return spansOf("money", text.matchAll(/[€£¥₽₴]\s?\d[\d,.]*(?:\s+(?:million|billion|trillion|bn)\b)?/g));
}

/** What follows a span of time that makes it a point in time: "a day after", "two hours later". */
const RELATIVE_AFTER = /^\s+(?:after|before|later|earlier|ago|since|into|from now)\b/i;
const pointInTime = (text: string, spanEnd: number) => RELATIVE_AFTER.test(text.slice(spanEnd, spanEnd + 12));

/**
 * wink tags a bare unit of time ("the day", "in the coming days", "this week") as a duration; only
 * a span with an amount ("three hours", "a few days", "since May") says how long something took.
 */
export function isLengthOfTime(span: string): boolean {
  return span
    .toLowerCase()
    .split(/[\s-]+/)
    .some((w) => /\d/.test(w) || english.numberWords.has(w) || english.durationQuantifiers.has(w));
}

interface Offset {
  offset?: { start: number; length: number };
}

function compromiseEntities(text: string): Entity[] {
  const doc = compromise()(text);
  const out: Entity[] = [];
  const add = (type: EntityType, list: Offset[]) => {
    for (const m of list) {
      if (!m.offset) continue;
      const raw = text.slice(m.offset.start, m.offset.start + m.offset.length);
      const trimmed = raw.replace(/[\s,.;:!?—–-]+$/, "");
      if (trimmed) out.push({ type, start: m.offset.start, end: m.offset.start + trimmed.length });
    }
  };
  add("place", doc.places().json({ offset: true }) as Offset[]);
  // "at the Villa Borghese", "in Lisbon": a proper noun after a preposition of place.
  add("place", doc.match("(in|at|near|aboard|inside|outside) the? #ProperNoun+").not("(in|at|near|aboard|inside|outside|the)").json({ offset: true }) as Offset[]);
  add("person", doc.people().json({ offset: true }) as Offset[]);
  return out;
}

/** Entities of a text (a paragraph or a question), sorted by position, overlaps of one type merged. */
export function entitiesOf(text: string): Entity[] {
  const found: Entity[] = [...clockAndCalendarSpans(text), ...lengthsOfTime(text), ...currencyAmounts(text), ...countAdverbs(text), ...datelinePlace(text)];
  // A number inside a date, a time, a length of time or a sum is part of it, not a count
  // ("Sept. 30, 2025", "13:30", "a 30-day moratorium", "€40 billion"); nor is the "1/2" of
  // "2 1/2 hours" a date.
  const inside = (e: Entity) => found.some((f) => f !== e && e.start >= f.start && e.end <= f.end && (e.type === "count" || (e.type === "date" && f.type === "duration")));
  const all = [...winkEntities(text), ...compromiseEntities(text), ...found].filter((e) => !inside(e)).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Entity[] = [];
  const stamp = liveStampEnd(text);
  for (const e of all) {
    // A live blog's stamp ("16:40 GMT —") is when the entry was posted: not a time the text gives.
    if (e.end <= stamp) continue;
    const same = out.find((o) => o.type === e.type && e.start < o.end && e.end > o.start);
    if (same) {
      same.start = Math.min(same.start, e.start);
      same.end = Math.max(same.end, e.end);
    } else out.push({ ...e });
  }
  return out;
}
