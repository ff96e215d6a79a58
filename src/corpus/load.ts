import { constants } from "node:fs";
import { open, readdir, realpath } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { articleFromHtml } from "../ingest/extract.js";
import { isoDate, mentionsDate } from "../text/dates.js";
import { compromise } from "../text/nlp.js";
import { wordRank } from "../text/wordfreq.js";
import { maxArticleBytes, tooLargeReason } from "./limits.js";
import type { Article, CorpusWarning } from "./types.js";

export const ARTICLE_EXTENSIONS = [".txt", ".md"];
/** Saved web pages: the article is read out of them as from a link (src/ingest/extract.ts). */
export const HTML_EXTENSIONS = [".html", ".htm"];
const CORPUS_EXTENSIONS = [...ARTICLE_EXTENSIONS, ...HTML_EXTENSIONS];

export class CorpusError extends Error {}

export interface LoadedCorpus {
  dir: string;
  articles: Article[];
  warnings: CorpusWarning[];
}

export interface LoadOptions {
  /** Larger files are skipped unread; default MAX_ARTICLE_BYTES from the environment. */
  maxBytes?: number;
}

/**
 * Lists the article file names of a corpus folder, sorted so that indexes are reproducible.
 * Symbolic links are listed like files (so a refused one is reported, not silently missing); only
 * `readArticleBytes` decides whether what they point to may be read.
 */
export async function listArticleFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CorpusError(`Corpus folder not found: ${dir}`);
    if (code === "ENOTDIR") throw new CorpusError(`Corpus path is not a folder: ${dir}`);
    throw new CorpusError(`Cannot read corpus folder ${dir}: ${(err as Error).message}`);
  }
  return entries
    .filter((e) => !e.name.startsWith(".") && CORPUS_EXTENSIONS.includes(path.extname(e.name).toLowerCase()))
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => e.name)
    .sort();
}

/** Loads every readable article; a bad file becomes a warning naming it, never an exception. */
export async function loadCorpus(dir: string, opts: LoadOptions = {}): Promise<LoadedCorpus> {
  const files = await listArticleFiles(dir);
  const maxBytes = opts.maxBytes ?? maxArticleBytes();
  const articles: Article[] = [];
  const warnings: CorpusWarning[] = [];
  for (const file of files) {
    const result = await loadArticleFile(dir, file, { maxBytes });
    if ("reason" in result) warnings.push(result);
    else articles.push(result);
  }
  return { dir, articles, warnings };
}

export async function loadArticleFile(dir: string, file: string, opts: LoadOptions = {}): Promise<Article | CorpusWarning> {
  const read = await readArticleBytes(dir, file, opts.maxBytes ?? maxArticleBytes());
  if ("reason" in read) return { file, reason: read.reason };
  const bytes = read.bytes;
  const problem = binaryProblem(bytes);
  if (problem) return { file, reason: problem };
  const content = bytes.toString("utf8");
  return parseArticle(file, content);
}

/**
 * The bytes of one corpus file, or why they may not be read. The path is resolved first, and a
 * symbolic link that leads out of the corpus folder is refused (a link to ~/.env must never be
 * quoted back). The size is checked on the open file before anything is read, and the read is
 * bounded too, so a huge file, or one that grows meanwhile, costs nothing.
 */
export async function readArticleBytes(dir: string, file: string, maxBytes: number): Promise<{ bytes: Buffer } | { reason: string }> {
  const errno = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  let real: string;
  try {
    real = await realpath(path.join(dir, file));
  } catch (err) {
    const code = errno(err);
    return { reason: code === "ENOENT" ? "unreadable (a symbolic link to a file that does not exist)" : `unreadable (${code})` };
  }
  let root: string;
  try {
    root = await realpath(dir);
  } catch (err) {
    return { reason: `unreadable (${errno(err)})` };
  }
  if (!isInside(root, real)) return { reason: "a symbolic link to a file outside the corpus folder (not read)" };
  let fh;
  try {
    // O_NOFOLLOW: if the resolved file is swapped for a link after the check, opening it fails.
    fh = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    return { reason: `unreadable (${errno(err)})` };
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { reason: "not a regular file" };
    if (st.size > maxBytes) return { reason: tooLargeReason(maxBytes, st.size) };
    // Read until the end, but never more than one byte past the limit, even if the file grew.
    const chunks: Buffer[] = [];
    let total = 0;
    let want = st.size + 1;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, total);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { reason: tooLargeReason(maxBytes) };
      want = 64 * 1024;
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (err) {
    return { reason: `unreadable (${errno(err)})` };
  } finally {
    await fh.close();
  }
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

function binaryProblem(bytes: Buffer): string | null {
  if (bytes.length === 0) return "empty file";
  if (bytes.includes(0)) return "binary file (contains NUL bytes)";
  const text = bytes.toString("utf8");
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 0 && bad / text.length > 0.01) return "not UTF-8 text";
  return null;
}

