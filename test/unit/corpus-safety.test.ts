import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SettingError, engineConfig } from "../../src/config.js";
import { DEFAULT_MAX_ARTICLE_BYTES, formatBytes, maxArticleBytes } from "../../src/corpus/limits.js";
import { loadCorpus } from "../../src/corpus/load.js";
import { addArticle } from "../../src/corpus/manage.js";
import { tempDir } from "../helpers/corpus.js";

const STORY = "Kremlin aide Yuri Ushakov said the talks were constructive.\n";

function reasons(warnings: { file: string; reason: string }[]): Record<string, string> {
  return Object.fromEntries(warnings.map((w) => [w.file, w.reason]));
}

describe("symbolic links in the corpus folder", () => {
  it("refuses a link that leads outside the corpus, and says so, without reading it", async () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, "secrets.env"), "DISCORD_TOKEN=MTIz.secret.token\nThe bot token is above.\n");
    const dir = tempDir();
    writeFileSync(path.join(dir, "story.md"), STORY);
    symlinkSync(path.join(outside, "secrets.env"), path.join(dir, "leak.md"));
    // A relative link that climbs out is the same thing.
    symlinkSync(path.join("..", path.basename(outside), "secrets.env"), path.join(dir, "climb.txt"));
    const c = await loadCorpus(dir);
    expect(c.articles.map((a) => a.file)).toEqual(["story.md"]);
    const r = reasons(c.warnings);
    expect(r["leak.md"]).toMatch(/symbolic link to a file outside the corpus folder/);
    expect(r["climb.txt"]).toMatch(/outside the corpus folder/);
    expect(JSON.stringify(c)).not.toContain("MTIz.secret.token");
  });

  it("refuses a link through a linked folder that leaves the corpus", async () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, "private.md"), STORY);
    const dir = tempDir();
    symlinkSync(outside, path.join(dir, "elsewhere"));
    symlinkSync(path.join(dir, "elsewhere", "private.md"), path.join(dir, "via-folder.md"));
    const c = await loadCorpus(dir);
    expect(c.articles).toEqual([]);
    expect(reasons(c.warnings)["via-folder.md"]).toMatch(/outside the corpus folder/);
  });

  it("follows a link to another file inside the corpus, and a corpus folder that is itself a link", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "archive"));
    writeFileSync(path.join(dir, "archive", "original.md"), STORY);
    symlinkSync(path.join("archive", "original.md"), path.join(dir, "linked.md"));
    const c = await loadCorpus(dir);
    expect(c.warnings).toEqual([]);
    expect(c.articles.map((a) => [a.file, a.content])).toEqual([["linked.md", STORY]]);

    const alias = path.join(tempDir(), "corpus-alias");
    symlinkSync(dir, alias);
    const viaAlias = await loadCorpus(alias);
    expect(viaAlias.articles.map((a) => a.file)).toEqual(["linked.md"]);
  });

  it("still reports a dangling link as unreadable", async () => {
    const dir = tempDir();
    symlinkSync(path.join(dir, "gone.txt"), path.join(dir, "dangling.txt"));
    const c = await loadCorpus(dir);
    expect(reasons(c.warnings)["dangling.txt"]).toMatch(/unreadable/);
  });
});

describe("the article size limit", () => {
  const saved = process.env.MAX_ARTICLE_BYTES;
  afterEach(() => {
    if (saved === undefined) delete process.env.MAX_ARTICLE_BYTES;
    else process.env.MAX_ARTICLE_BYTES = saved;
  });

  it("is one setting, 1 MB by default, validated", () => {
    expect(DEFAULT_MAX_ARTICLE_BYTES).toBe(1_000_000);
    expect(maxArticleBytes({})).toBe(1_000_000);
    expect(maxArticleBytes({ MAX_ARTICLE_BYTES: "" })).toBe(1_000_000);
    expect(maxArticleBytes({ MAX_ARTICLE_BYTES: " 2500 " })).toBe(2500);
    for (const bad of ["abc", "0", "-5", "1.5", "1MB"]) expect(() => maxArticleBytes({ MAX_ARTICLE_BYTES: bad }), bad).toThrow(SettingError);
    expect(() => engineConfig({}, { MAX_ARTICLE_BYTES: "lots" })).toThrow(/MAX_ARTICLE_BYTES must be a whole number of bytes/);
    expect(engineConfig({}, { MAX_ARTICLE_BYTES: "4096" }).maxArticleBytes).toBe(4096);
    expect([formatBytes(1_000_000), formatBytes(52_428_800), formatBytes(2500), formatBytes(12)]).toEqual(["1 MB", "52.4 MB", "2.5 kB", "12 bytes"]);
  });

  it("skips a 50 MB file at index time with a message naming the limit, and loads the rest", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "story.md"), STORY);
    // Sparse: 50 MB on paper, nothing on disk; the old loader read all of it.
    writeFileSync(path.join(dir, "huge.txt"), STORY);
    truncateSync(path.join(dir, "huge.txt"), 50 * 1024 * 1024);
    const c = await loadCorpus(dir);
    expect(c.articles.map((a) => a.file)).toEqual(["story.md"]);
    expect(reasons(c.warnings)["huge.txt"]).toBe("too large (52.4 MB, over the 1 MB limit set by MAX_ARTICLE_BYTES)");
  });

  it("accepts a file of exactly the limit and refuses one byte more, from the setting or an option", async () => {
    const dir = tempDir();
    const text = (n: number) => `${"word ".repeat(Math.ceil(n / 5))}`.slice(0, n - 2) + ".\n";
    writeFileSync(path.join(dir, "exact.txt"), text(300));
    writeFileSync(path.join(dir, "over.txt"), text(301));
    process.env.MAX_ARTICLE_BYTES = "300";
    const c = await loadCorpus(dir);
    expect(c.articles.map((a) => a.file)).toEqual(["exact.txt"]);
    expect(reasons(c.warnings)["over.txt"]).toMatch(/301 bytes, over the 300 bytes limit/);
    const wider = await loadCorpus(dir, { maxBytes: 301 });
    expect(wider.articles.map((a) => a.file)).toEqual(["exact.txt", "over.txt"]);
  });

  it("applies the same setting to /corpus add", async () => {
    const dir = tempDir();
    await expect(addArticle(dir, "big.txt", Buffer.from(text(1_500_000)))).rejects.toThrow(
      "big.txt is too large (1.5 MB, over the 1 MB limit set by MAX_ARTICLE_BYTES).",
    );
    process.env.MAX_ARTICLE_BYTES = "100";
    await expect(addArticle(dir, "small.txt", Buffer.from(STORY.repeat(2)))).rejects.toThrow(/over the 100 bytes limit/);
    delete process.env.MAX_ARTICLE_BYTES;
    expect((await addArticle(dir, "small.txt", Buffer.from(STORY.repeat(2)))).file).toBe("small.txt");
    expect(readFileSync(path.join(dir, "small.txt"), "utf8")).toBe(STORY.repeat(2));
  });

  it("does not take a dangling link's name as free when adding", async () => {
    const dir = tempDir();
    symlinkSync(path.join(tempDir(), "nowhere.md"), path.join(dir, "talks.md"));
    await expect(addArticle(dir, "talks.md", Buffer.from(STORY))).rejects.toThrow(/already in the corpus/);
  });
});

function text(n: number): string {
  return "The envoy met Putin. ".repeat(Math.ceil(n / 21)).slice(0, n);
}
