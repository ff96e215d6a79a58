import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCorpus, parseArticle } from "../../src/corpus/load.js";
import { splitParagraphs } from "../../src/corpus/paragraphs.js";
import type { Article } from "../../src/corpus/types.js";
import { IngestError } from "../../src/ingest/errors.js";
import { extractArticle } from "../../src/ingest/extract.js";
import { fromPlainText } from "../../src/ingest/ingest.js";
import { articleMarkdown } from "../../src/ingest/markdown.js";
import { isoDate } from "../../src/text/dates.js";
import { slug } from "../../src/ingest/save.js";
import { tempDir } from "../helpers/corpus.js";
import { page } from "../helpers/pages.js";

const FURNITURE = [
  "cookie",
  "Accept all",
  "We and our 214 partners",
  "Subscribe for £1",
  "Advertisement",
  "SkyBargain",
  "premium newsletter",
  "Sponsored",
  "Five stocks",
  "Read more",
  "What is in the 30-day ceasefire proposal",
  "Related stories",
  "Oil prices slip",
  "Most read",
  "Cup final",
  "Trending",
  "Daily Ledger briefing",
  "Share on X",
  "All rights reserved",
  "Topics:",
  "Delegations arrive at the hotel", // photo caption
  "Back to front page",
  "Sign in",
];

function notArticle(html: string): IngestError {
  try {
    extractArticle(html);
  } catch (err) {
    if (err instanceof IngestError) return err;
    throw err;
  }
  throw new Error("extracted an article");
}