/**
 * Front matter written by hand as "name: value" lines, which YAML refuses when a value holds a
 * colon ("title: Chancellery: talks were useful"): each line read as its name and the rest of the line.
 * Null unless every line has that shape, and no value opens as YAML would ("[", a quote), so a
 * real mistake is still reported.
 */
function plainFields(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    // A value opening with YAML's own syntax (a list, a quote, a block) was meant as YAML.
    const m = /^([A-Za-z_][\w-]*):[ \t]+([^\s\[{"'|>&*!%@`].*)$/.exec(line);
    if (!m) return null;
    out[m[1]!] = m[2]!.trim();
  }
  return Object.keys(out).length ? out : null;
}

/** Pure: turns file content into an article, or a warning when it holds no story text. */
export function parseArticle(file: string, content: string): Article | CorpusWarning {
  if (HTML_EXTENSIONS.includes(path.extname(file).toLowerCase())) return articleFromHtml(file, content);
  const isMarkdown = path.extname(file).toLowerCase() === ".md";
  let bodyStart = 0;
  const meta = { title: null as string | null, outlet: null as string | null, url: null as string | null, published: null as string | null };
  if (isMarkdown) {
    const fm = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(content);
    if (fm) {
      bodyStart = fm[0].length;
      let data: unknown;
      try {
        data = parseYaml(fm[1] ?? "");
      } catch (err) {
        data = plainFields(fm[1] ?? "");
        if (!data) return { file, reason: `front matter is not valid YAML (${(err as Error).message.split("\n")[0]})` };
      }
      if (data && typeof data === "object") Object.assign(meta, frontMatter(data as Record<string, unknown>));
    }
    const heading = /^[ \t]*\r?\n*#{1,6}[ \t]+(.+)\r?\n/.exec(content.slice(bodyStart));
    if (heading && !meta.title) {
      meta.title = heading[1]!.trim();
      bodyStart += heading[0].length;
    }
  } else {
    const headline = headlineAt(content);
    if (headline) {
      meta.title = headline.title;
      bodyStart = headline.end;
    }
  }
  if (!/\p{L}/u.test(content.slice(bodyStart))) return { file, reason: "no story text" };
  meta.published ??= bylineDate(content.slice(bodyStart));
  meta.outlet ??= bylineOutlet(content.slice(bodyStart));
  bodyStart += bylineEnd(content.slice(bodyStart));
  return { file, ...meta, content, bodyStart };
}

/**
 * An article pasted without front matter often keeps its byline lines ("By Jane Doe | Reuters |
 * Aug 6, 2025", "Published: 6 August 2025"): the first full date (with its year) on one of the
 * short lines above the story is its publication date. Story paragraphs are not read, so a date
 * the story talks about is never taken for the day it was published.
 */
export function bylineDate(body: string): string | null {
  for (const line of bylineLines(body)) {
    const date = isoDate(line);
    if (date) return date;
  }
  return null;
}

/**
 * Where the story starts after the byline lines that open a body: they are not story text, and
 * as passages they would answer "when" with a dateline of their own ("Reuters | TimesLIVE |
 * 2025-12-01"). A line is one when it gives the date or the outlet, or names the authors ("By…").
 * A body that is all byline is left as it is.
 */
function bylineEnd(body: string): number {
  const short = new Set(bylineLines(body));
  let end = 0;
  for (const m of body.matchAll(/[^\r\n]*(?:\r?\n|$)/g)) {
    if (!m[0]) break;
    const line = m[0].trim();
    if (line && !(short.has(line) && (isoDate(line) || lineOutlet(line) || /^[Bb]y\s+\p{Lu}/u.test(line)))) break;
    end = m.index! + m[0].length;
  }
  return /\p{L}/u.test(body.slice(end)) ? end : 0;
}

/** The short lines above a pasted article's story, where its byline would be. */
function bylineLines(body: string): string[] {
  const out: string[] = [];
  for (const line of body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 4)) {
    // Separators ("|", "—", "·") are not words: a byline with two authors, an outlet and a dated time is still short.
    if (line.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length > 12 || /[.!?]["”’)]?$/.test(line)) break;
    out.push(line);
  }
  return out;
}

/**
 * The outlet named by a pasted article's byline, where there is no front matter to say it:
 * "By Jane Doe | Wire Service | Aug 6, 2025", "Reuters | TimesLIVE | 2025-12-01" (the wire, then
 * the outlet that ran it), "iget.news, April 3, 2025", or a line of its own ("Livemint"). Of a
 * line's parts, the authors ("By…", "From…", people's names) and the dates are not it; the last
 * part left is. A line of one part is taken only when it reads as a name: a person or a place
 * ("LISBON") is not an outlet, nor a line of everyday words ("Analysis").
 */
export function bylineOutlet(body: string): string | null {
  for (const line of bylineLines(body)) {
    const outlet = lineOutlet(line);
    if (outlet) return outlet;
  }
  return null;
}

/** The outlet one byline line names, or null (bylineOutlet). */
function lineOutlet(line: string): string | null {
  const parts = line.split(/\s+[|·•]\s+/).map((p) => p.replace(/\s*\([^)]*\)/g, "").trim());
  if (parts.length === 1) {
    // "iget.news, April 3, 2025": a name, then the date.
    const comma = parts[0]!.indexOf(",");
    if (comma > 0 && mentionsDate(parts[0]!.slice(comma + 1))) parts[0] = parts[0]!.slice(0, comma).trim();
  }
  const left = parts.filter((p) => p && !mentionsDate(p) && !/^(?:by|from|photo|published|updated)\b/i.test(p) && !isPeople(p));
  const outlet = left.at(-1);
  if (!outlet || outlet.split(/\s+/).length > 5 || !/\p{Lu}|\p{L}\.\p{L}/u.test(outlet)) return null;
  if (parts.length === 1 && !readsAsName(outlet)) return null;
  return outlet;
}

/** "Jane Doe", "Ilona Dudek, Marek Sokol": names of people, and nothing else. */
function isPeople(text: string): boolean {
  const doc = compromise()(text);
  const people = doc.people().text().replace(/[\s,]+/g, " ").trim();
  return people.length > 0 && people === text.replace(/\band\b/g, " ").replace(/[\s,]+/g, " ").trim();
}

/**
 * A line of its own that could be an outlet's name: at most four words, none of them a person or
 * a place, one of them no everyday word ("Livemint", "Alawla TV", "Supers.ng"; not "Analysis").
 */
function readsAsName(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length > 4) return false;
  const doc = compromise()(text);
  if (doc.places().found || doc.people().found || doc.has("#Verb")) return false;
  return words.some((w) => /\p{L}\.\p{L}|\p{Lu}.*\p{Lu}/u.test(w) || (wordRank(w) ?? Infinity) > 20000);
}

/**
 * Front matter's fields under the names other tools give them too ("date", "source", "link"),
 * first name found wins. A publication date is stored as yyyy-mm-dd whatever its form
 * ("2025-08-15T21:30:00Z", "Aug 15, 2025"): dates are compared and sorted as such, and one that
 * cannot be read is left out rather than misread.
 */
const FRONT_MATTER_NAMES = {
  title: ["title", "headline"],
  outlet: ["outlet", "source", "publication", "publisher", "site"],
  url: ["url", "link", "canonical_url", "canonical", "source_url"],
  published: ["published", "date", "published_at", "publishedAt", "pubDate", "datePublished", "publish_date"],
} as const;

export function frontMatter(data: Record<string, unknown>): Partial<Pick<Article, "title" | "outlet" | "url" | "published">> {
  const out: Partial<Pick<Article, "title" | "outlet" | "url" | "published">> = {};
  const text = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === "string" || typeof v === "number" ? String(v).trim() : "");
  for (const [field, names] of Object.entries(FRONT_MATTER_NAMES) as [keyof typeof FRONT_MATTER_NAMES, readonly string[]][]) {
    for (const name of names) {
      const v = text(data[name]);
      if (!v) continue;
      // "source: https://…" is where the article came from, not the outlet's name.
      if (field === "outlet" && /^https?:\/\//i.test(v)) {
        out.url ??= v;
        continue;
      }
      const value = field === "published" ? isoDate(v) : v;
      if (!value) continue;
      out[field] = value;
      break;
    }
  }
  return out;
}

/**
 * A .txt opens with a headline when its first line is short, ends without sentence punctuation
 * and more text follows; news paragraphs always end with punctuation.
 */
function headlineAt(content: string): { title: string; end: number } | null {
  const m = /^\uFEFF?[ \t]*([^\r\n]+)\r?\n/.exec(content);
  if (!m) return null;
  const line = m[1]!.trim();
  const words = line.split(/\s+/).length;
  if (words > 25 || line.length > 200) return null;
  if (/[.!?:;,"”’)]$/.test(line)) return null;
  if (!/\p{L}/u.test(content.slice(m[0].length))) return null;
  return { title: line, end: m[0].length };
}
