import { copyFile, stat } from "node:fs/promises";
import path from "node:path";
import hnswlib from "hnswlib-node";
import { loadCorpus } from "../corpus/load.js";
import { checkFreshness } from "./freshness.js";
import type { Article, CorpusWarning } from "../corpus/types.js";
import type { Embedder } from "../embed/embedder.js";
import type { Lane } from "../embed/lanes.js";
import { loadStory } from "../story/story.js";
import { openDb } from "./db.js";
import { parseArticleForIndex, type ParsedArticle } from "./parse.js";
import { DATA_FILES, type ArticleRecord, type Manifest } from "./schema.js";
import { IndexError, newGeneration, pruneGenerations, readManifest, sha256, verifyFiles } from "./store.js";
import { writeIndex, type VectorSource } from "./write.js";

export { HNSW_EF_CONSTRUCTION, HNSW_M } from "./write.js";
export { checkFreshness, type Freshness } from "./freshness.js";

export interface BuildOptions {
  corpusDir: string;
  indexDir: string;
  embedder: Embedder;
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Warnings about the story file (dossier.yaml). */
  warn?: (line: string) => void;
  /** A line when the second model lane cannot be opened or is lost. */
  log?: (line: string) => void;
  /**
   * A worker thread with its own copy of the model, embedding beside this thread (measured 1.2 to
   * 1.3 times as fast on two cores: this thread also parses the articles). Given by `npm run index`
   * and by an engine's first build; not by a live /reindex, so that the bot's own second lane keeps
   * a core for questions meanwhile.
   */
  secondLane?: () => Promise<Lane>;
}

export interface BuildSummary {
  upToDate: boolean;
  articles: number;
  paragraphs: number;
  quotes: number;
  chunks: number;
  /** Distinct texts that reached the model (paragraph chunks and sentences). */
  embedded: number;
  /** Model calls made by the second lane (0 with one lane). */
  secondLaneBatches: number;
  /** Chunks whose vector came from the previous index. */
  reused: number;
  removed: number;
  seconds: number;
  warnings: CorpusWarning[];
  /** Why the previous index could not be used, when it could not. */
  previousProblem: string | null;
}

/** Vectors of the previous generation, by the hash of their embedded text. */
async function previousVectors(indexDir: string, manifest: Manifest, dim: number): Promise<VectorSource> {
  const { dir } = await readManifest(indexDir);
  await verifyFiles(dir, manifest);
  const db = openDb(path.join(dir, "index.sqlite"));
  try {
    const hnsw = new hnswlib.HierarchicalNSW("ip", dim);
    await hnsw.readIndex(path.join(dir, "hnsw.bin"));
    const chunks = new Map<string, Float32Array>();
    for (const row of db.prepare("SELECT id, hash FROM chunks").iterate() as Iterable<{ id: number; hash: string }>) {
      chunks.set(row.hash, Float32Array.from(hnsw.getPoint(row.id)));
    }
    const units = new Map<string, Buffer>();
    for (const row of db.prepare("SELECT hash, v FROM unit_vectors").iterate() as Iterable<{ hash: string; v: Buffer }>) units.set(row.hash, row.v);
    return { chunks, units };
  } finally {
    db.close();
  }
}

/**
 * Incremental build: unchanged files are detected from size and mtime, unchanged paragraphs and
 * sentences from the hash of what is embedded, so only new text reaches the model. The SQLite
 * file and the HNSW graph are written anew from parsed text and stored vectors.
 */
