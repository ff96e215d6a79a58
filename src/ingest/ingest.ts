import { listArticleFiles } from "../corpus/load.js";
import { IngestError } from "./errors.js";
import { checkStory, extractArticle, type ExtractedArticle } from "./extract.js";
import { fetchPage, type FetchOptions } from "./fetch.js";
import { articleMarkdown } from "./markdown.js";
import { saveLinkedArticle } from "./save.js";
import { canonicalUrl, parseLink } from "./url.js";

export type IngestOptions = FetchOptions;

export interface AddedFromUrl {
  /** File name inside the corpus folder. */
  file: string;
  /** True when the link was already in the corpus and its file was rewritten. */
  updated: boolean;
  title: string | null;
  outlet: string | null;
  published: string | null;
  byline: string | null;
  /** The article's address as saved in its front matter (the page's canonical link when it gives one). */
  url: string;
  paragraphs: number;
}

/**
 * Fetches a link safely, reads the article out of the page and saves it into the corpus folder
 * as Markdown with front matter. Refusals are IngestErrors with a code; a missing corpus folder
 * is a CorpusError, said before anything is fetched.
 */
export async function addArticleFromUrl(corpusDir: string, link: string, opts: IngestOptions = {}): Promise<AddedFromUrl> {
  const requested = parseLink(link);
  await listArticleFiles(corpusDir);
  const page = await fetchPage(requested, opts);
  const article = page.mediaType === "text/plain" ? fromPlainText(page.text) : extractArticle(page.text, { url: page.url });
  const url = article.canonicalUrl ?? canonicalUrl(page.url) ?? page.url;
  const outlet = article.outlet ?? siteName(page.url);
  const markdown = articleMarkdown({ ...article, outlet, url });
  const saved = await saveLinkedArticle(corpusDir, markdown, {
    urls: [requested.href, page.url, url],
    title: article.title,
    fallbackName: lastPathSegment(page.url) || new URL(page.url).hostname,
  });
  return { ...saved, title: article.title, outlet, published: article.published, byline: article.byline, url, paragraphs: article.paragraphs.filter((p) => !p.startsWith("## ")).length };
}

/** A text/plain page: a headline-like first line is the title; paragraphs as the corpus loader reads a .txt. */
export function fromPlainText(text: string): ExtractedArticle {
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const first = lines.findIndex((l) => l.trim());
  let title: string | null = null;
  let start = first;
  const head = lines[first]?.trim() ?? "";
  if (first >= 0 && head.split(/\s+/).length <= 25 && !/[.!?:;,"”’)]$/.test(head)) {
    title = head;
    start = first + 1;
  }
  const paragraphs: string[] = [];
  let block: string[] = [];
  const flush = () => {
    if (!block.length) return;
    // One paragraph per line when every line ends like a sentence, else a hard-wrapped paragraph.
    if (block.length > 1 && block.every((l) => /[.!?:"”’)\]…]$/.test(l))) paragraphs.push(...block);
    else paragraphs.push(block.join(" "));
    block = [];
  };
  for (const line of lines.slice(Math.max(start, 0))) {
    const t = line.replace(/[\s\u00A0]+/g, " ").trim();
    if (t) block.push(t);
    else flush();
  }
  flush();
  checkStory(paragraphs);
  return { title, outlet: null, byline: null, published: null, canonicalUrl: null, paragraphs };
}

/** With no site name on the page, the host says which outlet it is ("www.reuters.com" -> "reuters.com"). */
function siteName(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

function lastPathSegment(url: string): string {
  const segments = new URL(url).pathname.split("/").filter(Boolean);
  return decodeURIComponent(segments[segments.length - 1] ?? "").replace(/\.[a-z0-9]{1,5}$/i, "");
}

export { IngestError };
