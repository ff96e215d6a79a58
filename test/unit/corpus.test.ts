import { symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chunkParagraph } from "../../src/corpus/chunks.js";
import { CorpusError, loadCorpus, parseArticle } from "../../src/corpus/load.js";
import { splitParagraphs } from "../../src/corpus/paragraphs.js";
import { splitSentences } from "../../src/corpus/sentences.js";
import { CORPUS_DIR, article, tempDir } from "../helpers/corpus.js";

describe("loading articles", () => {
  it("reads .md front matter and keeps offsets into the file", () => {
    const content = `---\ntitle: Talks in Moscow\noutlet: Reuters\nurl: https://example.com/a\npublished: 2025-04-25\n---\nFirst paragraph here.\n\nSecond one.\n`;
    const a = article("a.md", content);
    expect(a).toMatchObject({ title: "Talks in Moscow", outlet: "Reuters", url: "https://example.com/a", published: "2025-04-25" });
    const ps = splitParagraphs(a);
    expect(ps.map((p) => p.text)).toEqual(["First paragraph here.", "Second one."]);
    for (const p of ps) expect(content.slice(p.start, p.end)).toBe(p.text);
  });

  it("uses a .txt headline as the title, but not a first paragraph", () => {
    const seed2 = article("b.txt", "Kremlin sees progress as Trump's envoy meets Putin\n\nThe envoy met Putin on Friday.\n");
    expect(seed2.title).toBe("Kremlin sees progress as Trump's envoy meets Putin");
    const seed1 = article("a.txt", "MOSCOW - The envoy met Putin for three hours on Friday.\nTrump said it went well.\n");
    expect(seed1.title).toBeNull();
  });

  it("reads the publication date of a pasted article from its byline lines, not from its story", () => {
    const byline = article("p.txt", "Kremlin says Putin received envoy\n\nBy Jane Doe | Wire Service | Aug 6, 2025\n\nThe envoy met Putin on Wednesday.\n");
    expect(byline.title).toBe("Kremlin says Putin received envoy");
    expect(byline.published).toBe("2025-08-06");
    expect(article("q.md", "Published: 6 August 2025\n\nThe envoy met Putin.\n").published).toBe("2025-08-06");
    // Two authors, an outlet and a dated time, between separators that are not words.
    expect(article("u.txt", "Kremlin says envoy brought signals\nAnna Example, Boris Example | Kyiv Daily | Friday, 14 March 2025, 12:47\n\nThe envoy met Putin.\n").published).toBe("2025-03-14");
    // Front matter wins over a byline.
    expect(article("r.md", "---\npublished: 2025-08-07\n---\nAug 6, 2025\n\nThe envoy met Putin.\n").published).toBe("2025-08-07");
    // A date the story talks about is not when it was published.
    expect(article("s.txt", "Talks in Istanbul\n\nRussia and Ukraine met in Istanbul on June 2, 2025, for talks that lasted an hour.\n").published).toBeNull();
    expect(article("t.txt", "Talks in Istanbul\n\nUpdated 2 hours ago\n\nThe delegations met.\n").published).toBeNull();
  });

  it("names a pasted article's outlet from its byline, never an author, a date or a place", () => {
    const outlet = (byline: string) => article("o.txt", `Kremlin says Putin received envoy\n${byline}\n\nThe envoy met Putin on Wednesday.\n`).outlet;
    expect(outlet("By Jane Doe | Wire Service | Aug 6, 2025")).toBe("Wire Service");
    expect(outlet("Anna Example, Boris Example | Kyiv Daily | Friday, 14 March 2025, 12:47")).toBe("Kyiv Daily");
    // The wire, then the outlet that ran it.
    expect(outlet("Reuters | TimesLIVE | 2025-12-01")).toBe("TimesLIVE");
    expect(outlet("TASS (via News-Pravda) | MOSCOW, August 6")).toBe("TASS");
    expect(outlet("iget.news, April 3, 2025")).toBe("iget.news");
    expect(outlet("Livemint")).toBe("Livemint");
    expect(outlet("Jane Doe | Aug 6, 2025")).toBeNull();
    expect(outlet("By Sam Okafor")).toBeNull();
    expect(outlet("MOSCOW")).toBeNull();
    expect(outlet("Analysis")).toBeNull();
    // A first paragraph, a dateline or a story's sentence is not a byline.
    expect(article("p.txt", "Talks in Istanbul\n\nKremlin says talks useful\n\nThe delegations met.\n").outlet).toBeNull();
    expect(article("q.txt", "Talks in Istanbul\n\nMOSCOW (Reuters) - The delegations met on Friday, officials said.\n").outlet).toBeNull();
    // Front matter wins.
    expect(article("r.md", "---\noutlet: Daily Ledger\n---\nBy Jane Doe | Wire Service\n\nThe envoy met Putin.\n").outlet).toBe("Daily Ledger");
  });

  it("keeps byline lines out of the story, so a dated byline never answers a question", () => {
    const a = article("o.txt", "Kremlin says Putin received envoy\nReuters | TimesLIVE | 2025-12-01\nBy Jane Doe\n\nThe envoy met Putin on Wednesday.\n\nTalks went on.\n");
    expect(splitParagraphs(a).map((p) => p.text)).toEqual(["The envoy met Putin on Wednesday.", "Talks went on."]);
    expect(a).toMatchObject({ outlet: "TimesLIVE", published: "2025-12-01" });
    // A short first line that is neither a date, an outlet nor authors is story text.
    expect(splitParagraphs(article("p.txt", "Talks in Istanbul\n\nKremlin says talks useful\n\nThe delegations met.\n")).map((p) => p.text)).toEqual(["Kremlin says talks useful", "The delegations met."]);
  });

  it("drops the stray lines of scraped pages and keeps story text", () => {
    const a = article("x.txt", "Headline here\n\n.\n\nMOSCOW/LONDON:\n\nThe story starts.\n\nLoad Next Story\n");
    expect(splitParagraphs(a).map((p) => p.text)).toEqual(["The story starts."]);
  });

  it("joins hard-wrapped lines of one paragraph", () => {
    const a = article("w.md", "The envoy met Putin\nfor three hours on Friday.\n\nNext paragraph.\n");
    expect(splitParagraphs(a).map((p) => p.text)).toEqual(["The envoy met Putin\nfor three hours on Friday.", "Next paragraph."]);
  });

  it("skips empty, binary and unreadable files with a warning naming each, and loads the rest", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "good.txt"), "A story about talks in Moscow.\n");
    writeFileSync(path.join(dir, "empty.txt"), "");
    writeFileSync(path.join(dir, "binary.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    symlinkSync(path.join(dir, "gone.txt"), path.join(dir, "dangling.txt"));
    writeFileSync(path.join(dir, "notes.json"), "{}");
    const c = await loadCorpus(dir);
    expect(c.articles.map((a) => a.file)).toEqual(["good.txt"]);
    const reasons = Object.fromEntries(c.warnings.map((w) => [w.file, w.reason]));
    expect(reasons["empty.txt"]).toMatch(/empty/);
    expect(reasons["binary.md"]).toMatch(/binary/);
    expect(reasons["dangling.txt"]).toMatch(/unreadable/);
    expect(Object.keys(reasons)).not.toContain("notes.json");
  });

  it("refuses a missing corpus folder with a clear error", async () => {
    await expect(loadCorpus("/nonexistent/corpus")).rejects.toThrow(CorpusError);
    await expect(loadCorpus("/nonexistent/corpus")).rejects.toThrow(/Corpus folder not found/);
  });

  it("reports invalid front matter instead of throwing", () => {
    const r = parseArticle("bad.md", "---\ntitle: [unclosed\n---\nText.\n");
    expect("reason" in r && r.reason).toMatch(/front matter/);
  });

  it("reads hand-written front matter whose title holds a colon, which YAML refuses", () => {
    const r = parseArticle("c.md", "---\ntitle: Ukraine accepts ceasefire: Saudi media\noutlet: TRT World\nurl: https://www.trtworld.com:443/article/1\npublished: 2025-03-12\n---\nText.\n");
    expect(r).toMatchObject({ title: "Ukraine accepts ceasefire: Saudi media", outlet: "TRT World", url: "https://www.trtworld.com:443/article/1", published: "2025-03-12" });
  });

  it("reads front matter under other tools' names, and stores any readable publication date as yyyy-mm-dd", () => {
    const meta = (fm: string) => {
      const a = parseArticle("a.md", `---\n${fm}\n---\nThe envoys met for four hours.\n`);
      if ("reason" in a) throw new Error(a.reason);
      return { title: a.title, outlet: a.outlet, url: a.url, published: a.published };
    };
    expect(meta("headline: Envoys meet\nsource: Meridian Wire\nlink: https://example.com/a\ndate: Aug 15, 2025")).toEqual({
      title: "Envoys meet",
      outlet: "Meridian Wire",
      url: "https://example.com/a",
      published: "2025-08-15",
    });
    expect(meta("published: 2025-08-15T21:30:00-08:00").published).toBe("2025-08-15");
    expect(meta("published: 2025-08-15").published).toBe("2025-08-15");
    expect(meta('published: "Fri, 15 Aug 2025 10:00:00 GMT"').published).toBe("2025-08-15");
    // Not misread as some date: left out.
    expect(meta("published: sometime last week").published).toBeNull();
    // The first readable one wins; the project's own names come first.
    expect(meta("date: 2025-01-01\npublished: 2025-08-15").published).toBe("2025-08-15");
    expect(meta("published: unknown\ndate: 2025-01-01").published).toBe("2025-01-01");
    // A link given as the source is where the article came from, not its outlet.
    expect(meta("source: https://example.com/b")).toMatchObject({ outlet: null, url: "https://example.com/b" });
    expect(meta("source: https://example.com/b\nurl: https://example.com/c")).toMatchObject({ url: "https://example.com/c" });
  });

  it("loads the repository's seed articles with their front matter and without page furniture", async () => {
    const c = await loadCorpus(CORPUS_DIR);
    expect(c.articles.length).toBeGreaterThanOrEqual(2);
    expect(c.warnings).toEqual([]);
    const second = c.articles.find((a) => a.file === "kremlin-sees-progress-as-trumps-envoy-meets-putin.md")!;
    expect(second.outlet).toBe("Reuters");
    expect(second.title).toBe("Kremlin sees progress as Trump's envoy meets Putin");
    expect(splitParagraphs(second).some((p) => /Load Next Story|^\.$/.test(p.text))).toBe(false);
  });
});

