import { english } from "../lexicon/english.js";
import type { ItemKind, Source } from "../answer/types.js";
import type { ArticleRow, Retrieval, UnitRow } from "../retrieval/index.js";
import { cosineOrZero as cosine } from "../embed/embedder.js";
import { overlapOfSmaller as overlap } from "../text/overlap.js";
import { terms } from "../text/terms.js";
import { LIVE_ENTRY, readEvent, type EventReading } from "./events.js";

/**
 * The story's timeline: dated events across the articles, oldest first, each with the sentence
 * that reports it and every article that reports it (each once).
 *
 * 1. Event sentences (src/story/events.ts): a sentence that names a day (or a live entry dated by
 *    its article) and says what happened on it with an event verb in the past tense.
 * 2. The same event told twice: two event sentences of the same day (from two articles, or twice
 *    in one) are one event when they say the same thing: the cosine of their sentence vectors
 *    plus the share of their words in common (date words left out) reaches SAME_EVENT.
 * 3. Not every event sentence is worth a line. An event's weight is the number of articles that
 *    report it, plus one each when it is in an article's first paragraphs, when the article is
 *    about that day (its first paragraphs name it, or it is live coverage of that day), and when
 *    the sentence names a meeting (talks, summit, call…). Events weighing at least MIN_WEIGHT are
 *    kept, at most MAX_PER_DAY a day, the heaviest.
 *
 * Pure over reads from the index; building it costs about 20 ms per dated sentence (compromise's
 * verb tagging), so it is built once with the index (src/index/write.ts) and stored there.
 */

export interface TimelineEvent {
  /** yyyy-mm-dd */
  date: string;
  /** The sentence that reports the event, word for word as in sources[0]. */
  text: string;
  kind: ItemKind;
  speaker: string | null;
  role: string | null;
  /** Every article that reports the event, each once: sources[0] holds `text`; the others report it in their own words. */
  sources: Source[];
  /** How strongly the articles carry it (see the module comment). */
  weight: number;
  /** What happened, as the sentence's event verb ("meet", "sign") or the meeting noun that dates it ("call"). */
  verb: string;
}

/** Did people meet? The event's verb is a meeting verb ("received", "held talks") or a meeting noun ("the call on Oct. 16"). */
export const isMeeting = (e: Pick<TimelineEvent, "verb">) => english.meetingVerbs.has(e.verb) || english.meetingNouns.has(e.verb);

export type TimelineReader = Pick<Retrieval, "articles" | "timelineUnits" | "unitVector" | "paragraph" | "source">;

/**
 * Cosine + word overlap at which two same-day sentences from different articles are one event.
 * Set by reading every same-day pair of the 34 articles in eval/corpus: pairs about one event
 * scored 1.0–1.25, pairs about different things on the same day (a summit and a visit to a factory
 * that morning) 0.6–0.95.
 */
export const SAME_EVENT = 1.0;
/** The weight an event needs to be listed: reported by two articles, or one article's lead, topic or meeting. */
export const MIN_WEIGHT = 2;
/** At most this many events a day, the heaviest. */
export const MAX_PER_DAY = 2;
/** "The first paragraphs" of an article. */
const LEAD_PARAGRAPHS = 3;

export interface EventCandidate {
  unit: UnitRow;
  article: ArticleRow;
  reading: EventReading;
  /** The sentence's terms, without the words of its date. */
  terms: Set<string>;
  vector: Float32Array | null;
  live: boolean;
}

/** Every event sentence in the index, in article and reading order. */
export function eventCandidates(r: TimelineReader): EventCandidate[] {
  const out: EventCandidate[] = [];
  const liveParagraph = new Map<string, boolean>();
  for (const u of r.timelineUnits()) {
    const article = r.articles[u.article];
    if (!article) continue;
    const key = `${u.article}:${u.paragraph}`;
    let live = liveParagraph.get(key);
    if (live === undefined) {
      live = LIVE_ENTRY.test(r.paragraph(u.article, u.paragraph)?.text ?? "");
      liveParagraph.set(key, live);
    }
    const reading = readEvent(u.text, u.kind, { published: article.published, liveEntry: live });
    if (!reading) continue;
    const dateTerms = new Set(terms(reading.dateText));
    out.push({ unit: u, article, reading, terms: new Set(terms(u.text).filter((t) => !dateTerms.has(t))), vector: r.unitVector(u), live });
  }
  return out;
}

/** Do two event sentences report the same event? Same day, saying the same thing (in one article or two). */
export function sameEvent(a: EventCandidate, b: EventCandidate): boolean {
  if (a.reading.date !== b.reading.date) return false;
  return cosine(a.vector, b.vector) + overlap(a.terms, b.terms) >= SAME_EVENT;
}

