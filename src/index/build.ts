import { copyFile, stat } from "node:fs/promises";
import path from "node:path";
import hnswlib from "hnswlib-node";
import { chunkParagraph } from "../corpus/chunks.js";
import { listArticleFiles, loadCorpus } from "../corpus/load.js";
import { splitParagraphs } from "../corpus/paragraphs.js";
import type { Article, CorpusWarning } from "../corpus/types.js";
import type { Embedder } from "../embed/embedder.js";
import { analyzeArticle, type Unit } from "../quotes/analyze.js";
import type { ArticleRecord, ChunkRecord, Manifest, UnitRecord } from "./schema.js";
import { INDEX_FORMAT, INDEX_VERSION } from "./schema.js";
import { IndexError, newGeneration, readManifest, readMeta, readVerified, sha256, vectorsFrom } from "./store.js";

export const HNSW_M = 32;
export const HNSW_EF_CONSTRUCTION = 200;

export interface BuildOptions {
  corpusDir: string;
  indexDir: string;
  embedder: Embedder;
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface BuildSummary {
  upToDate: boolean;
  articles: number;
  paragraphs: number;
  quotes: number;
  chunks: number;
  embedded: number;
  reused: number;
  removed: number;
  seconds: number;
  warnings: CorpusWarning[];
  /** Why the previous index could not be used, when it could not. */
  previousProblem: string | null;
}

export interface Freshness {
  fresh: boolean;
  reason: string | null;
  manifest: Manifest | null;
}

/** Cheap check (file names, sizes, mtimes, model): is the index on disk the corpus as it is now? */
export async function checkFreshness(corpusDir: string, indexDir: string, modelId: string): Promise<Freshness> {
  // A missing corpus folder is the user's first problem, before anything about the index.
  const files = await listArticleFiles(corpusDir);
  let manifest: Manifest;
  try {
    manifest = (await readManifest(indexDir)).manifest;
  } catch (err) {
    if (err instanceof IndexError) return { fresh: false, reason: err.message, manifest: null };
    throw err;
  }
  if (manifest.model.id !== modelId) {
    return { fresh: false, reason: `The index was built with model ${manifest.model.id}, but the current model is ${modelId}.`, manifest };
  }
  const known = new Map([...manifest.articles, ...manifest.warnings.map((w) => ({ file: w.file, size: -1, mtimeMs: -1 }))].map((a) => [a.file, a]));
  if (files.length !== known.size) return { fresh: false, reason: "Articles were added or removed.", manifest };
  for (const file of files) {
    const rec = known.get(file);
    if (!rec) return { fresh: false, reason: `New article ${file}.`, manifest };
    if (rec.size < 0) continue; // skipped before; it is reported again on a rebuild
    const st = await stat(path.join(corpusDir, file)).catch(() => null);
    if (!st || st.size !== rec.size || st.mtimeMs !== rec.mtimeMs) return { fresh: false, reason: `${file} changed.`, manifest };
  }
  return { fresh: true, reason: null, manifest };
}

interface ParsedArticle {
  article: Article;
  record: ArticleRecord;
  chunks: { rec: Omit<ChunkRecord, "article">; embedText: string }[];
  units: (Omit<UnitRecord, "chunk"> & { chunkLocal: number })[];
}

/** Parsing is pure given the embedder's window: paragraphs, quotes, chunks and their embed text. */
export function parseArticleForIndex(article: Article, embedder: Pick<Embedder, "id" | "maxTokens" | "countTokens">, st: { size: number; mtimeMs: number }): ParsedArticle {
  const paragraphs = splitParagraphs(article);
  const analyzed = analyzeArticle(article, paragraphs);
  const chunks: ParsedArticle["chunks"] = [];
  const units: ParsedArticle["units"] = [];
  let quotes = 0;
  for (const { paragraph, units: pUnits } of analyzed) {
    const spans = chunkParagraph(paragraph, embedder.maxTokens, (t) => embedder.countTokens(t));
    const first = chunks.length;
    for (const span of spans) {
      const inChunk = pUnits.filter((u) => u.start >= span.start && u.start < span.end);
      const text = article.content.slice(span.start, span.end);
      const embedText = speakerPrefix(inChunk, text) + text;
      chunks.push({ rec: { paragraph: paragraph.number, start: span.start, end: span.end, hash: sha256(`${embedder.id}\0${embedText}`) }, embedText });
    }
    for (const u of pUnits) {
      const local = spans.findIndex((s) => u.start >= s.start && u.start < s.end);
      units.push({ ...toRecord(u), chunkLocal: first + Math.max(0, local) });
      if (u.kind === "quote") quotes++;
    }
  }
  const { content: _c, bodyStart: _b, ...meta } = article;
  return {
    article,
    record: { ...meta, hash: sha256(article.content), size: st.size, mtimeMs: st.mtimeMs, paragraphs: paragraphs.length, quotes },
    chunks,
    units,
  };
}

/** Speakers a chunk quotes but does not name ("…," he said) are added to what is embedded. */
function speakerPrefix(units: Unit[], text: string): string {
  const names = new Set<string>();
  for (const u of units) {
    if (!u.speaker || text.includes(u.speaker)) continue;
    names.add(u.role ? `${u.role} ${u.speaker}` : u.speaker);
  }
  return names.size ? `${[...names].join("; ")}: ` : "";
}

function toRecord(u: Unit): Omit<UnitRecord, "chunk"> {
  return { kind: u.kind, start: u.start, end: u.end, text: u.text, speaker: u.speaker, role: u.role, quote: u.quote };
}

/**
 * Incremental build: unchanged files are detected from size and mtime, unchanged chunks from the
 * hash of what is embedded, so only new text reaches the model. The HNSW graph is rebuilt from
 * the stored vectors, which is fast next to embedding.
 */
export async function buildIndex(opts: BuildOptions): Promise<BuildSummary> {
  const t0 = performance.now();
  const { embedder, corpusDir, indexDir } = opts;
  const fresh = opts.force ? null : await checkFreshness(corpusDir, indexDir, embedder.id);
  if (fresh?.fresh && fresh.manifest) {
    const m = fresh.manifest;
    return {
      upToDate: true,
      articles: m.counts.articles,
      paragraphs: m.counts.paragraphs,
      quotes: m.counts.quotes,
      chunks: m.counts.chunks,
      embedded: 0,
      reused: m.counts.chunks,
      removed: 0,
      seconds: (performance.now() - t0) / 1000,
      warnings: m.warnings,
      previousProblem: null,
    };
  }

  let previousProblem: string | null = fresh?.manifest ? null : (fresh?.reason ?? null);
  const reusable = !opts.force && fresh?.manifest?.model.id === embedder.id;
  if (fresh?.manifest && fresh.manifest.model.id !== embedder.id) previousProblem = fresh.reason;

  const corpus = await loadCorpus(corpusDir);
  let previousGen: { dir: string; manifest: Manifest } | null = null;
  if (reusable) {
    try {
      previousGen = await readManifest(indexDir);
      if (sameContent(previousGen.manifest, corpus.articles)) {
        // Only mtimes moved (a fresh checkout, a touch): the data files stay as they are.
        return await refreshStats(previousGen, corpus.articles, corpus.warnings, indexDir, corpusDir, t0);
      }
    } catch (err) {
      if (!(err instanceof IndexError)) throw err;
      previousProblem = err.message;
      previousGen = null;
    }
  }

  // Vectors of the previous index, by the hash of their embedded text.
  const previous = new Map<string, Float32Array>();
  let previousFiles = new Set<string>();
  if (previousGen) {
    const { dir, manifest } = previousGen;
    try {
      const meta = await readMeta(dir, manifest);
      const vectors = vectorsFrom(await readVerified(dir, manifest, "vectors.f32"), manifest.model.dim);
      meta.chunks.forEach((c, i) => previous.set(c.hash, vectors.subarray(i * manifest.model.dim, (i + 1) * manifest.model.dim)));
      previousFiles = new Set(manifest.articles.map((a) => a.file));
    } catch (err) {
      if (!(err instanceof IndexError)) throw err;
      previousProblem = err.message;
    }
  }

  const parsed: ParsedArticle[] = [];
  for (const article of corpus.articles) {
    const st = await stat(path.join(corpusDir, article.file));
    parsed.push(parseArticleForIndex(article, embedder, st));
  }

  const chunks: ChunkRecord[] = [];
  const units: UnitRecord[] = [];
  const embedTexts: string[] = [];
  parsed.forEach((p, ai) => {
    const base = chunks.length;
    for (const c of p.chunks) {
      chunks.push({ ...c.rec, article: ai });
      embedTexts.push(c.embedText);
    }
    for (const { chunkLocal, ...u } of p.units) units.push({ ...u, chunk: base + chunkLocal });
  });

  // Embed each distinct new text once, longest first so batches pad little.
  const dim = embedder.dim;
  const vectors = new Float32Array(chunks.length * dim);
  const todo = new Map<string, number[]>();
  let reused = 0;
  chunks.forEach((c, i) => {
    const v = previous.get(c.hash);
    if (v) {
      vectors.set(v, i * dim);
      reused++;
    } else {
      const list = todo.get(c.hash) ?? [];
      list.push(i);
      todo.set(c.hash, list);
    }
  });
  const pending = [...todo.values()].sort((a, b) => embedTexts[b[0]!]!.length - embedTexts[a[0]!]!.length);
  const BATCH = 64;
  opts.onProgress?.(0, pending.length);
  for (let i = 0; i < pending.length; i += BATCH) {
    const group = pending.slice(i, i + BATCH);
    const out = await embedder.embed(group.map((g) => embedTexts[g[0]!]!));
    group.forEach((targets, k) => {
      for (const t of targets) vectors.set(out[k]!, t * dim);
    });
    opts.onProgress?.(Math.min(i + BATCH, pending.length), pending.length);
  }

  const gen = await newGeneration(indexDir);
  const hnsw = new hnswlib.HierarchicalNSW("ip", dim);
  hnsw.initIndex(Math.max(1, chunks.length), HNSW_M, HNSW_EF_CONSTRUCTION, 100);
  for (let i = 0; i < chunks.length; i++) hnsw.addPoint(Array.from(vectors.subarray(i * dim, (i + 1) * dim)), i);
  await hnsw.writeIndex(path.join(gen.dir, "hnsw.bin"));
  await gen.adopt("hnsw.bin");
  await gen.write("vectors.f32", Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength));
  await gen.write("meta.json", JSON.stringify({ chunks, units }));
  const records = parsed.map((p) => p.record);
  const counts = {
    articles: records.length,
    paragraphs: records.reduce((n, a) => n + a.paragraphs, 0),
    chunks: chunks.length,
    units: units.length,
    quotes: records.reduce((n, a) => n + a.quotes, 0),
  };
  await gen.commit({
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    model: { id: embedder.id, dim },
    corpusDir: path.resolve(corpusDir),
    builtAt: new Date().toISOString(),
    articles: records,
    warnings: corpus.warnings,
    counts,
  });
  const now = new Set(records.map((r) => r.file));
  return {
    upToDate: false,
    articles: counts.articles,
    paragraphs: counts.paragraphs,
    quotes: counts.quotes,
    chunks: counts.chunks,
    embedded: pending.length,
    reused,
    removed: [...previousFiles].filter((f) => !now.has(f)).length,
    seconds: (performance.now() - t0) / 1000,
    warnings: corpus.warnings,
    previousProblem,
  };
}


