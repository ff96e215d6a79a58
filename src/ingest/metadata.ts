import { isoDate } from "../text/dates.js";

/** What a page says about itself, from JSON-LD, OpenGraph and plain meta tags, best source first. */
export interface PageMeta {
  title: string | null;
  outlet: string | null;
  byline: string | null;
  /** ISO yyyy-mm-dd, the date as the publisher wrote it (its own time zone). */
  published: string | null;
  canonicalUrl: string | null;
  /** What the page says it is: an article, a listing (section front, search, collection), or nothing. */
  pageType: "article" | "listing" | null;
}

/** The few DOM members read here; linkedom's document provides them. */
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
export interface Doc {
  querySelectorAll(selector: string): Iterable<El> & ArrayLike<El>;
}

type Json = Record<string, unknown>;

const ARTICLE_TYPE = /^(?:\w*Article|BlogPosting|LiveBlogPosting|Report)$/;
const LISTING_TYPE = /^(?:CollectionPage|ItemList|SearchResultsPage|ProfilePage)$/;
const SITE_TYPE = /^(?:WebSite|NewsMediaOrganization|Organization)$/;

export function pageMetadata(doc: Doc, pageUrl?: string): PageMeta {
  const nodes = jsonLdNodes(doc);
  const byId = new Map(nodes.filter((n) => typeof n["@id"] === "string").map((n) => [n["@id"] as string, n]));
  const deref = (v: unknown): unknown => (v && typeof v === "object" && !Array.isArray(v) && typeof (v as Json)["@id"] === "string" && byId.has((v as Json)["@id"] as string) ? byId.get((v as Json)["@id"] as string) : v);
  const article = nodes.find((n) => types(n).some((t) => ARTICLE_TYPE.test(t)));
  const meta = metaTags(doc);
  const m = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v) ?? null;

  const title = text(article?.headline) ?? text(article?.name) ?? m("og:title", "twitter:title", "dc.title", "title", "parsely-title", "sailthru.title");

  const publisher = names(article?.publisher, deref)[0] ?? null;
  const site = nodes.find((n) => types(n).some((t) => SITE_TYPE.test(t)));
  const outlet = publisher ?? m("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site:name") ?? text(site?.name);

  const authors = names(article?.author, deref).filter((a) => !/^https?:/.test(a));
  const metaAuthor = m("author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author");
  const byline = authors.length ? authors.join(", ") : metaAuthor && !/^https?:/.test(metaAuthor) ? cleanByline(metaAuthor) : null;

  const timeEl = [...doc.querySelectorAll("time[itemprop=datePublished], time[pubdate], [itemprop=datePublished]")]
    .map((e) => e.getAttribute("datetime") ?? e.getAttribute("content") ?? e.textContent)
    .find((v) => v?.trim());
  const published = [
    text(article?.datePublished),
    m("article:published_time", "og:article:published_time", "article:published", "datepublished", "pubdate", "publishdate", "publish-date", "publication_date", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.date", "dc.date", "date"),
    timeEl ?? null,
    text(article?.dateCreated),
  ]
    .map((v) => (v ? isoDate(v) : null))
    .find((v) => v) ?? null;

  const canonicalHref = [...doc.querySelectorAll("link[rel~=canonical]")].map((e) => e.getAttribute("href")).find((v) => v?.trim());
  const canonical =
    absoluteHttp(canonicalHref, pageUrl) ?? absoluteHttp(m("og:url"), pageUrl) ?? absoluteHttp(text(article?.url) ?? text(deref(article?.mainEntityOfPage)) ?? idOf(article?.mainEntityOfPage), pageUrl);
  const ogType = m("og:type")?.toLowerCase() ?? null;
  const pageType =
    article || ogType === "article" ? "article" : nodes.some((n) => types(n).some((t) => LISTING_TYPE.test(t))) || ogType === "website" ? "listing" : null;
  return { title: oneLine(title), outlet: oneLine(outlet), byline: oneLine(byline), published, canonicalUrl: plausibleCanonical(canonical, pageUrl), pageType };
}

/** Every JSON-LD object on the page, with @graph members and main entities flattened in. */
function jsonLdNodes(doc: Doc): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || !v || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const o = v as Json;
    out.push(o);
    visit(o["@graph"], depth + 1);
    visit(o.mainEntity, depth + 1);
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const raw = (script.textContent ?? "").replace(/^\s*(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/|<!\[CDATA\[)|(?:-->|\/\*\s*\]\]>\s*\*\/|\]\]>)\s*$/g, "").trim();
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // A broken block on a real page is common; the other sources still count.
    }
  }
  return out;
}

function types(n: Json): string[] {
  const t = n["@type"];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === "string").map((x) => x.replace(/^https?:\/\/schema\.org\//, ""));
}

function text(v: unknown): string | null {
  if (typeof v === "string") return v.trim() || null;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.map(text).find((x) => x) ?? null;
  if (v && typeof v === "object") return text((v as Json)["@value"]) ?? null;
  return null;
}

function idOf(v: unknown): string | null {
  return v && typeof v === "object" && typeof (v as Json)["@id"] === "string" ? ((v as Json)["@id"] as string) : null;
}

/** Names from a person/organisation value: a string, an object with `name`, a reference, or a list of them. */
function names(v: unknown, deref: (v: unknown) => unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list
    .map((x) => {
      const d = deref(x);
      return typeof d === "string" ? d.trim() : d && typeof d === "object" ? text((d as Json).name) : null;
    })
    .filter((x): x is string => !!x);
}

function metaTags(doc: Doc): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of doc.querySelectorAll("meta")) {
    const key = (el.getAttribute("property") ?? el.getAttribute("name") ?? el.getAttribute("itemprop") ?? "").trim().toLowerCase();
    const content = el.getAttribute("content")?.trim();
    if (key && content && !map.has(key)) map.set(key, content);
  }
  const title = [...doc.querySelectorAll("title")][0]?.textContent?.trim();
  if (title && !map.has("title")) map.set("title", stripSiteSuffix(title));
  return map;
}

/** "Headline | The Outlet" or "Outlet - Headline" in <title>: the longest part is the headline. */
function stripSiteSuffix(title: string): string {
  const parts = title.split(/\s+[|–—»·]\s+|\s+-\s+/);
  if (parts.length < 2) return title;
  return parts.reduce((a, b) => (b.length > a.length ? b : a));
}

function cleanByline(s: string): string {
  return s.replace(/^\s*by\s+/i, "").trim();
}

function oneLine(s: string | null): string | null {
  const t = s?.replace(/\s+/g, " ").trim();
  return t ? t.slice(0, 300) : null;
}

function absoluteHttp(href: string | null | undefined, base?: string): string | null {
  if (!href?.trim()) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** Some sites point every page's canonical link at their home page; that is not this article's address. */
function plausibleCanonical(canonical: string | null, pageUrl?: string): string | null {
  if (!canonical || !pageUrl) return canonical;
  const c = new URL(canonical);
  const p = new URL(pageUrl);
  if ((c.pathname === "/" || c.pathname === "") && p.pathname.length > 1) return null;
  return canonical;
}
