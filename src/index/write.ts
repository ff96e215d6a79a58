import { statfs } from "node:fs/promises";
import path from "node:path";
import hnswlib from "hnswlib-node";
import type { CorpusWarning } from "../corpus/types.js";
import type { Embedder } from "../embed/embedder.js";
import type { Lane } from "../embed/lanes.js";
import { embedBatches } from "../embed/parallel.js";
import { groupSpeakers } from "../attribution/speakers.js";
import { foldWord, termSpans, terms } from "../text/terms.js";
import Database from "better-sqlite3";
import { Retrieval } from "../retrieval/index.js";
import { buildTimeline } from "../story/timeline.js";
import { createDb, quantize } from "./db.js";
import type { ParsedArticle } from "./parse.js";
import { INDEX_FORMAT, INDEX_VERSION, type ArticleRecord, type Counts, type Manifest } from "./schema.js";
import { saveHnsw } from "./hnsw-file.js";
import { IndexError, newGeneration, sha256 } from "./store.js";

export const HNSW_M = 32;
export const HNSW_EF_CONSTRUCTION = 200;
const EMBED_BATCH = 64;
/** The paragraphs whose dates say what an article is about. */
const LEAD_PARAGRAPHS = 3;

/** Vectors that need not be computed again: chunk vectors (float) and sentence vectors (int8), by text hash. */
export interface VectorSource {
  chunks: Map<string, Float32Array>;
  units: Map<string, Buffer>;
}

export interface WriteOptions {
  indexDir: string;
  embedder: Pick<Embedder, "id" | "dim" | "embed">;
  parsed: ParsedArticle[];
  records: ArticleRecord[];
  previous: VectorSource;
  onProgress?: (done: number, total: number) => void;
  /** A second model lane to embed beside this thread (embed/parallel.ts); none: one lane. */
  secondLane?: () => Promise<Lane>;
  log?: (line: string) => void;
  manifest: { corpusDir: string; storyKey: string; warnings: CorpusWarning[] };
}

export interface WriteResult {
  counts: Counts;
  embedded: number;
  /** Of the model calls that embedded them, how many the second lane made. */
  secondLaneBatches: number;
  reusedChunks: number;
}

/** The key two citations of the same words share, whatever the spacing or curly quotes. */
export function textKey(text: string): string {
  return sha256(text.normalize("NFKC").replace(/[“”«»„]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, " ").trim().toLowerCase()).slice(0, 24);
}

/**
 * Embeds what the previous index did not have (each distinct text once, longest first so batches
 * pad little), then writes a complete generation: index.sqlite and hnsw.bin, then the manifest.
 */
