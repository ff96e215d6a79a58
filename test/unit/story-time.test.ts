import { describe, expect, it } from "vitest";
import { resolveFollowUp } from "../../src/answer/followup.js";
import { figureOf, figuresDiffer, markDifferences, numberValue, parseFigure } from "../../src/answer/differ.js";
import type { Answer } from "../../src/answer/types.js";
import { parsePeopleButtonId, peopleButtonId, peoplePage, personLine } from "../../src/bot/format/people.js";
import { parseTimelineButtonId, timelineButtonId, timelinePage, timelinePages } from "../../src/bot/format/timeline.js";
import { parseWhatsNewButtonId, whatsNewButtonId, whatsNewPage } from "../../src/bot/format/whatsnew.js";
import { componentProblem } from "../../src/fake-discord/server.js";
import type { UnitRow } from "../../src/retrieval/index.js";
import { anchoredDay, eventVerb, readEvent } from "../../src/story/events.js";
import { relativeTime } from "../../src/story/time.js";
import { clusterEvents, eventWeight, filterTimeline, type EventCandidate, type TimelineEvent } from "../../src/story/timeline.js";
import { parseSince } from "../../src/story/whatsnew.js";
import { dateMatches, datesIn } from "../../src/text/dates.js";
import { datelineEnd, entitiesOf } from "../../src/text/entities.js";
import { actorsOf, writtenAsAge } from "../../src/answer/features.js";

const src = (article: string, outlet: string, paragraph = 1, published = "2025-08-16") => ({ article, title: `${outlet} story`, outlet, url: null, paragraph, published });

describe("dates in articles", () => {
  it("reads 'sat', 'sun' and 'march' in lower case as words, not dates", () => {
    expect(datesIn("Ushakov, who sat in on the talks, says they lasted three hours.", "2025-04-25")).toEqual([]);
    expect(datesIn("The sun rose over the Kremlin as protesters march.", "2025-04-25")).toEqual([]);
    expect(datesIn("They met on Friday in March.", "2025-04-26").map((d) => d.iso)).toEqual(["2025-04-25", "2025-03"]);
  });

  it("places no date that needs a reference in an article without one (never 1970)", () => {
    expect(datesIn("Witkoff met Putin for three hours in Moscow on Friday, a day after talks ended yesterday.", null)).toEqual([]);
    expect(datesIn("Talks have not been held since February 2022, nor since March 3, 2025.", null).map((d) => d.iso)).toEqual(["2022-02", "2025-03-03"]);
  });

  it("matches a span of days, a month or year only as a whole", () => {
    const c = { from: "2025-08-15", to: "2025-08-29", text: "after" };
    expect(dateMatches("2025-08-15", c)).toBe(true);
    expect(dateMatches("2025-08-30", c)).toBe(false);
    expect(dateMatches("2025-08", c)).toBe(false);
    expect(dateMatches("2025-09", { from: "2025-08-15", text: "since" })).toBe(true);
    expect(dateMatches("2025-07", { to: "2025-07-31", text: "before" })).toBe(true);
  });
});

