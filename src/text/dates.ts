// English only: the whole package loads every language it knows (three times the memory).
import * as chrono from "chrono-node/en";
import { english } from "../lexicon/english.js";

/**
 * Dates in text, by chrono-node. A date in an article is read against the article's publication
 * date ("on Friday" in a Saturday paper is the day before); a date in a question keeps only what
 * the asker said ("in March" is any March), because questions are asked long after the events.
 */

export type DatePrecision = "day" | "month" | "year";

export interface TextDate {
  /** Offsets into the text given. */
  start: number;
  end: number;
  /** yyyy-mm-dd, yyyy-mm or yyyy, as precise as the text. */
  iso: string;
  precision: DatePrecision;
}

/**
 * What a question says about when: any of year, month, day, or a span of days (`from`/`to`,
 * inclusive yyyy-mm-dd, either open) that time relative to an event sets ("after the Lisbon
 * summit", src/story/time.ts); all optional.
 */
export interface DateConstraint {
  year?: number;
  month?: number;
  day?: number;
  from?: string;
  to?: string;
  /** The words that said it, so they can be left out of word matching. */
  text: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

const LOWER_CALENDAR_WORD =
  /\b(?:jan|feb|mar|march|apr|may|jun|june|jul|july|aug|sep|sept|oct|nov|dec|sun|sunday|mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday)\b/;

/** A month's name, then a year: the casual parser is only run on text that may hold one. */
const MONTH_AND_YEAR = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(?:19|20)\d\d\b/;

/** Dates mentioned in `text`, resolved against `reference` (yyyy-mm-dd) when given. */
export function datesIn(text: string, reference: string | null): TextDate[] {
  const ref = reference && /^\d{4}-\d{2}-\d{2}/.test(reference) ? new Date(`${reference.slice(0, 10)}T12:00:00Z`) : null;
  const out: TextDate[] = [];
  for (const r of chrono.parse(text, ref ?? new Date(0), { forwardDate: false })) {
    // Edited prose capitalises month and weekday names: "sat", "sun", "wed" or "march" in lower
    // case are words ("Varga, who sat in on the talks"), not dates.
    if (LOWER_CALENDAR_WORD.test(r.text)) continue;
    const s = r.start;
    const dayKnown = s.isCertain("day") || s.isCertain("weekday");
    const monthKnown = s.isCertain("month") || dayKnown;
    const yearKnown = s.isCertain("year");
    // Without a reference, a date with no year written cannot be placed: chrono counts relative
    // ones ("yesterday", "for three hours") from its own reference, 1970, and calls their year known.
    if (!ref && !(yearKnown && /\b\d{4}\b/.test(r.text))) continue;
    if (!monthKnown && !yearKnown) continue;
    const y = s.get("year")!;
    const m = s.get("month")!;
    const d = s.get("day")!;
    const precision: DatePrecision = dayKnown ? "day" : monthKnown ? "month" : "year";
    const iso = precision === "day" ? `${y}-${pad(m)}-${pad(d)}` : precision === "month" ? `${y}-${pad(m)}` : String(y);
    out.push({ start: r.index, end: r.index + r.text.length, iso, precision });
  }
  return out;
}

/**
 * Days of the calendar and times on the clock, by chrono-node's strict parser: wink's entity model
 * misses some of them (AP style's "Sept. 2", "5th of December", a 24-hour "13:30 local time") and
 * reads their numbers as counts. A time must look like one ("13:30", "6 p.m.", "16:50 GMT"), not a
 * bare "at 9". A month with its year ("Sept. 2025", "February 2022") is a date too: the strict parser
 * reads no month without a day, and wink misses AP style's "Sept." and tags its year a count.
 */
export function clockAndCalendarSpans(text: string): { type: "date" | "time"; start: number; end: number }[] {
  const out: { type: "date" | "time"; start: number; end: number }[] = [];
  if (MONTH_AND_YEAR.test(text)) {
    for (const r of chrono.casual.parse(text, new Date(0))) {
      const s = r.start;
      if (s.isCertain("month") && s.isCertain("year") && !s.isCertain("day") && !LOWER_CALENDAR_WORD.test(r.text)) out.push({ type: "date", start: r.index, end: r.index + r.text.length });
    }
  }
  for (const r of chrono.strict.parse(text, new Date(0))) {
    if (LOWER_CALENDAR_WORD.test(r.text)) continue;
    const lead = /^(?:(?:on|at|by|from|until|till|since|before|after)\s+)?/i.exec(r.text)![0].length;
    const span = { start: r.index + lead, end: r.index + r.text.length };
    if (r.start.isCertain("month") && r.start.isCertain("day")) out.push({ type: "date", ...span });
    if (r.start.isCertain("hour") && /\d[:.]\d\d|\d\s*[ap]\.?m\b|\b(?:GMT|UTC)\b/i.test(r.text)) out.push({ type: "time", ...span });
  }
  return out;
}

/** Words without which chrono finds no date: parsing is skipped for most questions, which name none. */
const MAY_HOLD_DATE = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|yesterday|tomorrow|week|month|year|spring|summer|autumn|fall|winter|christmas|easter|ago|noon|midnight)/i;

