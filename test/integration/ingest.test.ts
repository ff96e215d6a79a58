import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArticle } from "../../src/corpus/load.js";
import type { Article } from "../../src/corpus/types.js";
import { CorpusError, Engine } from "../../src/engine.js";
import { addArticleFromUrl } from "../../src/ingest/ingest.js";
import { tempDir } from "../helpers/corpus.js";
import { realModel } from "../helpers/model.js";
import { GENEVA_PATH, page, startPageServer, type PageServer } from "../helpers/pages.js";
import { refusal } from "../helpers/refusal.js";

let site: PageServer;
beforeAll(async () => {
  site = await startPageServer();
});
afterAll(async () => {
  await site?.close();
});

const local = { allowPrivate: true };
const read = (dir: string, file: string) => parseArticle(file, readFileSync(path.join(dir, file), "utf8")) as Article;
const articleFiles = (dir: string) => readdirSync(dir).filter((f) => !f.startsWith("."));

describe("adding an article from a link", () => {
  it("saves Markdown with front matter from the page; the same link again updates that file", async () => {
    const dir = tempDir();
    const first = await addArticleFromUrl(dir, site.url(`${GENEVA_PATH}?utm_source=twitter#top`), local);
    expect(first).toEqual({
      file: "envoys-meet-in-geneva-as-talks-on-ceasefire-resume.md",
      updated: false,
      title: "Envoys meet in Geneva as talks on ceasefire resume",
      outlet: "The Harbour Post",
      published: "2025-08-14",
      byline: "Maria Keller, Tom Briggs",
      url: "https://www.harbourpost.example/world/2025/08/14/envoys-meet-in-geneva",
      paragraphs: 6,
    });
    const saved = read(dir, first.file);
    expect(saved).toMatchObject({ title: first.title, outlet: "The Harbour Post", url: first.url, published: "2025-08-14" });

    // The same article through a redirect and without tracking parameters: one file, rewritten.
    writeFileSync(path.join(dir, first.file), readFileSync(path.join(dir, first.file), "utf8").replace("five hours", "FIVE HOURS"));
    const again = await addArticleFromUrl(dir, site.url("/moved"), local);
    expect(again).toMatchObject({ file: first.file, updated: true });
    expect(articleFiles(dir)).toEqual([first.file]);
    expect(readFileSync(path.join(dir, first.file), "utf8")).toContain("five hours");
  });

  it("a page without metadata: outlet from the host, url as fetched; another page with the same title gets its own file", async () => {
    const dir = tempDir();
    const a = await addArticleFromUrl(dir, site.url("/bare"), local);
    expect(a).toMatchObject({ file: "prisoner-exchange-completed-at-the-border.md", outlet: "127.0.0.1", published: null, byline: null, url: site.url("/bare") });
    const copy = await addArticleFromUrl(dir, site.url("/bare?edition=uk"), local);
    expect(copy).toMatchObject({ file: "prisoner-exchange-completed-at-the-border-2.md", updated: false });
    expect(articleFiles(dir).sort()).toEqual(["prisoner-exchange-completed-at-the-border-2.md", "prisoner-exchange-completed-at-the-border.md"]);
  });

  it("gzip, an old charset and plain text pages are saved as readable articles", async () => {
    const dir = tempDir();
    const riyadh = await addArticleFromUrl(dir, site.url("/news/riyadh-talks-end"), local);
    expect(riyadh).toMatchObject({ title: "Talks in Riyadh end without a deal", outlet: "Daily Ledger", published: "2025-03-24", url: "https://ledger.example/news/riyadh-talks-end" });
    const old = await addArticleFromUrl(dir, site.url("/windows-1252"), local);
    expect(read(dir, old.file).content).toContain("“We kept his table by the window,” his mother said");
    expect(old.file).toBe("cafe-owners-son-among-prisoners-freed.md");
    const txt = await addArticleFromUrl(dir, site.url("/story.txt"), local);
    expect(txt).toMatchObject({ file: "grain-corridor-talks-resume-in-istanbul.md", title: "Grain corridor talks resume in Istanbul", paragraphs: 3 });
  });

  it("two adds of one link at the same time make one file", async () => {
    const dir = tempDir();
    const [a, b] = await Promise.all([addArticleFromUrl(dir, site.url(GENEVA_PATH), local), addArticleFromUrl(dir, site.url(`${GENEVA_PATH}?utm_campaign=x`), local)]);
    expect(a.file).toBe(b.file);
    expect([a.updated, b.updated].sort()).toEqual([false, true]);
    expect(articleFiles(dir)).toHaveLength(1);
  });

  it("refuses what is not an article, or too long an article, writing nothing", async () => {
    const dir = tempDir();
    expect((await refusal(addArticleFromUrl(dir, site.url("/world"), local))).code).toBe("not-article");
    const long = await refusal(addArticleFromUrl(dir, site.url("/long-read"), local));
    expect(long.code).toBe("too-large");
    expect(long.message).toMatch(/^The article's text is too large \(.* over the 1 MB limit set by MAX_ARTICLE_BYTES\)\.$/);
    expect((await refusal(addArticleFromUrl(dir, site.url("/report.pdf"), local))).code).toBe("not-html");
    expect((await refusal(addArticleFromUrl(dir, site.url(GENEVA_PATH)))).code).toBe("private-address");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a missing corpus folder is said before anything is fetched", async () => {
    const before = site.hits.length;
    await expect(addArticleFromUrl(path.join(tempDir(), "nope"), site.url(GENEVA_PATH), local)).rejects.toThrow(CorpusError);
    expect(site.hits.length).toBe(before);
  });
});

describe("through the engine", () => {
  it("an added link and an HTML file are indexed like any article and cited verbatim", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "riyadh.html"), page("daily-ledger-riyadh.html"));
    const engine = await Engine.open({ corpusDir: dir, indexDir: path.join(tempDir(), "index"), embedder: await realModel(), ingest: local });
    expect(engine.articles.map((a) => [a.file, a.title, a.outlet, a.published])).toEqual([["riyadh.html", "Talks in Riyadh end without a deal", "Daily Ledger", "2025-03-24"]]);

    const added = await engine.addArticleFromUrl(site.url(GENEVA_PATH));
    expect(added.file).toBe("envoys-meet-in-geneva-as-talks-on-ceasefire-resume.md");
    await engine.reindex();
    expect(engine.articles).toHaveLength(2);

    const geneva = await engine.ask("How long did the envoys meet in Geneva?");
    expect(geneva.answered).toBe(true);
    const top = geneva.items[0]!;
    expect(top.text).toContain("five hours");
    expect(top.sources[0]).toMatchObject({ article: added.file, outlet: "The Harbour Post", url: "https://www.harbourpost.example/world/2025/08/14/envoys-meet-in-geneva", paragraph: 1 });
    expect(readFileSync(path.join(dir, added.file), "utf8")).toContain(top.text);

    const riyadh = await engine.ask("How long were the talks in Riyadh?");
    const fromHtml = riyadh.items.filter((i) => i.sources.some((s) => s.article === "riyadh.html"));
    expect(fromHtml[0]!.text).toContain("twelve hours of talks in Riyadh");
    expect(fromHtml[0]!.sources[0]).toMatchObject({ title: "Talks in Riyadh end without a deal", outlet: "Daily Ledger", url: "https://ledger.example/news/riyadh-talks-end", paragraph: 1 });
    // Cited text is verbatim in the article's stored text (the text read out of the page).
    const stored = parseArticle("riyadh.html", page("daily-ledger-riyadh.html")) as Article;
    for (const item of fromHtml) expect(stored.content).toContain(item.text);
  });
});
