import lemmatizer from "wink-lemmatizer";
import { english } from "../lexicon/english.js";
import type { Retrieval, UnitRow } from "../retrieval/index.js";
import type { EntityType } from "../text/entities.js";
import { anchoredDay } from "../story/events.js";
import { datesIn } from "../text/dates.js";
import type { QuestionInfo } from "./analysis.js";
import { sigmoid } from "./model.js";
import type { Answer, AnswerItem, Source } from "./types.js";

/**
 * Where outlets give different figures for the same fact ("the talks lasted just over two hours",
 * "a three-hour conversation"), the answer shows both, each cited, marked as differing.
 *
 * A post-processing step over the ranked candidates of a question that asks for a figure (how
 * long, how many, how much, what share). Among the best POOL candidates, those holding a figure of
 * the kind asked for are about the same fact as the answer's first figure when they are about the
 * same day (the day the sentence names, else the day its article is about, at most a day apart;
 * a sentence dated from another event, "two days after…", is about an unknown day) and give comparable figures (same unit: hours with minutes, drones
 * with drones; at most SAME_THING_RATIO apart). Two figures differ
 * when one is more than DIFFER_RATIO times the other ("nearly three hours" and "three hours" do
 * not; "two and a half" and "close to three" do). If the figures of different outlets differ,
 * the best-ranked sentence of each figure is in the items (added after the first if it was not)
 * and each such item gets `differs`.
 */

/** How many of the best candidates are read for other figures. */
export const POOL = 12;
/**
 * Two figures differ when the larger is more than DIFFER_RATIO times the smaller, and at most
 * SAME_THING_RATIO times: figures further apart measure different things ("two hours", "a month").
 */
export const DIFFER_RATIO = 1.15;
export const SAME_THING_RATIO = 3;
/** At most this many differing figures are shown for one fact. */
const MAX_FIGURES = 3;

const FIGURE_TYPES: ReadonlySet<EntityType> = new Set(["duration", "count", "money", "percent"]);

export interface Figure {
  /** The figure as written, with its qualifier ("just over two hours"). */
  text: string;
  start: number;
  end: number;
  value: number;
  /** "minute" for durations (value in minutes), "percent", "money", or the noun counted ("drone"). */
  unit: string;
}

const DURATION_UNITS: Record<string, number> = { second: 1 / 60, minute: 1, hour: 60, day: 1440, week: 10080, month: 43200, year: 525600 };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Number words that combine ("twenty-five", "two hundred"); "a" and "an" count only alone, before a unit ("an hour"). */
const NUMBER_WORD = [...english.numberWords.keys()].filter((w) => !/^(?:a|an)$/.test(w)).sort((a, b) => b.length - a.length).map(escape).join("|");
const ARTICLE_NUMBER = `(?:a|an)(?=\\s+(?:half|quarter|dozen|couple|minute|hour|day|week|month|year)\\b)`;
const QUALIFIER = english.figureQualifiers.map(escape).join("|");
/** A number written with digits or words ("2.5", "1,000", "two and a half", "twenty-five", "an hour and a half" reads "an"). */
const NUMBER = `(?:\\d[\\d,]*(?:\\.\\d+)?|${ARTICLE_NUMBER}|(?:${NUMBER_WORD})(?:[\\s-]+(?:${NUMBER_WORD}))*)`;
const FIGURE = new RegExp(`(?:\\b(${QUALIFIER})\\s+)?(\\$|€|£)?\\b(${NUMBER})(\\s+and\\s+a\\s+half|½)?[\\s-]*(%|percent\\b|per cent\\b|[\\p{L}]+)?(\\s+and\\s+a\\s+half)?`, "giu");

/** The value of a number written with digits or words ("two and a half" is read with its "and a half" elsewhere). */
export function numberValue(words: string): number | null {
  const w = words.trim().toLowerCase();
  if (/^\d/.test(w)) {
    const n = Number(w.replace(/,/g, ""));
    return Number.isFinite(n) ? n : null;
  }
  let total = 0;
  let current = 0;
  for (const part of w.split(/[\s-]+/)) {
    const v = english.numberWords.get(part);
    if (v === undefined) return null;
    if (v >= 1000) {
      total += Math.max(1, current) * v;
      current = 0;
    } else if (v === 100) current = Math.max(1, current) * 100;
    else current += v;
  }
  return total + current;
}

