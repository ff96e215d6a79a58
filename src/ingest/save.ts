import { existsSync } from "node:fs";
import { open, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { listArticleFiles } from "../corpus/load.js";
import { maxArticleBytes, tooLargeReason } from "../corpus/limits.js";
import { IngestError } from "./errors.js";
import { canonicalUrl } from "./url.js";

export interface SavedFile {
  file: string;
  /** True when a file with the same link was rewritten rather than a new one added. */
  updated: boolean;
}

/** Saves run one after another per corpus folder, so the same link added twice at once is still one file. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Writes an article from a link into the corpus folder: over the Markdown file whose front
 * matter `url` is the same article (any of `urls`, compared in canonical form), else under a new
 * name from the title. Written to a temporary file and renamed, so an index build never reads
 * half a file.
 */
export function saveLinkedArticle(corpusDir: string, markdown: string, opts: { urls: string[]; title: string | null; fallbackName: string }): Promise<SavedFile> {
  const key = path.resolve(corpusDir);
  const run = (queues.get(key) ?? Promise.resolve()).catch(() => {}).then(() => save(corpusDir, markdown, opts));
  queues.set(key, run);
  void run.finally(() => queues.get(key) === run && queues.delete(key)).catch(() => {});
  return run;
}

async function save(corpusDir: string, markdown: string, opts: { urls: string[]; title: string | null; fallbackName: string }): Promise<SavedFile> {
  const bytes = Buffer.from(markdown, "utf8");
  const limit = maxArticleBytes();
  if (bytes.length > limit) throw new IngestError("too-large", `The article's text is ${tooLargeReason(limit, bytes.length)}.`);
  const files = await listArticleFiles(corpusDir);
  const wanted = new Set(opts.urls.map((u) => canonicalUrl(u)).filter((u): u is string => !!u));
  const existing = await findByUrl(corpusDir, files, wanted);
  const file = existing ?? freeName(corpusDir, files, slug(opts.title ?? "") || slug(opts.fallbackName) || "article");
  const tmp = path.join(corpusDir, `.${file}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path.join(corpusDir, file));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { file, updated: existing !== null };
}

/** The Markdown file whose front matter `url` is one of `wanted`; only the head of each file is read. */
async function findByUrl(corpusDir: string, files: string[], wanted: Set<string>): Promise<string | null> {
  if (!wanted.size) return null;
  for (const file of files) {
    if (path.extname(file).toLowerCase() !== ".md") continue;
    const url = await frontMatterUrl(path.join(corpusDir, file));
    const canonical = url && canonicalUrl(url);
    if (canonical && wanted.has(canonical)) return file;
  }
  return null;
}

async function frontMatterUrl(full: string): Promise<string | null> {
  let head: string;
  try {
    const fh = await open(full, "r");
    try {
      const buf = Buffer.alloc(16_384);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead).toString("utf8");
    } finally {
      await fh.close();
    }
  } catch {
    return null;
  }
  const fm = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(head);
  if (!fm) return null;
  try {
    const data = parseYaml(fm[1] ?? "") as Record<string, unknown> | null;
    return typeof data?.url === "string" ? data.url : null;
  } catch {
    return null;
  }
}

/** A file name from a title: lower-case words joined by hyphens, letters of any script kept. */
export function slug(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let out = "";
  for (const w of words) {
    if (out && out.length + 1 + w.length > 80) break;
    out = out ? `${out}-${w}` : w.slice(0, 80);
  }
  return out;
}

function freeName(corpusDir: string, files: string[], stem: string): string {
  const taken = new Set(files.map((f) => f.toLowerCase()));
  for (let i = 1; ; i++) {
    const name = `${stem}${i === 1 ? "" : `-${i}`}.md`;
    if (!taken.has(name) && !existsSync(path.join(corpusDir, name))) return name;
  }
}
