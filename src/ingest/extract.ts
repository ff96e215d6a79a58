import { createRequire } from "node:module";
import type { Readability as ReadabilityType } from "@mozilla/readability";
import type { parseHTML as parseHTMLType } from "linkedom";

// Loaded on first use: a corpus without web pages, and a bot that only answers, never pay for them.
let libs: { Readability: typeof ReadabilityType; parseHTML: typeof parseHTMLType } | null = null;
function htmlLibs() {
  if (!libs) {
    const require = createRequire(import.meta.url);
    libs = { Readability: (require("@mozilla/readability") as { Readability: typeof ReadabilityType }).Readability, parseHTML: (require("linkedom") as { parseHTML: typeof parseHTMLType }).parseHTML };
  }
  return libs;
}
import type { Article, CorpusWarning } from "../corpus/types.js";
import { IngestError } from "./errors.js";
import { pageMetadata, type Doc, type PageMeta } from "./metadata.js";

export interface ExtractedArticle extends Omit<PageMeta, "pageType"> {
  /** Story paragraphs in reading order; a sub-heading is a paragraph of its own written "## Heading". */
  paragraphs: string[];
}

/** At least this much story text, in at least two sentence-like paragraphs, or it is not an article. */
export const MIN_STORY_CHARS = 300;
const MIN_STORY_PARAGRAPHS = 2;
const MIN_PARAGRAPH_WORDS = 12;

/** Class or id tokens of page furniture: ads, consent banners, sharing, newsletters, related links, comments. */
const FURNITURE =
  /^(?:ads?|adverts?|advertis(?:ement|ing)|ad[-_].*|.*[-_]ads?|dfp.*|gpt[-_]ad.*|.*sponsor.*|promos?|.*[-_]promo|promo[-_].*|.*cookies?.*|.*consent.*|gdpr.*|cmp[-_].*|.*newsletter.*|signup|sign[-_]up|subscribe.*|.*paywall.*|share|sharing|share[-_].*|.*[-_]share|social.*|.*[-_]social|related.*|.*[-_]related|most[-_](?:read|popular|viewed)|trending.*|recommend.*|outbrain.*|taboola.*|comments?|comment[-_].*|breadcrumbs?|skip[-_]link.*|visually[-_]hidden|sr[-_]only|screen[-_]reader.*|topics?|tags?|story[-_]tags|author[-_]bio|bio)$/i;
const FURNITURE_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "FORM", "BUTTON", "INPUT", "SELECT", "TEXTAREA", "SVG", "CANVAS", "NAV", "ASIDE", "DIALOG"]);
const FURNITURE_ROLES = new Set(["dialog", "alertdialog", "navigation", "complementary", "banner", "contentinfo", "search", "menu", "menubar", "toolbar"]);
/** Whole paragraphs that are page furniture wherever they appear. */
const FURNITURE_TEXT =
  /^(?:advert(?:isement)?|sponsored(?: content)?|read (?:more|next|also)\b.*|related(?: articles| stories| coverage| content)?:?|more on this story|share(?: this)?(?: article| story| page)?|sign up\b.*|subscribe\b.*|follow us\b.*|click here\b.*|(?:photo|image|picture|video|file photo)\s*:.*|(?:©|\(c\)|copyright)\s.*|all rights reserved\.?)$/i;

const BLOCK_TAGS = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "BLOCKQUOTE", "PRE", "DIV", "SECTION", "ARTICLE", "MAIN", "HEADER", "FOOTER", "UL", "OL", "DL", "DT", "DD", "TABLE", "THEAD", "TBODY", "TR", "TD", "TH", "FIGURE", "ADDRESS", "DETAILS", "SUMMARY", "HR"]);
const SKIP_TAGS = new Set([...FURNITURE_TAGS, "FIGCAPTION", "CAPTION", "IMG", "PICTURE", "VIDEO", "AUDIO", "SOURCE", "H1"]);

/** linkedom nodes, typed by what is used here (the project compiles without the DOM library). */
interface Node_ {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node_>;
  parentNode: Node_ | null;
}
interface Element_ extends Node_ {
  tagName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  remove(): void;
  querySelectorAll(selector: string): ArrayLike<Element_>;
}

/**
 * Reads a news article out of a page: metadata first (Readability rewrites the document), then
 * page furniture removed, then Readability picks the story, then its blocks become paragraphs
 * of plain text (links, captions and lines that are only links dropped). Throws
 * IngestError("not-article") when no story is found: a section front, a list of links, an
 * empty page that needs JavaScript.
 */