export async function writeIndex(opts: WriteOptions): Promise<WriteResult> {
  const { embedder, parsed, previous } = opts;
  const dim = embedder.dim;

  const chunkVectors = new Map<string, Float32Array>();
  const unitVectors = new Map<string, Buffer>();
  const todo = new Map<string, { text: string; chunk: boolean; unit: boolean }>();
  let reusedChunks = 0;
  for (const p of parsed) {
    for (const c of p.chunks) {
      const v = previous.chunks.get(c.hash);
      if (v) {
        chunkVectors.set(c.hash, v);
        reusedChunks++;
      } else todo.set(c.hash, { ...(todo.get(c.hash) ?? { text: c.embedText, unit: false }), chunk: true });
    }
    for (const u of p.units) {
      const v = previous.units.get(u.vectorHash);
      if (v) unitVectors.set(u.vectorHash, v);
      else todo.set(u.vectorHash, { ...(todo.get(u.vectorHash) ?? { text: u.embedText, chunk: false }), unit: true });
    }
  }
  const pending = [...todo.entries()].sort((a, b) => b[1].text.length - a[1].text.length);
  const groups: (typeof pending)[] = [];
  for (let i = 0; i < pending.length; i += EMBED_BATCH) groups.push(pending.slice(i, i + EMBED_BATCH));
  opts.onProgress?.(0, pending.length);
  let done = 0;
  const { secondLaneBatches } = await embedBatches(embedder, groups.map((g) => g.map(([, t]) => t.text)), (k, out) => {
    groups[k]!.forEach(([hash, t], j) => {
      if (t.chunk) chunkVectors.set(hash, out[j]!);
      if (t.unit) unitVectors.set(hash, quantize(out[j]!));
    });
    done += groups[k]!.length;
    opts.onProgress?.(done, pending.length);
  }, { secondLane: opts.secondLane, log: opts.log });

  const gen = await newGeneration(opts.indexDir);
  try {
    const counts = writeDb(path.join(gen.dir, "index.sqlite"), parsed, opts.records, unitVectors);
    const hnsw = new hnswlib.HierarchicalNSW("ip", dim);
    hnsw.initIndex(Math.max(1, counts.chunks), HNSW_M, HNSW_EF_CONSTRUCTION, 100);
    let label = 0;
    for (const p of parsed) for (const c of p.chunks) hnsw.addPoint(Array.from(chunkVectors.get(c.hash)!), label++);
    await saveHnsw(hnsw, path.join(gen.dir, "hnsw.bin"));
    const manifest = {
      format: INDEX_FORMAT,
      version: INDEX_VERSION,
      model: { id: embedder.id, dim },
      corpusDir: opts.manifest.corpusDir,
      storyKey: opts.manifest.storyKey,
      builtAt: new Date().toISOString(),
      articles: opts.records,
      warnings: opts.manifest.warnings,
      counts,
    } as const;
    // Reading the timeline opens the new files as a reader would: a write that failed unreported
    // (hnswlib ignores a full disk) shows here, before CURRENT can name it.
    await writeTimeline(gen.dir, { ...manifest, files: {} }).catch(async (err: unknown) => {
      if (!(err instanceof IndexError)) throw err;
      throw new IndexError(`Writing the new index failed: the files written do not read back (${err.message}) ${await freeSpace(gen.dir)}The index in use is unchanged.`, "write-failed");
    });
    await gen.adopt("index.sqlite");
    await gen.adopt("hnsw.bin");
    await gen.commit(manifest);
    return { counts, embedded: pending.length, secondLaneBatches, reusedChunks };
  } catch (err) {
    await gen.discard();
    throw err;
  }
}

/** What a moderator needs to see when a write failed: the usual cause is a full disk. */
async function freeSpace(dir: string): Promise<string> {
  try {
    const fs = await statfs(dir);
    return `Is the disk full? ${Math.round((fs.bavail * fs.bsize) / 1e6)} MB are free there. `;
  } catch {
    return "Is the disk full? ";
  }
}

/**
 * The story's timeline is read once, when the index is built, and stored with it: reading event
 * sentences takes compromise's verb tagging (milliseconds a dated sentence) and its memory, which a
 * process that only answers should never pay.
 */
async function writeTimeline(dir: string, manifest: Manifest): Promise<void> {
  const reader = await Retrieval.open(dir, manifest);
  let events;
  try {
    events = buildTimeline(reader);
  } finally {
    reader.close();
  }
  const db = new Database(path.join(dir, "index.sqlite"));
  try {
    const ins = db.prepare("INSERT INTO events (id, date, data) VALUES (?, ?, ?)");
    db.transaction(() => events.forEach((e, i) => ins.run(i, e.date, JSON.stringify(e))))();
  } finally {
    db.close();
  }
}