describe("event sentences", () => {
  const on = (text: string, published = "2025-04-26", liveEntry = false) => readEvent(text, "passage", { published, liveEntry });

  it("a day named by a calendar date or weekday, and a past event verb in its clause", () => {
    expect(on("President Vladimir Putin on Friday received in the Kremlin the special envoy Stephen Witkoff.")).toEqual({ date: "2025-04-25", dateText: "on Friday", verb: "receive" });
    expect(on("U.S. and Ukrainian negotiators met at Witkoff's golf club in Hallandale Beach, Florida, on Nov. 30 for more than four hours.", "2025-12-15")).toMatchObject({ date: "2025-11-30", verb: "meet" });
    expect(on("Late last night Witkoff was received by President Putin.", "2025-03-14")).toMatchObject({ date: "2025-03-13", verb: "receive" });
  });

  it("a meeting noun dated by the day is an event too", () => {
    expect(on("The week's reversal began with a phone call on Oct. 16, requested by Moscow.", "2025-10-26")).toMatchObject({ date: "2025-10-16" });
    expect(on("The first thing to notice about Tuesday's phone call between Trump and Putin is how little was agreed.", "2025-03-19")).toMatchObject({ date: "2025-03-18", verb: "call" });
  });

  it("plans, questions, quotes, negations and days counted from other events are not", () => {
    expect(on("Witkoff was expected to fly home later on Friday.", "2025-03-14")).toBeNull();
    expect(on("Zelensky is expected in Washington on Monday for talks with Trump.", "2025-08-16")).toBeNull();
    expect(on("QUESTION: Can you confirm that the president met Mr. Witkoff yesterday?", "2025-03-14")).toBeNull();
    expect(readEvent("We met on Friday and it went well", "quote", { published: "2025-04-26" })).toBeNull();
    expect(on("The two leaders did not meet on Friday.")).toBeNull();
    expect(on("Two days later Witkoff and Kushner spent a long evening with Putin.", "2025-12-15")).toBeNull();
    expect(on("Our live coverage of Friday's events in Moscow has ended.")).toBeNull();
    // The date and the verb in different clauses: the Kremlin spoke on Wednesday; the holding is not dated.
    expect(on("The Kremlin said on Wednesday that a Russian citizen held in the United States would be freed.", "2025-02-12")).toBeNull();
  });

  it("a live entry is dated by its article, in the present perfect too", () => {
    expect(on("16:40 GMT — Talks have begun in the Kremlin.", "2025-12-02", true)).toEqual({ date: "2025-12-02", dateText: "", verb: "begin" });
    expect(on("16:40 GMT — Talks have begun in the Kremlin.", "2025-12-02", false)).toBeNull();
    expect(readEvent("He said Moscow had received four more documents.", "statement", { published: "2025-12-02", liveEntry: true })).toBeNull();
  });

  it("only anchored days, never after the article", () => {
    expect(anchoredDay("The deadline expires on Sept. 2.", "2025-07-15")).toBeNull();
    expect(anchoredDay("Ten days ago Trump was talking about a summit.", "2025-10-26")).toMatchObject({ date: "2025-10-16" });
    expect(eventVerb("The Kremlin's published schedule listed a meeting.", null, false)).toBeNull();
  });
});

function candidate(article: number, date: string, text: string, vector: number[], extra: Partial<EventCandidate> = {}): EventCandidate {
  const v = Float32Array.from(vector);
  const norm = Math.hypot(...vector);
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return {
    unit: { id: article * 100, chunk: 0, article, paragraph: 5, position: 5, kind: "passage", text, textKey: text, speaker: null, role: null, speakerKey: null, quote: null, entities: [], eventDate: date, vector: "", terms: [], words: [] },
    article: { id: article, file: `a${article}.md`, title: null, outlet: `Outlet ${article}`, url: null, published: date, paragraphs: 10, quotes: 0, leadDates: [] },
    reading: { date, dateText: "on Friday", verb: "meet" },
    terms: new Set(text.toLowerCase().split(/\W+/).filter((w) => w.length > 3)),
    vector: v,
    live: false,
    ...extra,
  };
}

describe("timeline clustering and weight", () => {
  it("one event told by two articles is one event; another thing that day is another", () => {
    const a = candidate(1, "2025-04-25", "Putin received Witkoff in the Kremlin", [1, 0.2, 0]);
    const b = candidate(2, "2025-04-25", "Witkoff and Putin met in the Kremlin", [1, 0.25, 0]);
    const c = candidate(3, "2025-04-25", "Trump landed in Rome for the funeral", [0, 0.2, 1]);
    const d = candidate(4, "2025-04-26", "Putin received Witkoff in the Kremlin", [1, 0.2, 0]);
    const groups = clusterEvents([a, b, c, d]);
    expect(groups.map((g) => g.map((x) => x.unit.article).sort())).toEqual([[1, 2], [3], [4]]);
    // Two articles, plus the meeting noun in neither: 2; a lead paragraph adds one.
    expect(eventWeight(groups[0]!)).toBe(2);
    expect(eventWeight([{ ...c, unit: { ...c.unit, paragraph: 1 } }])).toBe(2);
    expect(eventWeight([c])).toBe(1);
  });

  it("filters by days and by words", () => {
    const ev = (date: string, text: string): TimelineEvent => ({ date, text, kind: "passage", speaker: null, role: null, sources: [src("a.md", "Wire")], weight: 3, verb: "meet" });
    const events = [ev("2025-04-11", "Putin met Witkoff in St Petersburg"), ev("2025-08-15", "Trump and Putin ended their summit in Alaska"), ev("2025-12-02", "Talks have begun in the Kremlin")];
    expect(filterTimeline(events, { since: "2025-05-01" }).map((e) => e.date)).toEqual(["2025-08-15", "2025-12-02"]);
    expect(filterTimeline(events, { until: "2025-08-15" }).map((e) => e.date)).toEqual(["2025-04-11", "2025-08-15"]);
    expect(filterTimeline(events, { about: "Alaska summit" }).map((e) => e.date)).toEqual(["2025-08-15"]);
  });
});