export function extractArticle(html: string, opts: { url?: string } = {}): ExtractedArticle {
  const { document } = htmlLibs().parseHTML(html);
  const doc = document as unknown as Doc & Element_ & { title: string };
  const meta = pageMetadata(doc, opts.url);
  removeFurniture(doc);
  const headlineLinks = Array.from(doc.querySelectorAll("a")).filter((a) => words(a.textContent ?? "") >= 5).length;
  let parsed: { title?: string | null; byline?: string | null; siteName?: string | null; content?: Element_ | null } | null;
  try {
    parsed = new (htmlLibs().Readability)<Element_>(document as never, { serializer: (el) => el as unknown as Element_ }).parse();
  } catch {
    parsed = null;
  }
  if (!parsed?.content) throw notArticle("Dossier found no article on the page");
  const title = meta.title ?? clean(parsed.title ?? "") ?? null;
  const byline = meta.byline ?? (parsed.byline ? clean(parsed.byline.replace(/^\s*by\s+/i, "")) : null);
  const { paragraphs: found, linkChars } = storyParagraphs(parsed.content);
  const paragraphs = found.filter((p, i) => !(i === 0 && title && sameText(p, title)) && !(byline && isBylineLine(p, byline)));
  checkStory(paragraphs);
  // A section front whose teasers are long enough to pass for paragraphs is still mostly
  // headlines linking to other pages: more of them than paragraphs on a page that says it is a
  // listing, twice as many on a page that says nothing.
  const story = paragraphs.filter((p) => !p.startsWith("## ")).length;
  const storyChars = paragraphs.reduce((n, p) => n + p.length, 0);
  const listing = meta.pageType === "listing" ? headlineLinks >= story : meta.pageType === null && headlineLinks >= Math.max(6, 2 * story);
  if (linkChars > storyChars || listing) throw notArticle("it is mostly links to other pages");
  const { pageType: _, ...about } = meta;
  return { ...about, title, byline, outlet: meta.outlet ?? (parsed.siteName ? clean(parsed.siteName) : null), paragraphs };
}

/** Plain text (an article saved as .txt, or a text/plain page): the same check for story text. */
export function checkStory(paragraphs: string[]): void {
  const story = paragraphs.filter((p) => !p.startsWith("## ") && words(p) >= MIN_PARAGRAPH_WORDS);
  const chars = story.reduce((n, p) => n + p.length, 0);
  if (story.length < MIN_STORY_PARAGRAPHS || chars < MIN_STORY_CHARS) {
    const found = story.length ? `only ${story.reduce((n, p) => n + words(p), 0)} words of story text` : "no story text";
    throw notArticle(`Dossier found ${found} on it`);
  }
}

/** The body an extracted article is stored and cited as: its paragraphs separated by blank lines. */
export function articleBody(paragraphs: string[]): string {
  return `${paragraphs.join("\n\n")}\n`;
}

function notArticle(why: string): IngestError {
  return new IngestError("not-article", `The page does not look like a news article: ${why} (a section front, a list of links, or a page that needs JavaScript?).`);
}

function removeFurniture(doc: Element_): void {
  const root = doc.querySelectorAll("body")[0] ?? doc.querySelectorAll("html")[0];
  const bodyChars = root ? textLength(root) : 0;
  for (const el of Array.from(doc.querySelectorAll("*"))) {
    if (!el.parentNode || el.tagName === "HTML" || el.tagName === "HEAD" || el.tagName === "BODY") continue;
    if (FURNITURE_TAGS.has(el.tagName)) {
      el.remove();
      continue;
    }
    const tokens = [...(el.getAttribute("class") ?? "").split(/\s+/), el.getAttribute("id") ?? ""].filter(Boolean);
    const role = el.getAttribute("role")?.toLowerCase() ?? "";
    const hidden = el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true" || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute("style") ?? "");
    if (!(hidden || FURNITURE_ROLES.has(role) || el.hasAttribute("data-ad") || tokens.some((t) => FURNITURE.test(t)))) continue;
    // A page wrapper with a class such as "cookies-accepted" holds the story: never remove that.
    if (el.querySelectorAll("article, main, [itemprop=articleBody]").length || textLength(el) > 0.5 * bodyChars) continue;
    el.remove();
  }
}

function textLength(el: Node_): number {
  return (el.textContent ?? "").replace(/\s+/g, "").length;
}

interface Run {
  text: string;
  linkChars: number;
  heading: boolean;
}