/** Reads one figure from its words: "just over two hours" -> 120 minute. */
export function parseFigure(text: string): Omit<Figure, "start" | "end"> | null {
  for (const m of text.matchAll(FIGURE)) {
    const [, , currency, num, half1, unitWord, half2] = m;
    let value = numberValue(num!);
    if (value === null) continue;
    if (half1 || half2) value += 0.5;
    const rawUnit = (unitWord ?? "").toLowerCase();
    const singular = lemmatizer.noun(rawUnit) || rawUnit;
    if (currency) return { text: m[0].trim(), value, unit: "money" };
    if (rawUnit === "%" || rawUnit.startsWith("percent") || rawUnit === "per") return { text: m[0].trim(), value, unit: "percent" };
    const dur = DURATION_UNITS[singular] ?? DURATION_UNITS[rawUnit];
    if (dur !== undefined) return { text: m[0].trim(), value: value * dur, unit: "minute" };
    if (/^(?:million|billion)$/.test(rawUnit)) return { text: m[0].trim(), value: value * (rawUnit === "million" ? 1e6 : 1e9), unit: "count" };
    return { text: m[0].trim(), value, unit: singular || "count" };
  }
  return null;
}

/**
 * The figure of a sentence that answers what the question wants: an entity of a wanted kind
 * (from the index), read with the words around it ("just over", "and a half", the noun counted).
 */
export function figureOf(unit: Pick<UnitRow, "text" | "entities">, wants: readonly EntityType[]): Figure | null {
  for (const e of unit.entities) {
    if (!wants.includes(e.type) || !FIGURE_TYPES.has(e.type)) continue;
    const from = Math.max(0, e.start - 24);
    const window = unit.text.slice(from, Math.min(unit.text.length, e.end + 20));
    for (const m of window.matchAll(FIGURE)) {
      const start = from + m.index!;
      const end = start + m[0].trimEnd().length;
      // The match must overlap the entity the tagger found.
      if (end <= e.start || start >= e.end) continue;
      const f = parseFigure(m[0]);
      if (!f) continue;
      // "a day after the strikes", "two hours later", "the first summit in six years": a distance
      // in time, not how long something lasted.
      if (e.type === "duration" && (f.unit !== "minute" || /^\s*(?:after|before|later|earlier|ago|since|into)\b/i.test(unit.text.slice(end)) || /\b(?:in|within)\s+$/i.test(unit.text.slice(0, start)))) continue;
      return { ...f, text: unit.text.slice(start, end), start, end };
    }
  }
  return null;
}

/** Do two figures of the same unit differ, by more than DIFFER_RATIO and at most SAME_THING_RATIO? */
export function figuresDiffer(a: Pick<Figure, "value" | "unit">, b: Pick<Figure, "value" | "unit">): boolean {
  if (a.unit !== b.unit) return false;
  const lo = Math.min(a.value, b.value);
  const hi = Math.max(a.value, b.value);
  if (lo <= 0) return false;
  return hi / lo > DIFFER_RATIO && hi / lo <= SAME_THING_RATIO;
}

/** Could two figures be of the same thing at all (same unit, within SAME_THING_RATIO)? */
function comparable(a: Pick<Figure, "value" | "unit">, b: Pick<Figure, "value" | "unit">): boolean {
  if (a.unit !== b.unit || a.value <= 0 || b.value <= 0) return false;
  return Math.max(a.value, b.value) / Math.min(a.value, b.value) <= SAME_THING_RATIO;
}

const DAY_MS = 86_400_000;

/**
 * The day a sentence is about: the day it names (anchored, as the timeline reads it: "on Aug. 15",
 * not "the week"), else the first day its article's lead names, else the article's date.
 */
function factDay(r: Pick<Retrieval, "articles">, u: UnitRow): string | null {
  const a = r.articles[u.article];
  const published = a?.published ?? null;
  const anchored = anchoredDay(u.text, published);
  if (anchored) return anchored.date;
  // A day counted from another event ("two days after a four-hour session in Lisbon"): about
  // some other day, which one is a guess.
  if (datesIn(u.text, published).some((d) => d.precision === "day")) return null;
  return a?.leadDates.find((d) => d.length === 10) ?? published?.slice(0, 10) ?? null;
}

function sameDay(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  return Math.abs(Date.parse(a) - Date.parse(b)) <= DAY_MS;
}