export async function buildIndex(opts: BuildOptions): Promise<BuildSummary> {
  const t0 = performance.now();
  const { embedder, corpusDir, indexDir } = opts;
  const story = await loadStory(corpusDir, opts.warn);
  const fresh = opts.force ? null : await checkFreshness(corpusDir, indexDir, embedder.id, story);
  if (opts.force) await checkFreshness(corpusDir, indexDir, embedder.id, story); // same early errors (missing corpus, index path a file)
  await pruneGenerations(indexDir);
  if (fresh?.fresh && fresh.manifest) {
    const m = fresh.manifest;
    return {
      upToDate: true,
      articles: m.counts.articles,
      paragraphs: m.counts.paragraphs,
      quotes: m.counts.quotes,
      chunks: m.counts.chunks,
      embedded: 0,
      secondLaneBatches: 0,
      reused: m.counts.chunks,
      removed: 0,
      seconds: (performance.now() - t0) / 1000,
      warnings: m.warnings,
      previousProblem: null,
    };
  }

  let previousProblem: string | null = fresh?.manifest ? null : (fresh?.reason ?? null);
  if (fresh?.manifest && fresh.manifest.model.id !== embedder.id) previousProblem = fresh.reason;
  const reusable = !opts.force && fresh?.manifest?.model.id === embedder.id ? fresh.manifest : null;

  const corpus = await loadCorpus(corpusDir);
  if (reusable && sameContent(reusable, corpus.articles)) {
    // Only modification times moved (a fresh checkout, a touch): the data files are carried over.
    try {
      return await carryOver(indexDir, corpusDir, reusable, corpus.warnings, t0);
    } catch (err) {
      if (!(err instanceof IndexError)) throw err;
      previousProblem = err.message;
    }
  }
  let previous: VectorSource = { chunks: new Map(), units: new Map() };
  if (reusable && !previousProblem) {
    try {
      previous = await previousVectors(indexDir, reusable, embedder.dim);
    } catch (err) {
      if (!(err instanceof IndexError)) throw err;
      previousProblem = err.message;
    }
  }

  const parsed: ParsedArticle[] = [];
  const records: ArticleRecord[] = [];
  for (const article of corpus.articles) {
    const st = await stat(path.join(corpusDir, article.file));
    const p = parseArticleForIndex(article, embedder, story);
    parsed.push(p);
    const { content: _c, bodyStart: _b, ...meta } = article;
    records.push({ ...meta, hash: sha256(article.content), size: st.size, mtimeMs: st.mtimeMs, paragraphs: p.paragraphs.length, quotes: p.quotes });
  }

  const written = await writeIndex({
    indexDir,
    embedder,
    parsed,
    records,
    previous,
    onProgress: opts.onProgress,
    secondLane: opts.secondLane,
    log: opts.log,
    manifest: { corpusDir: path.resolve(corpusDir), storyKey: story.parsingKey, warnings: await withStats(corpusDir, corpus.warnings) },
  });
  const now = new Set(records.map((r) => r.file));
  return {
    upToDate: false,
    articles: written.counts.articles,
    paragraphs: written.counts.paragraphs,
    quotes: written.counts.quotes,
    chunks: written.counts.chunks,
    embedded: written.embedded,
    secondLaneBatches: written.secondLaneBatches,
    reused: written.reusedChunks,
    removed: reusable ? reusable.articles.filter((a) => !now.has(a.file)).length : 0,
    seconds: (performance.now() - t0) / 1000,
    warnings: corpus.warnings,
    previousProblem,
  };
}

/** A skipped file's size and mtime, so that fixing it (trimming, replacing) triggers a rebuild. */
async function withStats(corpusDir: string, warnings: CorpusWarning[]): Promise<Manifest["warnings"]> {
  const out: Manifest["warnings"] = [];
  for (const w of warnings) {
    const st = await stat(path.join(corpusDir, w.file)).catch(() => null);
    out.push(st ? { ...w, size: st.size, mtimeMs: st.mtimeMs } : { ...w });
  }
  return out;
}

function sameContent(manifest: Manifest, articles: Article[]): boolean {
  if (manifest.articles.length !== articles.length) return false;
  const hashes = new Map(manifest.articles.map((a) => [a.file, a.hash]));
  return articles.every((a) => hashes.get(a.file) === sha256(a.content));
}

/** A new generation with the previous data files, verified, and the articles' new sizes and mtimes. */
async function carryOver(indexDir: string, corpusDir: string, manifest: Manifest, warnings: CorpusWarning[], t0: number): Promise<BuildSummary> {
  const { dir } = await readManifest(indexDir);
  await verifyFiles(dir, manifest);
  const gen = await newGeneration(indexDir);
  try {
    for (const file of DATA_FILES) {
      await copyFile(path.join(dir, file), path.join(gen.dir, file));
      await gen.adopt(file);
    }
    // A file damaged while being copied must not be committed under a fresh checksum.
    await verifyFiles(gen.dir, manifest);
    const articles: ArticleRecord[] = [];
    for (const a of manifest.articles) {
      const st = await stat(path.join(corpusDir, a.file));
      articles.push({ ...a, size: st.size, mtimeMs: st.mtimeMs });
    }
    const { files: _files, ...rest } = manifest;
    await gen.commit({ ...rest, builtAt: new Date().toISOString(), articles, warnings: await withStats(corpusDir, warnings) });
  } catch (err) {
    await gen.discard();
    throw err;
  }
  const c = manifest.counts;
  return { upToDate: false, articles: c.articles, paragraphs: c.paragraphs, quotes: c.quotes, chunks: c.chunks, embedded: 0, secondLaneBatches: 0, reused: c.chunks, removed: 0, seconds: (performance.now() - t0) / 1000, warnings, previousProblem: null };
}