describe("time relative to an event", () => {
  const ev = (date: string, text: string, verb = "meet", title = ""): TimelineEvent => ({ date, text, kind: "passage", speaker: null, role: null, sources: [{ ...src("a.md", "Wire"), title }], weight: 3, verb });
  const timeline = [
    ev("2025-04-25", "Putin received Witkoff in the Kremlin.", "receive"),
    ev("2025-08-06", "Witkoff's meeting with Putin on Wednesday lasted nearly three hours.", "last"),
    ev("2025-08-07", "The Kremlin said the two presidents would meet.", "agree"),
    ev("2025-08-15", "Trump and Putin ended their first summit in six years in Alaska.", "end"),
    ev("2025-12-02", "Talks have begun in the Kremlin.", "begin"),
    ev("2025-12-14", "Zelensky spent five hours with the envoys.", "spend", "Berlin talks"),
  ];

  it("before and after an event named by its words: a window of days that includes its day", () => {
    expect(relativeTime("what did trump say after the Alaska summit", timeline)).toEqual({ from: "2025-08-15", to: "2025-08-29", text: "after" });
    expect(relativeTime("what did peskov say before the December talks?", timeline)).toEqual({ from: "2025-11-18", to: "2025-12-02", text: "before" });
    expect(relativeTime("what has happened since the alaska summit", timeline)).toEqual({ from: "2025-08-15", text: "since" });
  });

  it("'the meeting before X' is the day of the nearest meeting before it", () => {
    expect(relativeTime("how long was the meeting before the Alaska summit", timeline)).toMatchObject({ year: 2025, month: 8, day: 6 });
    expect(relativeTime("where was the meeting after the alaska summit", timeline)).toMatchObject({ month: 12, day: 2 });
  });

  it("'the meeting before that' in a conversation: the follow-up names the event, then the timeline dates it", () => {
    const turns = [{ question: "how long was the alaska summit?", items: [{ text: "Trump and Putin ended their first summit in six years.", speaker: null }] }];
    const read = resolveFollowUp(turns, "how long was the meeting before that?");
    expect(read).toEqual({ question: "How long was the meeting before the alaska summit?", rewritten: true });
    expect(relativeTime(read.question, timeline)).toMatchObject({ month: 8, day: 6 });
  });

  it("a bare date needs no event; words that name nothing, or everything, set nothing", () => {
    expect(relativeTime("what did witkoff say before august", timeline)).toEqual({ to: "2025-07-31", text: "before" });
    expect(relativeTime("what did witkoff say after meeting putin", timeline)).toBeNull();
    expect(relativeTime("what happened after the moon landing", timeline)).toBeNull();
    expect(relativeTime("what did he say before that", timeline)).toBeNull();
    // "before" joining a clause names no event.
    expect(relativeTime("what must kyiv do before there can be a deal with the kremlin", timeline)).toBeNull();
    expect(relativeTime("how long did they meet", timeline)).toBeNull();
  });
});

describe("since dates", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  it("reads ISO, month names, relative days, and refuses the rest", () => {
    expect(parseSince("2025-12-01", now)).toBe("2025-12-01");
    expect(parseSince("2025-02-30", now)).toBeNull();
    expect(parseSince("december", now)).toBe("2025-12-01");
    expect(parseSince("last week", now)).toBe("2026-11-18");
    expect(parseSince("3 days ago", now)).toBe("2026-11-22");
    expect(parseSince("Dec 1 2025", now)).toBe("2025-12-01");
    expect(parseSince("banana", now)).toBeNull();
    expect(parseSince("", now)).toBeNull();
  });
});