describe("page furniture", () => {
  it("drops a wire story's credit line, and keeps a sentence that only mentions reporting", () => {
    const a = article("w.md", `The envoys met for four hours.\n\n(Reporting by Levant Wire staff in Riyadh; Editing by the Gulf desk)\n\nReporting by state media could not be confirmed.\n`);
    expect(splitParagraphs(a).map((p) => p.text)).toEqual(["The envoys met for four hours.", "Reporting by state media could not be confirmed."]);
  });
});

describe("sentences", () => {
  it("does not break after abbreviations and keeps a trailing attribution with its quote", () => {
    const text = `U.S. President Donald Trump met Mr. Smith. "SUCCESS seems to be in the future!" Trump wrote. There was no comment.`;
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      "U.S. President Donald Trump met Mr. Smith.",
      `"SUCCESS seems to be in the future!" Trump wrote.`,
      "There was no comment.",
    ]);
  });

  it("reads its abbreviations from the lexicon: capitalised ones, the few written in lower case, and not a lower-case 'no.'", () => {
    const text = `Lt. Gen. Keith Kellogg met them on Sept. 5 at No. 10 Downing Street. It was Russia vs. Ukraine again. The answer was no. Talks went on.`;
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      "Lt. Gen. Keith Kellogg met them on Sept. 5 at No. 10 Downing Street.",
      "It was Russia vs. Ukraine again.",
      "The answer was no.",
      "Talks went on.",
    ]);
    // Every month's short form, June and July too.
    expect(splitSentences("Talks ended. On Jul. 29, Trump announced sanctions. On Jun. 2, Umerov led the team.").map((s) => s.text)).toEqual([
      "Talks ended.",
      "On Jul. 29, Trump announced sanctions.",
      "On Jun. 2, Umerov led the team.",
    ]);
  });

  it("keeps a wire dateline with its story's first sentence, not as sentences of its own", () => {
    expect(splitSentences("ST. PETERSBURG, April 11. /TASS/. The envoy described the talks as productive. He said more.").map((s) => s.text)).toEqual([
      "ST. PETERSBURG, April 11. /TASS/. The envoy described the talks as productive.",
      "He said more.",
    ]);
    expect(splitSentences("MOSCOW. Russia will not leave the talks. It said so.").map((s) => s.text)).toEqual(["MOSCOW. Russia will not leave the talks.", "It said so."]);
    // Only at the start of a paragraph: later capitals are a sentence of their own.
    expect(splitSentences("The talks ended. NATO. Then more.").map((s) => s.text)).toEqual(["The talks ended.", "NATO.", "Then more."]);
  });

  it("keeps a quotation set between dashes inside its sentence, full stops and all", () => {
    const text = "Orlov, who opened with a warm greeting—“Good afternoon, neighbour. Good to see you”—later praised the host. He left at noon. “We are ready. We want peace,” Novak said.";
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      "Orlov, who opened with a warm greeting—“Good afternoon, neighbour. Good to see you”—later praised the host.",
      "He left at noon.",
      // A quote that opens the sentence still splits at its full stops, as before.
      "“We are ready.",
      "We want peace,” Novak said.",
    ]);
  });

  it("keeps a clock time's zone in its sentence, but not a new sentence after a time", () => {
    const text = "The talks began at 13:30 p.m. Moscow time with Fidan present. They ended at 2 p.m. GMT on Friday. The truce began at 6pm. Moscow time (1500 GMT) on Saturday. He left at 9 a.m. The time was right. They met at 5 p.m. Moscow was quiet. It ended at 7pm. Moscow was quiet.";
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      "The talks began at 13:30 p.m. Moscow time with Fidan present.",
      "They ended at 2 p.m. GMT on Friday.",
      "The truce began at 6pm. Moscow time (1500 GMT) on Saturday.",
      "He left at 9 a.m.",
      "The time was right.",
      "They met at 5 p.m.",
      "Moscow was quiet.",
      "It ended at 7pm.",
      "Moscow was quiet.",
    ]);
  });

  it("returns offsets into the original text", () => {
    const text = "  One sentence here. Another one.";
    for (const s of splitSentences(text, 100)) expect(text.slice(s.start - 100, s.end - 100)).toBe(s.text);
  });
});

describe("chunks", () => {
  it("splits a paragraph longer than the window between sentences, never inside one", () => {
    const text = Array.from({ length: 12 }, (_, i) => `Sentence number ${i} talks about the meeting in Moscow.`).join(" ");
    const words = (t: string) => t.split(/\s+/).length;
    const chunks = chunkParagraph({ start: 0, end: text.length, number: 1, text }, 30, words);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      const piece = text.slice(c.start, c.end);
      expect(piece).toMatch(/^Sentence number \d+/);
      expect(piece).toMatch(/Moscow\.$/);
      expect(words(piece)).toBeLessThanOrEqual(30);
    }
    expect(chunks.map((c) => text.slice(c.start, c.end)).join(" ")).toBe(text);
  });

  it("keeps a paragraph that fits as one chunk", () => {
    expect(chunkParagraph({ start: 5, end: 20, number: 1, text: "Short paragraph." }, 30, () => 3)).toEqual([{ start: 5, end: 20 }]);
  });
});