/** A live blog's time stamp opening an entry ("10:15 BST —", "**09:00** –"). */
export const LIVE_STAMP = /^\s*(?:\*\*)?\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|[A-Z]{2,4}))?(?:\*\*)?\s*(?:[—–|:-]\s*)?/;

/**
 * Where a live blog entry's stamp ends, or 0. The stamp says when the entry was posted, not when
 * what it reports happened, so it is no answer to "what time": only a stamp set off by a dash, a
 * bar or a colon counts ("13:00 is the hour set" opens with a time that is the sentence's own).
 */
export function liveStampEnd(text: string): number {
  const m = LIVE_STAMP.exec(text);
  return m && /[—–|:-]\s*$/.test(m[0]) ? m[0].length : 0;
}

/** A month's name or its abbreviation, in any case ("March", "aug", "Sept."). */
export const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b/i;
/** A year written out ("2025"). */
const WRITTEN_YEAR = /\b(?:19|20)\d\d\b/;

/** The date a question asks about, if it names one ("in march", "on aug 6", "in 2025"). */
export function questionDate(question: string): DateConstraint | null {
  if (!MAY_HOLD_DATE.test(question)) return null;
  for (const r of chrono.parse(question, new Date(), { forwardDate: false })) {
    const s = r.start;
    const c: DateConstraint = { text: r.text };
    // A year only as written: one worked out from a span ("the day after may 19") is chrono's guess.
    if (s.isCertain("year") && WRITTEN_YEAR.test(r.text)) c.year = s.get("year")!;
    if (s.isCertain("month")) c.month = s.get("month")!;
    if (s.isCertain("day")) c.day = s.get("day")!;
    // "today", "last week", "next month", "3 days before" and weekdays are relative to when the
    // question is asked, not to the story ("the day before the may 19 call" is not yesterday): not a constraint.
    // A span from a date the question names ("the day after may 19") is still that date's.
    const fromNow = /\b(?:today|yesterday|tomorrow|tonight|now|week|ago)\b/i.test(r.text) || (/\b(?:days?|weeks|months?|years?)\b/i.test(r.text) && !MONTH_NAME.test(r.text) && !WRITTEN_YEAR.test(r.text));
    if (fromNow || (s.isCertain("weekday") && !s.isCertain("month"))) continue;
    if (c.year !== undefined || c.month !== undefined) return c;
  }
  // chrono reads "in February 2022" but not a year alone ("what happened in 2022").
  const year = /\b(?:in|since|during|of|from)\s+((?:19|20)\d{2})\b/i.exec(question);
  if (year) return { year: Number(year[1]), text: year[0] };
  // Nor a month abbreviation on its own ("the dec meeting"); one that ends a sentence's abbreviation ("Dec.") it would have read.
  for (const m of question.matchAll(/\b(\p{L}+)\b(?![.\p{L}])/gu)) {
    const month = english.monthAbbreviations.get(m[1]!.toLowerCase());
    if (month) return { month, text: m[0] };
  }
  // "may" is the month where the verb cannot stand: after "the", "early" or "his" ("the may
  // istanbul talks"), not in "who may lead". ("the mar a lago meeting" is no March.)
  const may = /\b(?:the|that|this|last|early|mid|late|his|her|their|its)\s+(may)\b/i.exec(question);
  if (may) return { month: 5, text: may[1]! };
  return null;
}

/** Does a date (yyyy, yyyy-mm or yyyy-mm-dd) fall within what the question asked? A month or year is within a span only as a whole. */
export function dateMatches(iso: string | null, c: DateConstraint): boolean {
  if (!iso) return false;
  // First and last day as strings that compare right ("2025-11-31" is after every day of November).
  const first = iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso;
  const last = iso.length === 4 ? `${iso}-12-31` : iso.length === 7 ? `${iso}-31` : iso;
  if (c.from !== undefined && first < c.from) return false;
  if (c.to !== undefined && last > c.to) return false;
  const [y, m, d] = iso.split("-").map(Number);
  if (c.year !== undefined && y !== c.year) return false;
  if (c.month !== undefined && (m === undefined || m !== c.month)) return false;
  if (c.day !== undefined && (d === undefined || d !== c.day)) return false;
  return true;
}

/** Does the text name a day, a date or a clock time ("LISBON, August 6", "15:06 GMT", "Friday")? */
export function mentionsDate(text: string): boolean {
  return chrono.casual.parse(text, new Date(0)).length > 0;
}

/**
 * A publication date as ISO yyyy-mm-dd. An ISO timestamp keeps the date as written (the
 * publisher's own day, whatever its offset); other forms ("March 24, 2025") go through
 * chrono-node, but only with a four-digit year, so "2 hours ago" is never a date.
 */
export function isoDate(value: string): string | null {
  const v = value.trim();
  const iso = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s])/.exec(v);
  if (iso) return validDate(+iso[1]!, +iso[2]!, +iso[3]!);
  if (!/\b(1[89]|20)\d{2}\b/.test(v)) return null;
  const d = chrono.strict.parseDate(v);
  return d ? validDate(d.getFullYear(), d.getMonth() + 1, d.getDate()) : null;
}

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > new Date().getUTCFullYear() + 1) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