/** The blocks of Readability's result as paragraphs of plain text, and how much text the dropped link lines held. */
function storyParagraphs(root: Element_): { paragraphs: string[]; linkChars: number } {
  const runs: Run[] = [];
  collect(root, runs);
  const texts = runs.map((r) => ({ ...r, text: clean(r.text) ?? "" })).filter((r) => r.text && /[\p{L}\p{N}]/u.test(r.text));
  // A paragraph that is all links is navigation or a list of other stories.
  const links = texts.filter((r) => r.linkChars >= 0.8 * r.text.length);
  const paragraphs = texts
    .filter((r) => r.linkChars < 0.8 * r.text.length && !FURNITURE_TEXT.test(r.text))
    .map((r) => (r.heading ? `## ${r.text}` : r.text));
  return { paragraphs, linkChars: links.reduce((n, r) => n + r.text.length, 0) };
}

function collect(el: Element_, out: Run[]): void {
  let run: Run = { text: "", linkChars: 0, heading: false };
  const flush = () => {
    // Two line breaks in a row inside a block separate paragraphs, as many CMSs write them.
    for (const part of run.text.split(/\n[ \t]*\n/)) out.push({ text: part, linkChars: part === run.text ? run.linkChars : linkShare(run, part), heading: run.heading });
    run = { text: "", linkChars: 0, heading: false };
  };
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) {
      run.text += child.textContent ?? "";
      continue;
    }
    if (child.nodeType !== 1) continue;
    const c = child as Element_;
    if (SKIP_TAGS.has(c.tagName)) continue;
    if (BLOCK_TAGS.has(c.tagName)) {
      flush();
      if (/^H[2-6]$/.test(c.tagName)) {
        const t = inline(c);
        out.push({ ...t, heading: true });
      } else if (hasBlock(c)) collect(c, out);
      else out.push({ ...inline(c), heading: false });
      continue;
    }
    const t = inline(c);
    run.text += t.text;
    run.linkChars += t.linkChars;
  }
  flush();
}

function linkShare(run: Run, part: string): number {
  return run.text.length ? (run.linkChars * part.length) / run.text.length : 0;
}

/** Text of an inline element: <br> as a line break, link text counted. */
function inline(el: Element_, inLink = false): Omit<Run, "heading"> {
  let text = "";
  let linkChars = 0;
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) {
      const t = child.textContent ?? "";
      text += t;
      if (inLink) linkChars += t.trim().length;
    } else if (child.nodeType === 1) {
      const c = child as Element_;
      if (c.tagName === "BR") text += "\n";
      else if (!SKIP_TAGS.has(c.tagName)) {
        const t = inline(c, inLink || c.tagName === "A");
        text += t.text;
        linkChars += t.linkChars;
      }
    }
  }
  return { text, linkChars };
}

function hasBlock(el: Element_): boolean {
  return Array.from(el.childNodes).some((c) => c.nodeType === 1 && (BLOCK_TAGS.has((c as Element_).tagName) || hasBlock(c as Element_)));
}

/** Plain story text: no-break spaces and runs of white space as one space, invisible characters gone. */
function clean(s: string): string | null {
  const t = s
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/[\s\u00A0]+/g, " ")
    .trim();
  return t || null;
}

function words(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  return norm(a) === norm(b);
}

/** "By Maria Keller and Tom Briggs", "Sam Okafor · March 24, 2025": the byline line, not story text. */
function isBylineLine(p: string, byline: string): boolean {
  if (words(p) > 15) return false;
  const first = byline.split(/,|\band\b/)[0]!.trim().toLowerCase();
  return !!first && p.toLowerCase().includes(first) && !/[.!?]["”’]?$/.test(p);
}

/**
 * An HTML file in the corpus folder as an article. Its `content` is the extracted text (the
 * paragraphs separated by blank lines), so every cited span indexes into that text, not the markup.
 */
export function articleFromHtml(file: string, html: string): Article | CorpusWarning {
  let a: ExtractedArticle;
  try {
    a = extractArticle(html);
  } catch (err) {
    if (err instanceof IngestError && err.code === "not-article") return { file, reason: "not an article (no story text found in the page)" };
    // A bad file is a warning naming it, never an exception that stops the whole corpus.
    return { file, reason: `could not read the page (${(err as Error).message.split("\n")[0]})` };
  }
  return { file, title: a.title, outlet: a.outlet, url: a.canonicalUrl, published: a.published, content: articleBody(a.paragraphs), bodyStart: 0 };
}
