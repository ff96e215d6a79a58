import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/engine.js";
import { parseArticle } from "../../src/corpus/load.js";
import { relativeTime } from "../../src/story/time.js";
import type { TimelineEvent } from "../../src/story/timeline.js";
import { runCli } from "../helpers/cli.js";
import { EVAL_CORPUS, evalIndexCopy } from "../helpers/eval-index.js";
import { engineOver, realModel } from "../helpers/model.js";

/** The story's meetings, and words the sentence that reports each must hold. */
const MEETINGS: [string, RegExp][] = [
  ["2025-02-11", /Witkoff.*Moscow/],
  ["2025-03-13", /Witkoff/],
  ["2025-04-11", /Putin.*Witkoff/],
  ["2025-04-25", /Putin.*Witkoff/],
  ["2025-08-06", /Witkoff.*Putin/],
  ["2025-08-15", /Trump.*Putin.*summit/],
  ["2025-12-02", /Talks have begun in the Kremlin/],
  ["2026-01-22", /meeting/],
];

let engine: Engine;
let indexDir: string;
let timeline: TimelineEvent[];

beforeAll(async () => {
  indexDir = await evalIndexCopy();
  engine = await Engine.open({ corpusDir: EVAL_CORPUS, indexDir, embedder: await realModel() });
  timeline = engine.timeline();
  // The first file to ask indexes the 42 articles with the real model (one to two minutes on two
  // cores, more when other files share them): a guard against a hang, not a measure of speed.
}, 300_000);