describe("reading an article out of a page", () => {
  it("a full news page: JSON-LD @graph metadata, story paragraphs, no page furniture", () => {
    const a = extractArticle(page("harbour-post-geneva.html"), { url: "https://www.harbourpost.example/world/2025/08/14/envoys-meet-in-geneva?utm_source=x" });
    expect(a.title).toBe("Envoys meet in Geneva as talks on ceasefire resume"); // JSON-LD headline, not og:title
    expect(a.outlet).toBe("The Harbour Post");
    expect(a.byline).toBe("Maria Keller, Tom Briggs");
    expect(a.published).toBe("2025-08-14");
    expect(a.canonicalUrl).toBe("https://www.harbourpost.example/world/2025/08/14/envoys-meet-in-geneva");
    expect(a.paragraphs).toEqual([
      "GENEVA — American and Russian envoys met for five hours in Geneva on Thursday, the first face-to-face round of talks since the spring, as both sides sought to revive a stalled plan for a ceasefire in Ukraine.",
      '"We had a frank and useful conversation, and we agreed to meet again within weeks," the US special envoy told reporters outside the hotel after the meeting ended late in the evening.',
      'A Kremlin spokesman said the two delegations had discussed "the sequencing of a possible truce" but that no document had been signed. "It is too early to speak of results," he said.',
      "Ukraine's foreign minister, who was not at the talks, said Kyiv would accept no agreement reached without it. \"Nothing about Ukraine without Ukraine,\" she wrote on social media.",
      "Diplomats familiar with the talks said the envoys had exchanged written proposals on prisoner swaps and on monitoring a line of contact, and that experts would continue the work next week.",
      "The meeting came two weeks after a round of drone strikes on energy facilities on both sides, which officials in Washington had described as a setback for the negotiations.",
    ]);
  });

  it("a page with OpenGraph and meta tags only", () => {
    const a = extractArticle(page("daily-ledger-riyadh.html"));
    expect(a).toMatchObject({ title: "Talks in Riyadh end without a deal", outlet: "Daily Ledger", byline: "Sam Okafor", published: "2025-03-24", canonicalUrl: "https://ledger.example/news/riyadh-talks-end" });
    expect(a.paragraphs).toHaveLength(5);
    expect(a.paragraphs[0]).toMatch(/^Delegations from the United States and Russia ended twelve hours/);
    expect(a.paragraphs[4]).toMatch(/briefed on the outcome before any announcement\.$/);
  });

  it("no page furniture from either page", () => {
    for (const name of ["harbour-post-geneva.html", "daily-ledger-riyadh.html", "bare-story.html"]) {
      const text = extractArticle(page(name)).paragraphs.join("\n");
      for (const bit of FURNITURE) expect(text, `${name}: ${bit}`).not.toContain(bit);
    }
  });

  it("a page with no metadata at all: title from <title>/<h1>, the rest unknown, the story still read", () => {
    const a = extractArticle(page("bare-story.html"));
    expect(a).toMatchObject({ title: "Prisoner exchange completed at the border", outlet: null, byline: null, published: null, canonicalUrl: null });
    expect(a.paragraphs).toHaveLength(4);
    expect(a.paragraphs[2]).toBe("\"Every one of them is coming home to a family that never stopped waiting,\" a Ukrainian official said at the reception centre.");
  });

  it("refuses a section front, an empty app shell and a page of links", () => {
    const front = notArticle(page("section-front.html"));
    expect(front.code).toBe("not-article");
    expect(front.message).toBe("The page does not look like a news article: Dossier found no story text on it (a section front, a list of links, or a page that needs JavaScript?).");
    expect(notArticle('<html><head><title>News</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>').code).toBe("not-article");
    const links = `<html><body><ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/s/${i}">Story number ${i} about the talks between the two delegations in the capital city today</a></li>`).join("")}</ul></body></html>`;
    expect(notArticle(links).code).toBe("not-article");
    // Teasers long enough to pass for paragraphs, under headlines that link away.
    const teasers = Array.from({ length: 6 }, (_, i) => `<div class="card"><h3><a href="/world/2025/08/1${i}/story-${i}">Envoys and ministers gather again for another round of talks, number ${i}, in the capital</a></h3><p>Delegations from both sides arrived on Monday for a round of talks that officials said could last several days.</p></div>`).join("");
    const teaserFront = notArticle(`<html><head><title>World</title><meta property="og:type" content="website"></head><body><main>${teasers}</main></body></html>`);
    expect(teaserFront.message).toMatch(/it is mostly links to other pages/);
    const short = notArticle("<html><body><article><h1>Brief</h1><p>Talks resumed on Monday in Geneva, officials said in a short statement to reporters.</p></article></body></html>");
    expect(short.message).toMatch(/found only 14 words of story text/);
  });

  it("sub-headings, line breaks and lists", () => {
    const html = `<html><head><title>Q&amp;A: what the plan says</title></head><body><article>
      <p>The plan has twenty-eight points, according to a draft seen by reporters, and covers territory, security guarantees and sanctions relief.</p>
      <h2>What about territory?</h2>
      <p>The draft would freeze the front line in two regions, officials said,<br>while a third would become a demilitarised zone under international monitoring.</p>
      <ul><li>Kyiv would keep its army, limited to a ceiling the draft puts at 600,000 troops.</li><li>Sanctions would be lifted in stages, tied to compliance checks by both sides.</li></ul>
    </article></body></html>`;
    const a = extractArticle(html);
    expect(a.title).toBe("Q&A: what the plan says");
    expect(a.paragraphs).toEqual([
      "The plan has twenty-eight points, according to a draft seen by reporters, and covers territory, security guarantees and sanctions relief.",
      "## What about territory?",
      "The draft would freeze the front line in two regions, officials said, while a third would become a demilitarised zone under international monitoring.",
      "Kyiv would keep its army, limited to a ceiling the draft puts at 600,000 troops.",
      "Sanctions would be lifted in stages, tied to compliance checks by both sides.",
    ]);
  });

  it("JSON-LD with references, arrays of types and a broken block next to a good one", () => {
    const html = `<html><head>
      <script type="application/ld+json">{ this is not json </script>
      <script type="application/ld+json">[{"@context":"https://schema.org","@type":"Organization","@id":"#org","name":"Wire Service"},
        {"@context":"https://schema.org","@type":["ReportageNewsArticle","NewsArticle"],"headline":"Drone strikes hit power plants","datePublished":"2025-08-10",
         "author":"Lena Ortiz","publisher":{"@id":"#org"}}]</script>
      </head><body><article>${"<p>Drone strikes hit power plants on both sides of the front overnight, officials in both capitals said on Sunday morning.</p>".repeat(4)}</article></body></html>`;
    expect(extractArticle(html)).toMatchObject({ title: "Drone strikes hit power plants", outlet: "Wire Service", byline: "Lena Ortiz", published: "2025-08-10" });
  });

  it("publication dates become ISO days as the publisher wrote them", () => {
    expect(isoDate("2025-08-14T23:30:00-05:00")).toBe("2025-08-14");
    expect(isoDate("2025-04-25")).toBe("2025-04-25");
    expect(isoDate("20250425")).toBe("2025-04-25");
    expect(isoDate("March 24, 2025")).toBe("2025-03-24");
    expect(isoDate("Fri, 25 Apr 2025 14:03:00 GMT")).toBe("2025-04-25");
    expect(isoDate("2 hours ago")).toBeNull();
    expect(isoDate("2025-02-30")).toBeNull();
    expect(isoDate("yesterday")).toBeNull();
  });

  it("plain text: a headline-like first line is the title; hard-wrapped lines are joined", () => {
    const a = fromPlainText(
      "Talks resume\r\n\r\nNegotiators from both sides met again on Monday in Geneva, officials said, after a pause of\r\ntwo months in the talks.\r\n\r\n" +
        "They agreed to meet again next week in the same hotel on the shore of the lake, a spokesman for the hosts said.\r\nExperts from both sides will attend the sessions, which are expected to last three days and to cover prisoner exchanges.\r\n",
    );
    expect(a.title).toBe("Talks resume");
    expect(a.paragraphs).toEqual([
      "Negotiators from both sides met again on Monday in Geneva, officials said, after a pause of two months in the talks.",
      "They agreed to meet again next week in the same hotel on the shore of the lake, a spokesman for the hosts said.",
      "Experts from both sides will attend the sessions, which are expected to last three days and to cover prisoner exchanges.",
    ]);
    expect(() => fromPlainText("Just one line of text.")).toThrow(IngestError);
  });
});

describe("saving and reading back", () => {
  it("the Markdown file reads back with the same metadata and verbatim paragraphs", () => {
    const a = extractArticle(page("harbour-post-geneva.html"));
    const md = articleMarkdown({ ...a, url: a.canonicalUrl });
    expect(md.startsWith("---\ntitle: Envoys meet in Geneva as talks on ceasefire resume\noutlet: The Harbour Post\nurl: https://www.harbourpost.example/world/2025/08/14/envoys-meet-in-geneva\npublished: 2025-08-14\nbyline: Maria Keller, Tom Briggs\n---\n")).toBe(true);
    const back = parseArticle("geneva.md", md) as Article;
    expect(back).toMatchObject({ title: a.title, outlet: a.outlet, url: a.canonicalUrl, published: "2025-08-14" });
    expect(splitParagraphs(back).map((p) => p.text)).toEqual(a.paragraphs);
  });

  it("titles that YAML would misread stay strings; markdown characters stay as written", () => {
    const md = articleMarkdown({ title: 'Kremlin: "no deal yet" - #talks', outlet: "yes", url: null, published: null, byline: null, paragraphs: ["He said *nothing* about [the] plan_b, officials told reporters on Monday in the capital."] });
    const back = parseArticle("x.md", md) as Article;
    expect(back.title).toBe('Kremlin: "no deal yet" - #talks');
    expect(back.outlet).toBe("yes");
    expect(splitParagraphs(back)[0]!.text).toBe("He said *nothing* about [the] plan_b, officials told reporters on Monday in the capital.");
  });

  it("file names from titles", () => {
    expect(slug("Kremlin sees progress as Trump's envoy meets Putin")).toBe("kremlin-sees-progress-as-trumps-envoy-meets-putin");
    expect(slug("Zelenskyy: “Nothing about Ukraine without Ukraine”")).toBe("zelenskyy-nothing-about-ukraine-without-ukraine");
    expect(slug("Café owner’s son freed")).toBe("cafe-owners-son-freed");
    expect(slug("Переговоры в Женеве")).toBe("переговоры-в-женеве");
    expect(slug("word ".repeat(40)).length).toBeLessThanOrEqual(80);
  });
});

describe("HTML files in the corpus folder", () => {
  it("are read as articles whose content is the extracted text; a non-article page is skipped with a warning", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "geneva.html"), page("harbour-post-geneva.html"));
    writeFileSync(path.join(dir, "prisoners.htm"), page("bare-story.html"));
    writeFileSync(path.join(dir, "front.html"), page("section-front.html"));
    const { articles, warnings } = await loadCorpus(dir);
    expect(articles.map((a) => a.file)).toEqual(["geneva.html", "prisoners.htm"]);
    expect(warnings).toEqual([{ file: "front.html", reason: "not an article (no story text found in the page)" }]);
    const geneva = articles[0]!;
    expect(geneva).toMatchObject({ title: "Envoys meet in Geneva as talks on ceasefire resume", outlet: "The Harbour Post", published: "2025-08-14", url: "https://www.harbourpost.example/world/2025/08/14/envoys-meet-in-geneva", bodyStart: 0 });
    expect(geneva.content).not.toContain("<");
    const paragraphs = splitParagraphs(geneva);
    expect(paragraphs).toHaveLength(6);
    // Offsets index into the stored text, so citations are verbatim.
    for (const p of paragraphs) expect(geneva.content.slice(p.start, p.end)).toBe(p.text);
    expect(paragraphs[1]!.text).toMatch(/^"We had a frank and useful conversation/);
  });
});
