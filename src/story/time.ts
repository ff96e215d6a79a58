import { english } from "../lexicon/english.js";
import type { Retrieval } from "../retrieval/index.js";
import { dateMatches, questionDate, type DateConstraint } from "../text/dates.js";
import { terms } from "../text/terms.js";
import { isMeeting, timelineOf, type TimelineEvent } from "./timeline.js";

/**
 * Time relative to an event, in a question: "before the December talks", "after the Lisbon
 * summit", "since the Oslo talks", "the meeting before the Lisbon summit". The event is found
 * on the story's timeline (src/story/timeline.ts) by the words that name it: its date words
 * ("December", "Aug 6") and its other words ("Lisbon", "Oslo"), a meeting noun ("talks",
 * "summit") preferring events that name a meeting. Then:
 *
 * - "before X" / "after X": from WINDOW_DAYS before X's (first) day up to it, or from X's day to
 *   WINDOW_DAYS after its (last) day ("what did Okafor say after the Oslo talks" is about the
 *   days after them, that day included: statements come out the same evening);
 * - "until X" / "since X": everything up to X's day, or from it on;
 * - "the meeting before X" / "the talks after X": the day of the nearest meeting on the timeline
 *   before (after) X's day.
 *
 * Several events matching as well ("the December talks" when December had two rounds) count as
 * one episode from the first to the last of them, if they fall within EPISODE_DAYS; words that
 * match events all over the story ("after meeting Novak") set nothing. A bare date ("before
 * December", "since Aug 6") needs no timeline. Pure given the timeline; `timeOfQuestion` reads
 * it from the index.
 */

/** How far "before X" and "after X" reach, in days. */
export const WINDOW_DAYS = 14;
/** Events that match a phrase equally well name one thing only when they fall within this many days. */
export const EPISODE_DAYS = 31;

type Relation = "before" | "after" | "until" | "since";

const RELATIONS: [RegExp, Relation][] = [
  [/\b(?:before|prior to|ahead of|preceding)\s+/i, "before"],
  [/\b(?:after|following)\s+/i, "after"],
  [/\b(?:until|till|up to)\s+/i, "until"],
  [/\bsince\s+/i, "since"],
];

const DAY_MS = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

/**
 * "before there can be a deal", "after he met Novak": "before" joins a clause here, and the clause
 * names no event. A clause opens with a pronoun or "there", or holds an auxiliary verb.
 */
function isClause(phrase: string): boolean {
  return /^(?:there|he|she|they|we|i|you|it)\b/i.test(phrase) || /\b(?:can|could|will|would|shall|should|may|might|must|is|are|was|were|has|have|had|did|does|do)\b/i.test(phrase);
}

/** The words that name the event: up to the end of the clause. */
function referencePhrase(rest: string): string {
  return rest.split(/[?.!,;:]|\b(?:and|or|but|when|while|because|so)\b/i)[0]!.trim();
}

/**
 * First and last day a date constraint covers (for a bare date: "before December"). Without a
 * year, the latest year in which the story had reached that month.
 */
function spanOf(c: DateConstraint, timeline: TimelineEvent[]): { first: string; last: string } | null {
  const latest = timeline.at(-1)?.date;
  const years = [...new Set(timeline.map((e) => Number(e.date.slice(0, 4))))].sort((a, b) => b - a);
  const year = c.year ?? years.find((y) => !latest || `${y}-${String(c.month ?? 1).padStart(2, "0")}-${String(c.day ?? 1).padStart(2, "0")}` <= latest);
  if (year === undefined) return null;
  if (c.month === undefined) return { first: `${year}-01-01`, last: `${year}-12-31` };
  const m = String(c.month).padStart(2, "0");
  if (c.day === undefined) return { first: `${year}-${m}-01`, last: monthEnd(year, c.month) };
  const d = `${year}-${m}-${String(c.day).padStart(2, "0")}`;
  return { first: d, last: d };
}


const eventTerms = new WeakMap<TimelineEvent, { inText: Set<string>; inTitles: Set<string> }>();

/** An event's terms, in its sentence and in the titles of the articles reporting it; worked out once per event. */
function termsOfEvent(e: TimelineEvent): { inText: Set<string>; inTitles: Set<string> } {
  let t = eventTerms.get(e);
  if (!t) {
    t = { inText: new Set(terms(e.text)), inTitles: new Set(terms(e.sources.map((s) => s.title ?? "").join(" "))) };
    eventTerms.set(e, t);
  }
  return t;
}