describe("the timeline of eval/corpus", () => {
  it("lists the meetings in date order with the right dates", () => {
    const found = MEETINGS.map(([date, words]) => timeline.findIndex((e) => e.date === date && words.test(e.text)));
    for (const [k, [date, words]] of MEETINGS.entries()) expect(found[k], `${date} ${words}`).toBeGreaterThanOrEqual(0);
    expect(found).toEqual([...found].sort((a, b) => a - b));
  });

  it("is in date order, without a flood: a few events a day at most", () => {
    const dates = timeline.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(timeline.length).toBeGreaterThanOrEqual(MEETINGS.length);
    expect(timeline.length).toBeLessThanOrEqual(60);
    const perDay = new Map<string, number>();
    for (const d of dates) perDay.set(d, (perDay.get(d) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(2);
  });

  it("cites every event: its sentence word for word in the first source, each article once, never dated after it was reported", () => {
    for (const e of timeline) {
      const [first] = e.sources;
      const content = readFileSync(path.join(EVAL_CORPUS, first!.article), "utf8");
      expect(content).toContain(e.text);
      expect(new Set(e.sources.map((s) => s.article)).size).toBe(e.sources.length);
      for (const s of e.sources) expect(s.title).toBeTruthy();
      expect(e.date <= (first!.published ?? "9999")).toBe(true);
    }
  });

  it("merges the same event reported by several articles", () => {
    const stPetersburg = timeline.find((e) => e.date === "2025-04-11" && /Witkoff/.test(e.text))!;
    expect(stPetersburg.sources.length).toBeGreaterThanOrEqual(2);
  });

  it("filters by days and words", () => {
    expect(engine.timeline({ since: "2025-12-01" }).every((e) => e.date >= "2025-12-01")).toBe(true);
    const alaska = engine.timeline({ about: "summit" });
    expect(alaska.some((e) => e.date === "2025-08-15")).toBe(true);
    expect(alaska.every((e) => /summit/i.test(`${e.text} ${e.sources.map((s) => s.title).join(" ")}`))).toBe(true);
  });

  it("resolves time relative to the story's events", () => {
    expect(relativeTime("what did trump say after the alaska summit", timeline)).toMatchObject({ from: "2025-08-15" });
    expect(relativeTime("how long was the meeting before the Alaska summit", timeline)).toMatchObject({ year: 2025, month: 8, day: 6 });
    expect(relativeTime("what did peskov say before the december talks", timeline)).toMatchObject({ to: "2025-12-02" });
  });
});

describe("differing figures", () => {
  it("shows both lengths of the April 25 meeting, each cited, marked as differing", async () => {
    const answer = await engine.ask("how long did the april 25 meeting last");
    const marked = answer.items.filter((i) => i.differs);
    expect(marked.length).toBeGreaterThanOrEqual(2);
    const figures = marked.map((i) => i.differs!.figure);
    expect(figures).toContain("just over two hours");
    expect(figures.some((f) => /three[- ]hour/.test(f))).toBe(true);
    for (const i of marked) {
      expect(i.sources.length).toBeGreaterThan(0);
      for (const k of i.differs!.with) expect(answer.items[k]!.differs).toBeDefined();
    }
    // The two figures come from different outlets.
    const outlets = marked.map((i) => i.sources.map((s) => s.outlet).sort().join());
    expect(new Set(outlets).size).toBeGreaterThan(1);
  });

  it("a question that asks for no figure is left alone", async () => {
    const answer = await engine.ask("what did ushakov say about the april 25 meeting");
    expect(answer.items.some((i) => i.differs)).toBe(false);
  });
});

describe("what's new", () => {
  it("lists only articles published since the date, and what they add", () => {
    const news = engine.whatsNew("2026-01-01");
    expect(news.articles.map((a) => a.published)).toEqual(["2026-01-09", "2026-01-23", "2026-01-24"]);
    expect(news.items.length).toBeGreaterThan(0);
    for (const item of news.items) {
      const s = item.sources[0]!;
      expect(s.published! >= "2026-01-01").toBe(true);
      expect(readFileSync(path.join(EVAL_CORPUS, s.article), "utf8")).toContain(item.text);
    }
    expect(engine.whatsNew("2030-01-01").articles).toEqual([]);
  });
});

describe("what's new leaves out what was already reported", () => {
  it("a sentence repeated or reworded from an earlier article is not new", async () => {
    const first = `---\ntitle: Envoy meets president\noutlet: Wire One\npublished: 2025-05-01\n---\nThe envoy met the president in the capital on Thursday for three hours of talks.\n\n"We made real progress today on every point that matters," the envoy told reporters afterwards.\n\nThe two sides agreed to set up working groups on trade and prisoners.\n`;
    const second = `---\ntitle: Talks continue\noutlet: Wire Two\npublished: 2025-05-03\n---\nThe envoy met the president in the capital on Thursday for three hours of talks.\n\nThe two sides agreed to set up working groups on prisoners and on trade.\n\nOn Saturday the foreign minister announced a new round of talks in Geneva next month.\n`;
    const { engine: small, corpusDir } = await engineOver({ "first.md": first, "second.md": second });
    for (const f of ["first.md", "second.md"]) expect("reason" in parseArticle(f, readFileSync(path.join(corpusDir, f), "utf8"))).toBe(false);
    const news = small.whatsNew("2025-05-02");
    expect(news.articles.map((a) => a.file)).toEqual(["second.md"]);
    expect(news.items.map((i) => i.text)).toEqual(["On Saturday the foreign minister announced a new round of talks in Geneva next month."]);
    // From the start, the first article's sentences are all new, and the second adds only its last.
    expect(small.whatsNew("2025-01-01").items).toHaveLength(4);
    await small.close();
  });
});

describe("npm run timeline", () => {
  it("prints one line per event: ISO date, sentence, citation; --limit keeps the most recent", async () => {
    const all = await runCli("src/cli/timeline.ts", ["--corpus", EVAL_CORPUS, "--index", indexDir]);
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split("\n");
    expect(lines).toHaveLength(timeline.length);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d{2}-\d{2} {2}\S.* — .+ ¶\d+ \(.+\.md\)/);
    expect(lines.filter((l) => l.startsWith("2025-12-02")).some((l) => l.endsWith("Talks have begun in the Kremlin. — Capital Dispatch ¶9 (dev-c-kremlin-talks-live.md)"))).toBe(true);
    const last = await runCli("src/cli/timeline.ts", ["--corpus", EVAL_CORPUS, "--index", indexDir, "--limit", "3", "--since", "2025-06-01"]);
    expect(last.stdout.trim().split("\n")).toEqual(lines.slice(-3));
  });

  it("refuses a date it cannot read and a bad --limit, with usage", async () => {
    const bad = await runCli("src/cli/timeline.ts", ["--corpus", EVAL_CORPUS, "--index", indexDir, "--since", "banana"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since: cannot read "banana" as a date/);
    const limit = await runCli("src/cli/timeline.ts", ["--limit", "0"]);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toMatch(/--limit takes a whole number/);
  });
});
