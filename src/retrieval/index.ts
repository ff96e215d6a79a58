import { open } from "node:fs/promises";
import path from "node:path";
import { distance } from "fastest-levenshtein";
import hnswlib from "hnswlib-node";
import type { ItemKind, Source } from "../answer/types.js";
import { openDb, dotQuantized, type Db } from "../index/db.js";
import type { Manifest } from "../index/schema.js";
import { IndexError } from "../index/store.js";
import type { Entity, EntityType } from "../text/entities.js";

/**
 * The only code that reads an index's internals (the SQLite file and the HNSW graph). Everything
 * above it (answers, the bot, the terminal) asks questions of this object: nearest paragraphs,
 * BM25 over sentences and paragraphs, units by id or speaker, citations, vocabulary.
 */

export type Hnsw = InstanceType<typeof hnswlib.HierarchicalNSW>;

/** HNSW search breadth: recall@10 >= 0.98 at 100k paragraphs needs it this wide (npm run bench; scripts/dev/recall.ts). */
export const SEARCH_EF = 1536;

export interface Scored {
  id: number;
  score: number;
}

export interface ArticleRow {
  id: number;
  file: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  paragraphs: number;
  quotes: number;
  /** Dates named in the article's first paragraphs (yyyy-mm-dd or yyyy-mm). */
  leadDates: string[];
}

export interface UnitRow {
  id: number;
  chunk: number;
  article: number;
  paragraph: number;
  position: number;
  kind: ItemKind;
  text: string;
  textKey: string;
  speaker: string | null;
  role: string | null;
  speakerKey: string | null;
  quote: string | null;
  entities: Entity[];
  eventDate: string | null;
  vector: string;
  /** The text's terms through the one tokenizer (src/text/terms.ts), in order. */
  terms: string[];
  /** Its distinct folded words, for word-vector similarity. */
  words: string[];
}

export interface SpeakerRow {
  key: string;
  name: string;
  role: string | null;
  quotes: number;
  statements: number;
  spellings: string[];
  firstDate: string | null;
  lastDate: string | null;
}

interface RawUnit {
  id: number;
  chunk: number;
  article: number;
  paragraph: number;
  position: number;
  kind: ItemKind;
  text: string;
  text_key: string;
  speaker: string | null;
  role: string | null;
  speaker_key: string | null;
  quote: string | null;
  entities: string;
  event_date: string | null;
  vector: string;
  terms: string;
  words: string;
}

const UNIT_COLUMNS = "id, chunk, article, paragraph, position, kind, text, text_key, speaker, role, speaker_key, quote, entities, event_date, vector, terms, words";

function toUnit(r: RawUnit): UnitRow {
  return {
    id: r.id,
    chunk: r.chunk,
    article: r.article,
    paragraph: r.paragraph,
    position: r.position,
    kind: r.kind,
    text: r.text,
    textKey: r.text_key,
    speaker: r.speaker,
    role: r.role,
    speakerKey: r.speaker_key,
    quote: r.quote,
    entities: (JSON.parse(r.entities) as [EntityType, number, number][]).map(([type, start, end]) => ({ type, start, end })),
    eventDate: r.event_date,
    vector: r.vector,
    terms: r.terms ? r.terms.split(" ") : [],
    words: r.words ? r.words.split(" ") : [],
  };
}

/**
 * The vector dimension recorded in an hnswlib file's header: the bytes of data per element
 * (label offset minus data offset, two size_t fields at bytes 32 and 40) over 4 bytes a float.
 */
async function hnswDimension(file: string): Promise<number> {
  const fh = await open(file, "r");
  try {
    const head = Buffer.alloc(48);
    const { bytesRead } = await fh.read(head, 0, 48, 0);
    if (bytesRead < 48) return -1;
    return Number(head.readBigUInt64LE(32) - head.readBigUInt64LE(40)) / 4;
  } finally {
    await fh.close();
  }
}

/** FTS5 query text: each term quoted, so no term is read as FTS syntax. */
const ftsOr = (terms: string[]) => terms.map((t) => `"${t.replace(/"/g, "")}"`).join(" OR ");

/**
 * A query term in more documents than this share is left to dense search: its BM25 weight is
 * small and scoring it would touch a large part of a big corpus on every question.
 */