function writeDb(file: string, parsed: ParsedArticle[], records: ArticleRecord[], unitVectors: Map<string, Buffer>): Counts {
  const db = createDb(file);
  const insArticle = db.prepare("INSERT INTO articles (id, file, title, outlet, url, published, paragraphs, quotes, lead_dates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const insParagraph = db.prepare("INSERT INTO paragraphs (article, number, start, end, text) VALUES (?, ?, ?, ?, ?)");
  const insChunk = db.prepare("INSERT INTO chunks (id, article, paragraph, start, end, hash) VALUES (?, ?, ?, ?, ?, ?)");
  const insUnit = db.prepare(
    "INSERT INTO units (id, chunk, article, paragraph, position, kind, start, end, text, text_key, speaker, role, speaker_key, quote, entities, event_date, vector, terms, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insVector = db.prepare("INSERT OR IGNORE INTO unit_vectors (hash, v) VALUES (?, ?)");
  const insFtsUnit = db.prepare("INSERT INTO fts_units (rowid, body, who) VALUES (?, ?, ?)");
  const insFtsChunk = db.prepare("INSERT INTO fts_chunks (rowid, body, who, title) VALUES (?, ?, ?, ?)");
  const insSpeaker = db.prepare("INSERT INTO speakers (key, name, role, quotes, statements, spellings, first_date, last_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const insTrigram = db.prepare("INSERT INTO vocab_trigrams (term) VALUES (?)");

  const { keyOf, groups } = groupSpeakers(parsed.flatMap((p) => p.units.filter((u) => u.speaker).map((u) => ({ name: u.speaker!, role: u.role }))));
  const stats = new Map<string, { quotes: number; statements: number; first: string | null; last: string | null }>();
  const counts: Counts = { articles: parsed.length, paragraphs: 0, chunks: 0, units: 0, quotes: 0 };

  db.transaction(() => {
    let chunkId = 0;
    let unitId = 0;
    parsed.forEach((p, ai) => {
      const rec = records[ai]!;
      const leadDates = [...new Set(p.units.filter((u) => u.paragraph <= LEAD_PARAGRAPHS && u.eventDate).map((u) => u.eventDate!))];
      insArticle.run(ai, rec.file, rec.title, rec.outlet, rec.url, rec.published, p.paragraphs.length, p.quotes, JSON.stringify(leadDates));
      for (const para of p.paragraphs) insParagraph.run(ai, para.number, para.start, para.end, para.text);
      const title = terms(rec.title ?? "").join(" ");
      const base = chunkId;
      const chunkUnits: string[][] = p.chunks.map(() => []);
      const chunkWho: Set<string>[] = p.chunks.map(() => new Set());
      for (const u of p.units) {
        const key = u.speaker ? keyOf(u.speaker) : null;
        const who = u.speaker ? terms(`${u.speaker} ${u.role ?? ""}`).join(" ") : "";
        const spans = termSpans(u.text);
        const unitTerms = spans.map((t) => t.term).join(" ");
        insUnit.run(unitId, base + u.chunk, ai, u.paragraph, u.position, u.kind, u.start, u.end, u.text, textKey(u.text), u.speaker, u.role, key, u.quote, JSON.stringify(u.entities.map((e) => [e.type, e.start, e.end])), u.eventDate, u.vectorHash, unitTerms, [...new Set(spans.map((t) => t.word))].join(" "));
        insVector.run(u.vectorHash, unitVectors.get(u.vectorHash)!);
        insFtsUnit.run(unitId, unitTerms, who);
        chunkUnits[u.chunk]!.push(u.text);
        if (who && u.kind !== "passage") chunkWho[u.chunk]!.add(who);
        if (key && u.kind !== "passage") {
          const s = stats.get(key) ?? { quotes: 0, statements: 0, first: null, last: null };
          if (u.kind === "quote") s.quotes++;
          else s.statements++;
          const when = rec.published;
          if (when && (!s.first || when < s.first)) s.first = when;
          if (when && (!s.last || when > s.last)) s.last = when;
          stats.set(key, s);
        }
        unitId++;
      }
      p.chunks.forEach((c, i) => {
        insChunk.run(chunkId, ai, c.paragraph, c.start, c.end, c.hash);
        insFtsChunk.run(chunkId, terms(chunkUnits[i]!.join(" ")).join(" "), [...chunkWho[i]!].join(" "), title);
        chunkId++;
      });
      counts.paragraphs += p.paragraphs.length;
      counts.quotes += p.quotes;
    });
    counts.chunks = chunkId;
    counts.units = unitId;
    for (const g of groups) {
      const s = stats.get(g.key);
      if (!s) continue;
      insSpeaker.run(g.key, g.name, g.role, s.quotes, s.statements, JSON.stringify(g.spellings), s.first, s.last);
    }
    // Every distinct term, by trigrams: a misspelt name in a question finds its nearest spellings.
    for (const term of db.prepare("SELECT term FROM vocab").pluck().all() as string[]) {
      if (term.length >= 4 && foldWord(term) === term) insTrigram.run(term);
    }
  })();
  db.exec("INSERT INTO fts_units (fts_units) VALUES ('optimize'); INSERT INTO fts_chunks (fts_chunks) VALUES ('optimize'); INSERT INTO vocab_trigrams (vocab_trigrams) VALUES ('optimize');");
  db.close();
  return counts;
}