const outletsOf = (sources: Source[]) => new Set(sources.map((s) => s.outlet ?? s.article));

interface Held {
  unit: UnitRow;
  score: number;
  figure: Figure;
}

/**
 * Adds the differing figures to an answer (see the module comment). Pure apart from reads from the
 * index; `ranked` is best first, as the answer's items were made from it.
 */
export function markDifferences(
  r: Pick<Retrieval, "articles" | "sourcesFor">,
  q: Pick<QuestionInfo, "wants">,
  ranked: readonly { unit: UnitRow; score: number }[],
  answer: Answer,
  top: number,
): Answer {
  const wants = q.wants.filter((w) => FIGURE_TYPES.has(w));
  if (!wants.length || !answer.items.length) return answer;
  const pool: Held[] = [];
  const seen = new Set<string>();
  for (const c of ranked) {
    if (pool.length >= POOL) break;
    if (seen.has(c.unit.textKey)) continue;
    seen.add(c.unit.textKey);
    const figure = figureOf(c.unit, wants);
    if (figure) pool.push({ unit: c.unit, score: c.score, figure });
  }
  // The fact: the first item's figure (or the best figure in the pool).
  const itemUnit = (item: AnswerItem) => pool.find((h) => h.unit.text === item.text);
  const reference = answer.items.map(itemUnit).find((h): h is Held => !!h) ?? pool[0];
  if (!reference) return answer;
  const day = factDay(r, reference.unit);
  const same = pool.filter((h) => h === reference || (comparable(h.figure, reference.figure) && sameDay(factDay(r, h.unit), day)));
  // One sentence per figure, best first: the first of each group of figures that do not differ,
  // preferring one from another outlet than the reference's (a live blog may give both figures).
  // Each sentence's outlets, read from the index once: groups are searched for every figure.
  const outletKeys = new Map<Held, string>();
  const outletKey = (h: Held) => {
    let key = outletKeys.get(h);
    if (key === undefined) outletKeys.set(h, (key = [...outletsOf(r.sourcesFor(h.unit))].sort().join("\n")));
    return key;
  };
  const refOutlets = outletKey(reference);
  const figures: Held[] = [];
  for (const h of same) {
    if (figures.length >= MAX_FIGURES) break;
    if (!figures.every((f) => figuresDiffer(f.figure, h.figure))) continue;
    const group = same.filter((x) => !figuresDiffer(x.figure, h.figure));
    figures.push(group.includes(reference) ? reference : (group.find((x) => outletKey(x) !== refOutlets) ?? h));
  }
  if (figures.length < 2) return answer;
  // Different outlets must be behind the different figures.
  const outlets = figures.map(outletKey);
  if (new Set(outlets).size < 2) return answer;

  const items = [...answer.items];
  for (const f of figures) {
    if (items.some((i) => i.text === f.unit.text)) continue;
    const at = items.findIndex((i) => i.text === reference.unit.text);
    items.splice(at + 1, 0, itemOf(r, f, wants));
  }
  // Keep the answer's length: what makes room is an item that does not carry a figure.
  const involved = new Set(figures.map((f) => f.unit.text));
  while (items.length > Math.max(top, figures.length)) {
    const drop = items.map((i, k) => ({ i, k })).reverse().find(({ i }) => !involved.has(i.text));
    if (!drop) break;
    items.splice(drop.k, 1);
  }
  const indexOf = (f: Held) => items.findIndex((i) => i.text === f.unit.text);
  for (const f of figures) {
    const k = indexOf(f);
    items[k] = { ...items[k]!, differs: { with: figures.filter((g) => g !== f).map(indexOf).sort((a, b) => a - b), figure: f.figure.text } };
  }
  return { ...answer, items };
}

function itemOf(r: Pick<Retrieval, "sourcesFor">, h: Held, wants: EntityType[]): AnswerItem {
  const u = h.unit;
  const e = u.entities.find((x) => wants.includes(x.type));
  return {
    text: u.text,
    kind: u.kind,
    speaker: u.kind === "passage" ? null : u.speaker,
    role: u.kind === "passage" ? null : u.role,
    sources: r.sourcesFor(u),
    score: Math.round(sigmoid(h.score) * 1000) / 1000,
    highlight: e ? { start: e.start, end: e.end } : null,
  };
}