export const COMMON_TERM_SHARE = 0.2;
export const COMMON_TERM_DOCS = 2000;

export class Retrieval {
  readonly articles: ArticleRow[];
  private readonly speakerRows: SpeakerRow[];
  private readonly unitCache = new Map<number, UnitRow>();
  private readonly dfCache = new Map<string, number>();
  private readonly speakerChunks = new Map<string, Set<number>>();
  private readonly vectorCache = new Map<string, Buffer>();
  readonly unitCount: number;
  readonly chunkCount: number;
  /** Chunk -> article, for filters that run inside the HNSW search. */
  private readonly chunkArticle: Int32Array;
  private readonly stmt;

  private constructor(
    private readonly db: Db,
    private readonly hnsw: Hnsw,
    readonly manifest: Manifest,
  ) {
    this.articles = (db.prepare("SELECT id, file, title, outlet, url, published, paragraphs, quotes, lead_dates FROM articles ORDER BY id").all() as (Omit<ArticleRow, "leadDates"> & { lead_dates: string })[]).map(
      ({ lead_dates, ...a }) => ({ ...a, leadDates: JSON.parse(lead_dates) as string[] }),
    );
    this.speakerRows = (db.prepare("SELECT key, name, role, quotes, statements, spellings, first_date AS firstDate, last_date AS lastDate FROM speakers ORDER BY quotes + statements DESC, key").all() as (Omit<SpeakerRow, "spellings"> & { spellings: string })[]).map(
      (s) => ({ ...s, spellings: JSON.parse(s.spellings) as string[] }),
    );
    this.unitCount = (db.prepare("SELECT count(*) AS n FROM units").get() as { n: number }).n;
    this.chunkCount = (db.prepare("SELECT count(*) AS n FROM chunks").get() as { n: number }).n;
    this.chunkArticle = new Int32Array(this.chunkCount);
    for (const row of db.prepare("SELECT id, article FROM chunks").raw().iterate() as Iterable<[number, number]>) {
      if (row[0] < this.chunkCount) this.chunkArticle[row[0]] = row[1];
    }
    this.stmt = {
      unit: db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE id = ?`),
      unitsOfChunk: db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE chunk = ? ORDER BY id`),
      unitsOfChunks: db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE chunk IN (SELECT value FROM json_each(?)) ORDER BY id`),
      unitsOfSpeaker: db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE speaker_key = ? ORDER BY id`),
      chunksOfSpeaker: db.prepare("SELECT DISTINCT chunk FROM units WHERE speaker_key = ? AND kind != 'passage'").pluck(),
      sameText: db.prepare("SELECT id, article, paragraph FROM units WHERE text_key = ? ORDER BY id"),
      vector: db.prepare("SELECT v FROM unit_vectors WHERE hash = ?").pluck(),
      vectors: db.prepare("SELECT hash, v FROM unit_vectors WHERE hash IN (SELECT value FROM json_each(?))"),
      df: db.prepare("SELECT doc FROM vocab WHERE term = ?").pluck(),
      bm25Units: db.prepare("SELECT rowid AS id, -bm25(fts_units, 1.0, 0.6) AS score FROM fts_units WHERE fts_units MATCH ? ORDER BY rank LIMIT ?"),
      bm25Chunks: db.prepare("SELECT rowid AS id, -bm25(fts_chunks, 2.0, 1.5, 0.5) AS score FROM fts_chunks WHERE fts_chunks MATCH ? ORDER BY rank LIMIT ?"),
      trigram: db.prepare("SELECT term FROM vocab_trigrams WHERE vocab_trigrams MATCH ? ORDER BY rank LIMIT 60").pluck(),
      paragraph: db.prepare("SELECT number, start, end, text FROM paragraphs WHERE article = ? AND number = ?"),
      holding: db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE article = ? AND instr(text, ?) > 0 ORDER BY kind = 'quote' DESC, id LIMIT 1`),
      leads: db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE article = ? ORDER BY position LIMIT ?`),
      ofArticle: db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE article = ? ORDER BY position`),
      // Units that name a date, and those of live-coverage entries (a paragraph opening with a time of day).
      events: db.prepare("SELECT data FROM events ORDER BY id").pluck(),
      timeline: db.prepare(
        `SELECT ${UNIT_COLUMNS} FROM units WHERE event_date IS NOT NULL OR (article, paragraph) IN (SELECT article, number FROM paragraphs WHERE text GLOB '[0-9]:[0-9][0-9]*' OR text GLOB '[0-9][0-9]:[0-9][0-9]*' OR text GLOB '[0-9].[0-9][0-9]*' OR text GLOB '[0-9][0-9].[0-9][0-9]*') ORDER BY article, position`,
      ),
    };
  }

  /** Opens a verified generation: the caller has checked the manifest and every file's checksum. */
  static async open(dir: string, manifest: Manifest): Promise<Retrieval> {
    // hnswlib trusts the dimension it is given; the file's own header says what it holds.
    const stored = await hnswDimension(path.join(dir, "hnsw.bin"));
    if (stored !== manifest.model.dim) {
      throw new IndexError(`The index is damaged: vector dimension ${stored} in hnsw.bin, ${manifest.model.dim} in the manifest.`, "damaged");
    }
    const hnsw = new hnswlib.HierarchicalNSW("ip", manifest.model.dim);
    try {
      await hnsw.readIndex(path.join(dir, "hnsw.bin"));
    } catch (err) {
      throw new IndexError(`The index is damaged: hnsw.bin cannot be read (${(err as Error).message}).`, "damaged");
    }
    let db: Db;
    try {
      db = openDb(path.join(dir, "index.sqlite"));
    } catch (err) {
      throw new IndexError(`The index is damaged: index.sqlite cannot be opened (${(err as Error).message}).`, "damaged");
    }
    try {
      const r = new Retrieval(db, hnsw, manifest);
      r.checkAgainstManifest();
      hnsw.setEf(SEARCH_EF);
      return r;
    } catch (err) {
      db.close();
      if (err instanceof IndexError) throw err;
      throw new IndexError(`The index is damaged: index.sqlite cannot be read (${(err as Error).message}).`, "damaged");
    }
  }

  /** The manifest is plain JSON: its figures must match the files they describe. */
  private checkAgainstManifest(): void {
    const m = this.manifest;
    const problems: string[] = [];
    if (this.hnsw.getCurrentCount() !== m.counts.chunks) problems.push(`${this.hnsw.getCurrentCount()} vectors in hnsw.bin, ${m.counts.chunks} chunks in the manifest`);
    if (this.chunkCount !== m.counts.chunks) problems.push(`${this.chunkCount} chunks in index.sqlite, ${m.counts.chunks} in the manifest`);
    if (this.unitCount !== m.counts.units) problems.push(`${this.unitCount} sentences in index.sqlite, ${m.counts.units} in the manifest`);
    if (this.articles.length !== m.articles.length || this.articles.some((a, i) => a.file !== m.articles[i]!.file)) problems.push("the articles in index.sqlite differ from the manifest's");
    const v = this.db.prepare("SELECT v FROM unit_vectors LIMIT 1").pluck().get() as Buffer | undefined;
    if (v && v.length !== 4 + m.model.dim) problems.push(`sentence vectors of ${v.length - 4} dimensions, ${m.model.dim} in the manifest`);
    if (problems.length) throw new IndexError(`The index is damaged: ${problems.join("; ")}.`, "damaged");
  }

  close(): void {
    this.db.close();
  }

  // ---- dense ---------------------------------------------------------------------------------

  /** Nearest chunks by cosine (vectors are normalised and the space is inner product). */
  dense(query: Float32Array, k: number, filter?: (chunk: number) => boolean): Scored[] {
    const n = this.hnsw.getCurrentCount();
    if (n === 0) return [];
    const { neighbors, distances } = this.hnsw.searchKnn(Array.from(query), Math.min(k, n), filter);
    return neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
  }

  articleOfChunk(chunk: number): number {
    return this.chunkArticle[chunk] ?? -1;
  }

  chunkCos(chunk: number, query: Float32Array): number {
    const p = this.hnsw.getPoint(chunk);
    let s = 0;
    for (let i = 0; i < p.length; i++) s += p[i]! * query[i]!;
    return s;
  }

  /** Cosine of a unit's sentence vector with the query. */
  unitCos(unit: UnitRow, query: Float32Array): number {
    let v = this.vectorCache.get(unit.vector);
    if (!v) {
      v = (this.stmt.vector.get(unit.vector) as Buffer | undefined) ?? Buffer.alloc(0);
      if (this.vectorCache.size > 4_000) this.vectorCache.clear();
      this.vectorCache.set(unit.vector, v);
    }
    return v.length ? dotQuantized(query, v) : 0;
  }

  /** A paragraph's vector as the HNSW index holds it. */
  chunkVector(chunk: number): Float32Array {
    return Float32Array.from(this.hnsw.getPoint(chunk));
  }

  /** Reads the sentence vectors of many units in one query, ahead of unitCos. */
  preloadVectors(units: UnitRow[]): void {
    const missing = [...new Set(units.map((u) => u.vector))].filter((h) => !this.vectorCache.has(h));
    if (!missing.length) return;
    if (this.vectorCache.size + missing.length > 4_000) this.vectorCache.clear();
    for (const row of this.stmt.vectors.all(JSON.stringify(missing)) as { hash: string; v: Buffer }[]) this.vectorCache.set(row.hash, row.v);
  }

  // ---- lexical ------------------------------------------------------------------------------

  /** In how many sentences a term occurs. */
  docFreq(term: string): number {
    let df = this.dfCache.get(term);
    if (df === undefined) {
      df = (this.stmt.df.get(term) as number | undefined) ?? 0;
      if (this.dfCache.size > 50_000) this.dfCache.clear();
      this.dfCache.set(term, df);
    }
    return df;
  }

  /** Inverse document frequency over sentences, BM25's flavour (never negative). */
  idf(term: string): number {
    const n = this.unitCount;
    const df = this.docFreq(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Query terms worth sending to BM25: present, and not so common that they would scan the corpus. */
  private selective(terms: string[], docs: number): string[] {
    const present = [...new Set(terms)].filter((t) => this.docFreq(t) > 0);
    if (!present.length) return [];
    const limit = Math.max(1, Math.min(COMMON_TERM_SHARE * docs, COMMON_TERM_DOCS));
    const kept = present.filter((t) => this.docFreq(t) <= limit);
    if (kept.length) return kept;
    const rarest = present.reduce((a, b) => (this.docFreq(a) <= this.docFreq(b) ? a : b));
    return this.docFreq(rarest) > COMMON_TERM_DOCS ? [] : [rarest];
  }

  /** BM25 over sentences (their words, and who said them). */
  bm25Units(terms: string[], k: number): Scored[] {
    const q = this.selective(terms, this.unitCount);
    return q.length ? (this.stmt.bm25Units.all(ftsOr(q), k) as Scored[]) : [];
  }

  /** BM25 over chunks (paragraph text, speakers quoted in it, the article's title). */
  bm25Chunks(terms: string[], k: number): Scored[] {
    const q = this.selective(terms, this.unitCount);
    return q.length ? (this.stmt.bm25Chunks.all(ftsOr(q), k) as Scored[]) : [];
  }

  /**
   * Terms of the corpus spelled like `term` (a letter or two apart): "holoway" finds "holloway".
   * Candidates come from a trigram index of the vocabulary, then edit distance decides.
   */
  similarTerms(term: string): string[] {
    if (term.length < 4) return [];
    const grams = new Set<string>();
    for (let i = 0; i + 3 <= term.length; i++) grams.add(term.slice(i, i + 3));
    const candidates = this.stmt.trigram.all([...grams].map((g) => `"${g}"`).join(" OR ")) as string[];
    const max = term.length >= 8 ? 2 : 1;
    return candidates
      .map((c) => ({ c, d: distance(c, term) }))
      .filter((x) => x.d > 0 && x.d <= max)
      .sort((a, b) => a.d - b.d || this.docFreq(b.c) - this.docFreq(a.c))
      .map((x) => x.c);
  }

  // ---- units --------------------------------------------------------------------------------

  unit(id: number): UnitRow {
    let u = this.unitCache.get(id);
    if (!u) {
      const raw = this.stmt.unit.get(id) as RawUnit | undefined;
      if (!raw) throw new Error(`no unit ${id}`);
      u = toUnit(raw);
      if (this.unitCache.size > 4_000) this.unitCache.clear();
      this.unitCache.set(id, u);
    }
    return u;
  }

  unitsOfChunk(chunk: number): UnitRow[] {
    return (this.stmt.unitsOfChunk.all(chunk) as RawUnit[]).map(toUnit);
  }

  /** The units of several chunks, in one query. */
  unitsOfChunks(chunks: Iterable<number>): UnitRow[] {
    const ids = [...chunks];
    return ids.length ? (this.stmt.unitsOfChunks.all(JSON.stringify(ids)) as RawUnit[]).map(toUnit) : [];
  }

  unitsOfSpeaker(key: string): UnitRow[] {
    return (this.stmt.unitsOfSpeaker.all(key) as RawUnit[]).map(toUnit);
  }

  /** The chunks holding what a speaker said, cached: a much-quoted speaker's are searched by HNSW with this filter. */
  chunksOfSpeaker(key: string): Set<number> {
    let set = this.speakerChunks.get(key);
    if (!set) {
      set = new Set(this.stmt.chunksOfSpeaker.all(key) as number[]);
      if (this.speakerChunks.size > 200) this.speakerChunks.clear();
      this.speakerChunks.set(key, set);
    }
    return set;
  }

  /** The first `n` units of an article, in reading order. */
  leadUnits(article: number, n: number): UnitRow[] {
    return (this.stmt.leads.all(article, n) as RawUnit[]).map(toUnit);
  }

  /** The unit of an article that holds `text` word for word (a quote preferred), for evaluation and "show paragraph". */
  unitHolding(articleFile: string, text: string): UnitRow | null {
    const a = this.articles.find((x) => x.file === articleFile);
    const raw = a ? (this.stmt.holding.get(a.id, text) as RawUnit | undefined) : undefined;
    return raw ? toUnit(raw) : null;
  }

  speakers(): SpeakerRow[] {
    return this.speakerRows;
  }

  /** Citations for a text: every article that carries it word for word (each once, at its first paragraph). */
  sourcesFor(unit: Pick<UnitRow, "textKey" | "article" | "paragraph">): Source[] {
    const rows = this.stmt.sameText.all(unit.textKey) as { id: number; article: number; paragraph: number }[];
    if (!rows.length) rows.push({ id: -1, article: unit.article, paragraph: unit.paragraph });
    const out: Source[] = [];
    const seen = new Set<number>();
    for (const r of rows) {
      if (seen.has(r.article)) continue;
      seen.add(r.article);
      out.push(this.source(r.article, r.paragraph));
    }
    return out;
  }

  source(article: number, paragraph: number): Source {
    const a = this.articles[article]!;
    return { article: a.file, title: a.title, outlet: a.outlet, url: a.url, paragraph, published: a.published };
  }

  // ---- the story over time (src/story/) -----------------------------------------------------

  /** Every unit of an article, in reading order. */
  unitsOfArticle(article: number): UnitRow[] {
    return (this.stmt.ofArticle.all(article) as RawUnit[]).map(toUnit);
  }

  /**
   * What a timeline is read from: units that name a date (`eventDate` set), and the units of
   * live-coverage entries (paragraphs that open with a time of day, "16:40 GMT — …"), by article,
   * in reading order.
   */
  /** The timeline stored when the index was built (src/story/timeline.ts), oldest first. */
  storedTimeline<T>(): T[] {
    return (this.stmt.events.all() as string[]).map((d) => JSON.parse(d) as T);
  }

  timelineUnits(): UnitRow[] {
    return (this.stmt.timeline.all() as RawUnit[]).map(toUnit);
  }

  /** A unit's sentence vector, unit length up to int8 rounding; null when none is stored. */
  unitVector(unit: Pick<UnitRow, "vector">): Float32Array | null {
    const v = this.stmt.vector.get(unit.vector) as Buffer | undefined;
    if (!v) return null;
    const scale = v.readFloatLE(0);
    const stored = new Int8Array(v.buffer, v.byteOffset + 4, v.length - 4);
    const out = new Float32Array(stored.length);
    for (let i = 0; i < out.length; i++) out[i] = stored[i]! * scale;
    return out;
  }

  paragraph(article: number, number: number): { number: number; start: number; end: number; text: string } | null {
    return (this.stmt.paragraph.get(article, number) as { number: number; start: number; end: number; text: string } | undefined) ?? null;
  }
}