/** Groups candidates that report the same event (single link within a day). */
export function clusterEvents(cands: EventCandidate[]): EventCandidate[][] {
  const parent = cands.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < cands.length; i++) {
    for (let j = i + 1; j < cands.length; j++) {
      if (sameEvent(cands[i]!, cands[j]!)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, EventCandidate[]>();
  cands.forEach((c, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  });
  return [...groups.values()];
}

/** In the article's first paragraphs; a live blog's first paragraphs are its last entries, not its lead. */
const isLead = (c: EventCandidate) => c.unit.paragraph <= LEAD_PARAGRAPHS && !c.live;
const isAbout = (c: EventCandidate) => c.article.leadDates.includes(c.reading.date) || (c.live && c.reading.date === c.article.published?.slice(0, 10));
const namesMeeting = (c: EventCandidate) => english.meetingNouns.has(c.reading.verb) || c.unit.text.toLowerCase().split(/[^\p{L}-]+/u).some((w) => english.meetingNouns.has(w));

/** The weight of a group of sentences reporting one event (see the module comment). */
export function eventWeight(group: EventCandidate[]): number {
  const articles = new Set(group.map((c) => c.unit.article)).size;
  return articles + (group.some(isLead) ? 1 : 0) + (group.some(isAbout) ? 1 : 0) + (group.some(namesMeeting) ? 1 : 0);
}

/**
 * The sentence that stands for the event: from an article's first paragraphs, the outlet's own
 * narration over reported speech, the article nearest the day (the first report), then reading order.
 */
function representative(group: EventCandidate[]): EventCandidate {
  const rank = (c: EventCandidate) => [isLead(c) ? 0 : 1, c.unit.kind === "passage" ? 0 : 1, c.article.published ?? "9999", c.unit.article, c.unit.position] as const;
  return [...group].sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  })[0]!;
}

/** The events worth a line, oldest first; on one day, the heaviest first. */
export function buildTimeline(r: TimelineReader): TimelineEvent[] {
  const groups = clusterEvents(eventCandidates(r));
  const events: TimelineEvent[] = [];
  for (const group of groups) {
    const weight = eventWeight(group);
    if (weight < MIN_WEIGHT) continue;
    const rep = representative(group);
    const sources: Source[] = [r.source(rep.unit.article, rep.unit.paragraph)];
    const seen = new Set([rep.unit.article]);
    for (const c of group) {
      if (seen.has(c.unit.article)) continue;
      seen.add(c.unit.article);
      sources.push(r.source(c.unit.article, c.unit.paragraph));
    }
    events.push({ date: rep.reading.date, text: rep.unit.text, kind: rep.unit.kind, speaker: rep.unit.kind === "passage" ? null : rep.unit.speaker, role: rep.unit.kind === "passage" ? null : rep.unit.role, sources, weight, verb: rep.reading.verb });
  }
  const narration = (e: TimelineEvent) => (e.kind === "passage" ? 0 : 1);
  events.sort((a, b) => a.date.localeCompare(b.date) || b.weight - a.weight || narration(a) - narration(b) || a.sources[0]!.article.localeCompare(b.sources[0]!.article) || a.sources[0]!.paragraph - b.sources[0]!.paragraph);
  const out: TimelineEvent[] = [];
  let day = "";
  let n = 0;
  for (const e of events) {
    n = e.date === day ? n + 1 : 1;
    day = e.date;
    if (n <= MAX_PER_DAY) out.push(e);
  }
  return out;
}

export interface TimelineFilter {
  /** Only events on or after this day (yyyy-mm-dd). */
  since?: string | null;
  /** Only events on or before this day (yyyy-mm-dd). */
  until?: string | null;
  /** Only events whose sentence holds every content word of this text (the shared tokenizer's terms). */
  about?: string | null;
}

/** The events a filter keeps, in timeline order. */
export function filterTimeline(events: TimelineEvent[], f: TimelineFilter): TimelineEvent[] {
  const wanted = f.about ? [...new Set(terms(f.about))] : [];
  return events.filter((e) => {
    if (f.since && e.date < f.since) return false;
    if (f.until && e.date > f.until) return false;
    if (wanted.length) {
      const have = new Set(terms(`${e.text} ${e.speaker ?? ""} ${e.sources.map((s) => s.title ?? "").join(" ")}`));
      if (!wanted.every((t) => have.has(t))) return false;
    }
    return true;
  });
}

const built = new WeakMap<object, TimelineEvent[]>();

/** The timeline of a loaded index, as stored when it was built, read on first use and kept as long as the index is. */
export function timelineOf(r: Pick<Retrieval, "storedTimeline">): TimelineEvent[] {
  let t = built.get(r);
  if (!t) {
    t = r.storedTimeline<TimelineEvent>();
    built.set(r, t);
  }
  return t;
}