function sameContent(manifest: Manifest, articles: Article[]): boolean {
  if (manifest.articles.length !== articles.length) return false;
  const hashes = new Map(manifest.articles.map((a) => [a.file, a.hash]));
  return articles.every((a) => hashes.get(a.file) === sha256(a.content));
}

async function refreshStats(
  prev: { dir: string; manifest: Manifest },
  articles: Article[],
  warnings: CorpusWarning[],
  indexDir: string,
  corpusDir: string,
  t0: number,
): Promise<BuildSummary> {
  const gen = await newGeneration(indexDir);
  for (const [file, expected] of Object.entries(prev.manifest.files)) {
    await copyFile(path.join(prev.dir, file), path.join(gen.dir, file));
    // A damaged file must not be carried over under a fresh checksum.
    if ((await gen.adopt(file)) !== expected.sha256) throw new IndexError(`The index is damaged: ${file} is truncated or altered.`, "damaged");
  }
  const stats = new Map<string, { size: number; mtimeMs: number }>();
  for (const a of articles) {
    const st = await stat(path.join(corpusDir, a.file));
    stats.set(a.file, { size: st.size, mtimeMs: st.mtimeMs });
  }
  const { files: _files, ...rest } = prev.manifest;
  await gen.commit({
    ...rest,
    builtAt: new Date().toISOString(),
    articles: prev.manifest.articles.map((a) => ({ ...a, ...stats.get(a.file)! })),
    warnings,
  });
  const c = prev.manifest.counts;
  return { upToDate: false, articles: c.articles, paragraphs: c.paragraphs, quotes: c.quotes, chunks: c.chunks, embedded: 0, reused: c.chunks, removed: 0, seconds: (performance.now() - t0) / 1000, warnings, previousProblem: null };
}
