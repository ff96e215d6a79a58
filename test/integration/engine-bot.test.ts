import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/engine.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { realModel } from "../helpers/model.js";

const KREMLIN = "kremlin-sees-progress-as-trumps-envoy-meets-putin.md";
const WITKOFF = "witkoff-putin-talks-reuters-cgtn-gnews.md";
const DATED = `---
title: Envoy's talks
outlet: Wire
url: https://news.test/envoy
published: 2025-04-25
---
Talks went on late. "We made progress," Witkoff said.

"It was a good day," Witkoff added.
`;
const FULL_NAME = `---
title: Envoy returns
outlet: Wire
---
"We will be back," Steve Witkoff said on Saturday.
`;

let engine: Engine;
let corpus: string;

beforeAll(async () => {
  corpus = corpusCopy({ "envoy.md": DATED, "returns.md": FULL_NAME });
  engine = await Engine.open({ corpusDir: corpus, indexDir: path.join(tempDir(), "index"), embedder: await realModel() });
});

describe("engine methods behind the bot", () => {
  it("speakers(): distinct speakers, most quoted first, a lone surname merged into the one full name that ends with it", () => {
    const speakers = engine.speakers();
    const counts = speakers.map((s) => s.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(speakers[0]!.name).toBe("Yuri Ushakov");
    const witkoff = speakers.find((s) => s.name === "Steve Witkoff");
    // "Witkoff said" and "Steve Witkoff" are one speaker.
    expect(witkoff?.spellings.sort()).toEqual(["Steve Witkoff", "Witkoff"]);
    expect(witkoff?.count).toBe(3);
    expect(speakers.filter((s) => s.name === "Witkoff")).toEqual([]);
    expect(engine.quotesBy("Steve Witkoff").map((q) => q.text)).toEqual(expect.arrayContaining(["We made progress", "We will be back"]));
  });

  it("quotesBy() includes reported statements after the quotes", () => {
    const z = engine.quotesBy("Zelensky");
    expect(z.map((q) => q.kind)).toEqual(["statement", "statement"]);
    const trump = engine.quotesBy("trump");
    const firstStatement = trump.findIndex((q) => q.kind === "statement");
    expect(trump.slice(0, firstStatement).every((q) => q.kind === "quote")).toBe(true);
  });

  it("paragraph(): the paragraph as cited (as indexed, even once the file changes), with the article's title, outlet, link and date", async () => {
    const p = await engine.paragraph("envoy.md", 2);
    expect(p).toEqual({ ok: true, paragraph: 2, text: '"It was a good day," Witkoff added.', article: { file: "envoy.md", title: "Envoy's talks", outlet: "Wire", url: "https://news.test/envoy", published: "2025-04-25" } });
    expect(await engine.paragraph("envoy.md", 99)).toEqual({ ok: false, reason: "unknown-paragraph" });
    expect(await engine.paragraph("nope.md", 1)).toEqual({ ok: false, reason: "unknown-article" });
    const untitled = await engine.paragraph(WITKOFF, 1);
    expect(untitled.ok && untitled.article.title).toBe("U.S. President Donald Trump's special envoy Steve Witkoff met with Russian President…");
    writeFileSync(path.join(corpus, "envoy.md"), DATED.replace("Talks went on late.", "Talks went on very late."));
    expect(await engine.paragraph("envoy.md", 2)).toMatchObject({ ok: true, text: '"It was a good day," Witkoff added.' });
  });

  it("displayTitle(): the title, or the first sentence without its dateline, never the file name", () => {
    expect(engine.displayTitle(KREMLIN)).toBe("Kremlin sees progress as Trump's envoy meets Putin");
    expect(engine.displayTitle(WITKOFF)).not.toMatch(/MOSCOW|\.md/);
    expect(engine.displayTitle("missing.md")).toBeNull();
  });

  it("suggestions(): questions this corpus answers and the most quoted people", async () => {
    const s = await engine.suggestions();
    expect(s.questions.length).toBeGreaterThan(0);
    expect(s.questions.length).toBeLessThanOrEqual(3);
    for (const q of s.questions) expect((await engine.ask(q)).answered).toBe(true);
    expect(s.people[0]).toEqual({ name: "Yuri Ushakov", count: expect.any(Number) });
  });

  it("articleFileFor(): the stored name for a name as stored or as uploaded", () => {
    expect(engine.articleFileFor("Envoy.md")).toBe("envoy.md");
    expect(engine.articleFileFor("Kremlin Sees Progress As Trumps Envoy Meets Putin.md")).toBe(KREMLIN);
    expect(engine.articleFileFor("nothing.md")).toBeNull();
  });
});