describe("figures", () => {
  it("reads figures written in words or digits, with their qualifiers", () => {
    expect(numberValue("twenty-five")).toBe(25);
    expect(numberValue("1,000")).toBe(1000);
    expect(parseFigure("just over two hours")).toMatchObject({ value: 120, unit: "minute", text: "just over two hours" });
    expect(parseFigure("nearly an hour and a half")).toMatchObject({ value: 90, unit: "minute" });
    expect(parseFigure("more than two and a half hours")).toMatchObject({ value: 150, unit: "minute" });
    expect(parseFigure("90 minutes")).toMatchObject({ value: 90, unit: "minute" });
    expect(parseFigure("273 drones")).toMatchObject({ value: 273, unit: "drone" });
  });

  it("a sentence's figure is the entity asked for, not a distance in time", () => {
    const unit = (text: string) => ({ text, entities: entitiesOf(text) });
    expect(figureOf(unit("A three-hour conversation took place, which was constructive"), ["duration"])).toMatchObject({ text: "three-hour", value: 180 });
    expect(figureOf(unit("Witkoff arrived a day after Russian strikes on Kyiv."), ["duration"])).toBeNull();
    expect(figureOf(unit("They ended their first summit in six years."), ["duration"])).toBeNull();
  });

  it("tags a length of time only with an amount: 'an hour' and 'a few days', not 'the day' or 'a day after'", () => {
    const durations = (text: string) => entitiesOf(text).filter((e) => e.type === "duration").map((e) => text.slice(e.start, e.end));
    expect(durations("The meeting lasted a little over an hour.")).toEqual(["an hour"]);
    expect(durations("They talked for three hours and met again within a few days.")).toEqual(["three hours", "a few days"]);
    expect(durations("The day was built to avoid a repeat of February.")).toEqual([]);
    expect(durations("More talks are expected in the coming days.")).toEqual([]);
    expect(durations("He arrived a day after the strikes.")).toEqual([]);
  });

  it("finds where a dateline ends, its region, date and agency included, and nothing in running text", () => {
    const filed = (text: string) => text.slice(0, datelineEnd(text));
    expect(filed("OSLO — Delegations met on Friday.")).toBe("OSLO — ");
    expect(filed("OSLO/LONDON, Feb 12 (Wire) - Delegations met on Friday.")).toBe("OSLO/LONDON, Feb 12 (Wire) - ");
    expect(filed("PALO ALTO, Calif. — The company said.")).toBe("PALO ALTO, Calif. — ");
    expect(filed("NATO said on Monday - after talks - that it would wait.")).toBe("");
    expect(filed("US President Donald Trump - who met him - said so.")).toBe("");
  });

  it("answers 'who' with people and acting places, not a dateline's place or where something happened", () => {
    const actors = (text: string) => actorsOf(text, entitiesOf(text)).filter((e) => e.type === "place" || e.type === "person").map((e) => text.slice(e.start, e.end));
    expect(actors("OSLO — The delegations sat across the table at the Akershus Fortress.")).toEqual([]);
    expect(actors("Norway sent Ingrid Solberg to the talks in Bergen.")).toEqual(["Norway", "Ingrid Solberg"]);
  });

  it("tells an amount written as someone's age from other amounts, for 'how old'", () => {
    const ages = (text: string) => entitiesOf(text).filter((e) => (e.type === "count" || e.type === "duration") && writtenAsAge(text, e)).map((e) => text.slice(e.start, e.end));
    expect(ages("Lindqvist, 78, sounds like a man who cannot believe his luck.")).toEqual(["78"]);
    expect(ages("The envoy, 54 years old, landed at noon.")).toEqual(["54 years"]);
    expect(ages("A 61-year-old aide said so.")).toEqual(["61"]);
    expect(ages("They fired 273 drones over 54 years, the most yet.")).toEqual([]);
  });

  it("tags a story's dateline as a place: capitals, or a place and its region, before a dash", () => {
    const places = (text: string) => entitiesOf(text).filter((e) => e.type === "place").map((e) => text.slice(e.start, e.end));
    expect(places("Hallandale Beach, Florida - Secretary Novak held talks with the delegation.")[0]).toBe("Hallandale Beach, Florida");
    expect(places("PALM BEACH, Fla. — The president said on Sunday that the sides were closer.")).toContain("PALM BEACH, Fla.");
    expect(places("Lindqvist, Sweden (AP) — Officials met on Tuesday.")[0]).toBe("Lindqvist, Sweden");
    expect(places("Brandt -- who has long wanted a deal -- arrived late.")).toEqual([]);
  });

  it("tags a length of time written as one adjective, and its number not as a count", () => {
    const tags = (text: string) => entitiesOf(text).filter((e) => e.type === "duration" || e.type === "count").map((e) => [e.type, text.slice(e.start, e.end)]);
    expect(tags("Ukraine accepted an immediate 30-day ceasefire.")).toEqual([["duration", "30-day"]]);
    expect(tags("Moscow rejected the three-day truce.")).toEqual([["duration", "three-day"]]);
    expect(tags("After a five-and-a-half-hour meeting, Witkoff left.")).toEqual([["duration", "five-and-a-half-hour"]]);
    // An age is not a length of time; a plan's 28 points are a count.
    expect(tags("A 30-year-old man was detained.").map(([t]) => t)).not.toContain("duration");
    expect(tags("The 28-point plan was cut.").map(([t]) => t)).not.toContain("duration");
    // Halves: one length of time, not a count, a date ("1/2" as January 2) and "1/2 hours".
    expect(entitiesOf("The call lasted 2 1/2 hours.").map((e) => e.type)).toEqual(["duration"]);
    expect(tags("They talked for 2 1/2 hours.")).toEqual([["duration", "2 1/2 hours"]]);
    // Ranges: one length of time, not two counts or none.
    expect(tags('Russia offered a "concrete ceasefire" for 2-3 days in some areas.')).toEqual([["duration", "2-3 days"]]);
    expect(tags("They may talk for two to three hours.")).toEqual([["duration", "two to three hours"]]);
    expect(tags("They met 2 or 3 times.").map(([t]) => t)).toEqual(["count", "count"]);
    // After "for", an amount of time is a length, even before "before" (which makes "two days
    // before the summit" a point in time).
    expect(tags("He was kept waiting for EIGHT HOURS before Putin saw him.")).toEqual([["duration", "EIGHT HOURS"]]);
    expect(tags("They talked for about three hours before dinner.")).toEqual([["duration", "three hours"]]);
    expect(tags("Two days before the summit, aides met.").map(([t]) => t)).not.toContain("duration");
  });

  it("tags a sum in a currency wink does not know by its sign as money, not a count", () => {
    const text = "The EU wants to lend Ukraine €140 billion from frozen assets.";
    expect(entitiesOf(text).filter((e) => e.type === "money" || e.type === "count").map((e) => [e.type, text.slice(e.start, e.end)])).toEqual([["money", "€140 billion"]]);
  });

  it("tags a day of the calendar as a date however it is written, its numbers not as counts", () => {
    const tags = (text: string) => entitiesOf(text).filter((e) => e.type === "date" || e.type === "count").map((e) => [e.type, text.slice(e.start, e.end)]);
    // AP style's "Sept." and a day before "of" are missed by wink's model alone.
    expect(tags("The deadline expires on Sept. 2.")).toEqual([["date", "Sept. 2"]]);
    expect(tags("They met again on Sept. 30, 2025, in Geneva.")).toEqual([["date", "Sept. 30, 2025"]]);
    expect(tags("The call came on the 5th of December.")).toEqual([["date", "5th of December"]]);
    expect(tags("Trump set the Aug. 8 deadline.")).toEqual([["date", "Aug. 8"]]);
    // A number that is no part of a date stays a count.
    expect(tags("Russia launched 215 drones on Sept. 7.")).toEqual([["count", "215"], ["date", "Sept. 7"]]);
    // A month with its year, however the month is written; its year is not a count.
    expect(tags("A round was held in Sept. 2025 in Geneva.")).toEqual([["date", "Sept. 2025"]]);
    expect(tags("Their last talks were in February 2022.")).toEqual([["date", "February 2022"]]);
  });

  it("tags 'twice' as a count of times", () => {
    const counts = (text: string) => entitiesOf(text).filter((e) => e.type === "count").map((e) => text.slice(e.start, e.end));
    expect(counts("The men have met twice since August.")).toEqual(["twice"]);
    expect(counts("Putin met Witkoff three times this year.")).toEqual(["three"]);
  });

  it("tags a time on the clock as a time, 24-hour ones included, and not a bare 'at 9'", () => {
    const times = (text: string) => entitiesOf(text).filter((e) => e.type === "time").map((e) => text.slice(e.start, e.end));
    expect(times("The talks began at about 13:30 local time after a day of confusion.")).toEqual(["13:30"]);
    expect(times("The car left Vnukovo airport at 14:06 local time.")).toEqual(["14:06"]);
    // A live blog's stamp says when the entry was posted, not when what it reports happened.
    expect(times("16:50 GMT — Putin met Witkoff.")).toEqual([]);
    expect(times("**09:00** – Crowds wait outside the palace.")).toEqual([]);
    expect(times("15:05 — The talks have begun, later than the 13:00 start announced.")).toEqual(["13:00"]);
    expect(times("13:00 is the hour set for the talks to begin.")).toEqual(["13:00"]);
    expect(times("The meeting began at 6 p.m. and ended at 9.")).toEqual(["6 p.m."]);
    expect(entitiesOf("The car left at 14:06 local time.").some((e) => e.type === "count")).toBe(false);
  });

  it("differ by more than 15%, and only when comparable", () => {
    expect(figuresDiffer({ value: 120, unit: "minute" }, { value: 180, unit: "minute" })).toBe(true);
    expect(figuresDiffer({ value: 170, unit: "minute" }, { value: 180, unit: "minute" })).toBe(false);
    expect(figuresDiffer({ value: 120, unit: "minute" }, { value: 43200, unit: "minute" })).toBe(false);
    expect(figuresDiffer({ value: 3, unit: "drone" }, { value: 5, unit: "missile" })).toBe(false);
  });

  it("marks both figures, each cited, and brings a differing one into the answer", () => {
    const u = (id: number, article: number, text: string): UnitRow => ({ id, chunk: id, article, paragraph: 2, position: 1, kind: "passage", text, textKey: `k${id}`, speaker: null, role: null, speakerKey: null, quote: null, entities: entitiesOf(text), eventDate: null, vector: "", terms: [], words: [] });
    const articles = [0, 1, 2].map((id) => ({ id, file: `a${id}.md`, title: null, outlet: `Outlet ${id}`, url: null, published: "2025-04-25", paragraphs: 5, quotes: 0, leadDates: ["2025-04-25"] }));
    const r = { articles, sourcesFor: (x: UnitRow) => [src(`a${x.article}.md`, `Outlet ${x.article}`, x.paragraph, "2025-04-25")] };
    const two = u(1, 0, "By our count the meeting lasted just over two hours.");
    const other = u(2, 0, "The envoy left for the airport straight away.");
    const three = u(3, 1, "The conversation lasted nearly three hours, the Kremlin said.");
    const item = (x: UnitRow) => ({ text: x.text, kind: x.kind, speaker: null, role: null, sources: r.sourcesFor(x), score: 0.9 });
    const answer: Answer = { question: "how long did they meet", answered: true, reason: "answered", items: [item(two), item(other)] };
    const out = markDifferences(r, { wants: ["duration"] }, [two, other, three].map((unit, i) => ({ unit, score: 2 - i })), answer, 2);
    expect(out.items.map((i) => i.text)).toEqual([two.text, three.text]);
    expect(out.items[0]!.differs).toEqual({ with: [1], figure: "just over two hours" });
    expect(out.items[1]!.differs).toEqual({ with: [0], figure: "nearly three hours" });
    // The same figure from another outlet is no disagreement.
    const same = u(4, 2, "The talks lasted a little over two hours.");
    const quiet = markDifferences(r, { wants: ["duration"] }, [two, same].map((unit, i) => ({ unit, score: 2 - i })), { ...answer, items: [item(two), item(same)] }, 2);
    expect(quiet.items.some((i) => i.differs)).toBe(false);
    // One live blog gives both figures: the other figure is shown from the outlet that differs.
    const blog = u(5, 0, "Ushakov says the talks lasted three hours.");
    const shown = markDifferences(r, { wants: ["duration"] }, [two, blog, three].map((unit, i) => ({ unit, score: 2 - i })), { ...answer, items: [item(two)] }, 2);
    expect(shown.items.map((i) => i.text)).toEqual([two.text, three.text]);
    expect(shown.items[1]!.differs).toEqual({ with: [0], figure: "nearly three hours" });
  });
});