/** The timeline events a phrase names ("the Lisbon summit", "the December talks"), the best matches only. */
export function eventsNamed(phrase: string, timeline: TimelineEvent[]): TimelineEvent[] {
  const date = questionDate(phrase);
  const words = phrase.toLowerCase().split(/[^\p{L}-]+/u);
  const meeting = words.some((w) => english.meetingNouns.has(w));
  const dateTerms = new Set(date ? terms(date.text) : []);
  const meetingTerms = new Set(terms([...english.meetingNouns].join(" ")));
  const wanted = [...new Set(terms(phrase))].filter((t) => !dateTerms.has(t) && !meetingTerms.has(t));
  if (!date && !wanted.length) return [];
  let best: TimelineEvent[] = [];
  let bestScore = 0;
  for (const e of timeline) {
    if (date && !dateMatches(e.date, date)) continue;
    const { inText, inTitles } = termsOfEvent(e);
    // Every word that names it must be in the sentence or a title of an article reporting it;
    // the sentence counts more (every event of an article titled "Oslo talks" is in its title).
    if (!wanted.every((t) => inText.has(t) || inTitles.has(t))) continue;
    const score = 1 + 2 * wanted.filter((t) => inText.has(t)).length + wanted.filter((t) => !inText.has(t)).length + (meeting && isMeeting(e) ? 0.5 : 0);
    if (score > bestScore) {
      best = [e];
      bestScore = score;
    } else if (score === bestScore) best.push(e);
  }
  return best;
}

/**
 * The date constraint a question's relative time sets, or null when it sets none (no relation
 * word, or no event or date it names). Its `text` is the relation word ("before"): the words that
 * name the event ("the Lisbon summit") stay words to look for.
 */
export function relativeTime(question: string, timeline: TimelineEvent[]): DateConstraint | null {
  for (const [re, relation] of RELATIONS) {
    const m = re.exec(question);
    if (!m) continue;
    const phrase = referencePhrase(question.slice(m.index + m[0].length));
    if (!phrase || /^(?:that|this|it|then|now)$/i.test(phrase) || isClause(phrase)) continue;
    // Only the relation word is time: the words that name the event are still what the question is about.
    const text = m[0].trim();
    const date = questionDate(phrase);
    const bareDate = !!date && terms(phrase.replace(date.text, " ")).every((t) => /^\d+$/.test(t));
    const named = bareDate ? [] : eventsNamed(phrase, timeline);
    let first: string;
    let last: string;
    if (named.length) {
      const days = named.map((e) => e.date).sort();
      first = days[0]!;
      last = days.at(-1)!;
      // Words that name events all over the story ("after meeting Novak") name none in particular.
      if (Date.parse(last) - Date.parse(first) > EPISODE_DAYS * DAY_MS) continue;
    } else {
      // A bare date: "before December", "since Aug 6": no window, the date itself left out.
      const span = bareDate ? spanOf(date, timeline) : null;
      if (!span) continue;
      if (relation === "before") return { to: shift(span.first, -1), text };
      if (relation === "after") return { from: shift(span.last, 1), text };
      first = span.first;
      last = span.last;
    }
    // "the meeting before X": the nearest meeting on the other side of X.
    const noun = /\b([\p{L}-]+)\s*$/u.exec(question.slice(0, m.index))?.[1]?.toLowerCase();
    if (noun && english.meetingNouns.has(noun) && (relation === "before" || relation === "after")) {
      const meetings = timeline.filter(isMeeting);
      const pick = relation === "before" ? meetings.filter((e) => e.date < first).at(-1) : meetings.find((e) => e.date > last);
      if (!pick) continue;
      const [y, mo, d] = pick.date.split("-").map(Number);
      // Here the event named is only a landmark: its words are not what is asked about.
      return { year: y, month: mo, day: d, text: question.slice(m.index, m.index + m[0].length + phrase.length) };
    }
    switch (relation) {
      case "before":
        return { from: shift(first, -WINDOW_DAYS), to: first, text };
      case "after":
        return { from: first, to: shift(last, WINDOW_DAYS), text };
      case "until":
        return { to: last, text };
      case "since":
        return { from: first, text };
    }
  }
  return null;
}

/** relativeTime over the index's timeline; the timeline is only built when the question has a relation word. */
export function timeOfQuestion(question: string, retrieval: Retrieval): DateConstraint | null {
  if (!RELATIONS.some(([re]) => re.test(question))) return null;
  return relativeTime(question, timelineOf(retrieval));
}