describe("story formats for Discord", () => {
  const event = (i: number): TimelineEvent => ({
    date: `2025-0${1 + (i % 9)}-1${i % 10}`,
    text: `Event number ${i} happened in the capital, and the envoys ${"met again and again ".repeat(8)}.`,
    kind: "passage",
    speaker: null,
    role: null,
    sources: [src(`article-${i}.md`, `Outlet ${i}`, 2, "2025-09-01")],
    weight: 3,
    verb: "meet",
  });

  it("button ids carry page, asker and filter, within 100 characters", () => {
    const q = { since: "2025-12-01", until: null, about: "x".repeat(80) };
    const id = timelineButtonId(3, "123456789012345678", q);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseTimelineButtonId(id)).toEqual({ page: 3, userId: "123456789012345678", since: "2025-12-01", until: null, about: "x".repeat(40) });
    expect(parsePeopleButtonId(peopleButtonId(2, "42"))).toEqual({ page: 2, userId: "42" });
    expect(parseWhatsNewButtonId(whatsNewButtonId(1, "42", "2026-01-01"))).toEqual({ page: 1, userId: "42", since: "2026-01-01" });
  });

  it("timeline pages fit Discord's limits, dates in order, each article cited", () => {
    const events = Array.from({ length: 20 }, (_, i) => event(i));
    const q = { since: null, until: null, about: null };
    const pages = timelinePages(events, q);
    expect(pages.flat()).toHaveLength(20);
    const reply = timelinePage(events, 1, "42", q);
    const embed = reply.embeds[0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.fields![0]!.value.length).toBeLessThanOrEqual(1024);
    expect(embed.description).toMatch(/^\*\*\d{1,2} \w{3} 2025\*\*\n\*Reported by Outlet \d+:\* Event number/);
    expect(embed.footer!.text).toMatch(/^Page 2 of \d+ · 20 events, oldest first$/);
    expect(componentProblem(reply.components.map((c) => c.toJSON()))).toBeNull();
    expect(timelinePage([], 0, "42", { since: "2030-01-01", until: null, about: null }).content).toBe("No dated events in the articles since 1 Jan 2030.");
  });

  it("people: a line per person and a menu Discord accepts", () => {
    const people = Array.from({ length: 12 }, (_, i) => ({ name: `Person ${i}`, role: i % 2 ? "Kremlin aide" : null, count: 10 - (i % 10), quotes: 3, spellings: [`Person ${i}`], firstDate: "2025-02-12", lastDate: i % 3 ? "2026-01-23" : "2025-02-12" }));
    expect(personLine(people[1]!)).toBe("**Person 1**, Kremlin aide — 3 quotes, 6 statements · 12 Feb 2025 – 23 Jan 2026");
    expect(personLine(people[0]!)).toBe("**Person 0** — 3 quotes, 7 statements · 12 Feb 2025");
    const page = peoplePage(people, 0, "42");
    const rows = page.components.map((c) => c.toJSON()) as any[];
    expect(componentProblem(rows)).toBeNull();
    expect(rows[0].components[0].options).toHaveLength(10);
    expect(rows[1].components.map((b: any) => b.label)).toEqual(["Previous", "Next"]);
    expect(peoplePage([], 0, "42").content).toMatch(/Nobody is quoted/);
  });

  it("what's new: a summary line, items cited like answers, or why there is nothing", () => {
    const news = { since: "2026-01-01", articles: [{ file: "a.md", title: "A", outlet: "Wire", published: "2026-01-23", added: 2 }], items: [0, 1].map((i) => ({ text: `New sentence ${i} about the talks.`, kind: "passage" as const, speaker: null, role: null, sources: [src("a.md", "Wire", 3 + i, "2026-01-23")] })) };
    const embed = whatsNewPage(news, 0, "42").embeds[0]!;
    expect(embed.title).toBe("What's new since 1 Jan 2026");
    expect(embed.description).toMatch(/^1 article published since then adds 2 sentences that earlier articles had not reported\./);
    expect(embed.fields![0]!.value).toMatch(/\[1\] \*\*Wire story\*\* — Wire, 23 Jan 2026 · ¶3, ¶4/);
    expect(whatsNewPage({ ...news, articles: [], items: [] }, 0, "42").content).toBe("No articles published since 1 Jan 2026.");
    expect(whatsNewPage({ ...news, items: [] }, 0, "42").content).toMatch(/^1 article published since 1 Jan 2026, but nothing in them/);
  });

  it("the fake refuses components Discord would", () => {
    expect(componentProblem([{ type: 1, components: [{ type: 3, custom_id: "x", options: [] }] }])).toMatch(/1 to 25/);
    expect(componentProblem([{ type: 1, components: [{ type: 2, custom_id: "a", label: "A" }, { type: 2, custom_id: "a", label: "B" }] }])).toMatch(/unique/);
    expect(componentProblem([{ type: 1, components: [{ type: 3, custom_id: "s", options: [{ label: "a", value: "a" }] }, { type: 2, custom_id: "b", label: "B" }] }])).toMatch(/fills its row/);
  });
});
