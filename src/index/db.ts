import Database from "better-sqlite3";

/**
 * The SQLite file of a generation: articles, paragraphs, chunks (what the HNSW graph holds, one
 * label per chunk), units (quotes, statements and sentences: what answers show), their sentence
 * vectors, and two FTS5 indexes (units and chunks) over terms from the one tokenizer
 * (src/text/terms.ts). FTS5 sees space-separated terms, so its own tokenizer only splits on spaces
 * and the index and the questions use the same words. Written once by a build, then read-only.
 */
export const SCHEMA = `
CREATE TABLE articles (
  id INTEGER PRIMARY KEY, file TEXT NOT NULL, title TEXT, outlet TEXT, url TEXT, published TEXT,
  paragraphs INTEGER NOT NULL, quotes INTEGER NOT NULL,
  -- Dates the article's first paragraphs name: what the article is about, as opposed to when it ran.
  lead_dates TEXT NOT NULL
);
CREATE TABLE paragraphs (
  article INTEGER NOT NULL, number INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY (article, number)
) WITHOUT ROWID;
CREATE TABLE chunks (
  id INTEGER PRIMARY KEY, article INTEGER NOT NULL, paragraph INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, hash TEXT NOT NULL
);
CREATE TABLE units (
  id INTEGER PRIMARY KEY, chunk INTEGER NOT NULL, article INTEGER NOT NULL, paragraph INTEGER NOT NULL,
  position INTEGER NOT NULL, kind TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
  text_key TEXT NOT NULL, speaker TEXT, role TEXT, speaker_key TEXT, quote TEXT, entities TEXT NOT NULL,
  event_date TEXT, vector TEXT NOT NULL,
  -- The text's terms and folded words (the one tokenizer's output, space-separated), so answering
  -- a question never tokenizes sentences again.
  terms TEXT NOT NULL, words TEXT NOT NULL
);
CREATE INDEX units_chunk ON units (chunk);
CREATE INDEX units_text_key ON units (text_key);
CREATE INDEX units_speaker ON units (speaker_key) WHERE speaker_key IS NOT NULL;
CREATE INDEX units_article ON units (article, position);
CREATE TABLE unit_vectors (hash TEXT PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE speakers (
  key TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT, quotes INTEGER NOT NULL, statements INTEGER NOT NULL,
  spellings TEXT NOT NULL, first_date TEXT, last_date TEXT
) WITHOUT ROWID;
-- The story's timeline, read when the index is built (src/story/timeline.ts), one event a row.
CREATE TABLE events (id INTEGER PRIMARY KEY, date TEXT NOT NULL, data TEXT NOT NULL);
CREATE VIRTUAL TABLE fts_units USING fts5 (body, who, content='', tokenize="unicode61 remove_diacritics 0 separators ' '");
CREATE VIRTUAL TABLE fts_chunks USING fts5 (body, who, title, content='', tokenize="unicode61 remove_diacritics 0 separators ' '");
CREATE VIRTUAL TABLE vocab USING fts5vocab (fts_units, 'row');
CREATE VIRTUAL TABLE vocab_trigrams USING fts5 (term, tokenize='trigram');
`;

export type Db = Database.Database;

/** A fresh database for a build: no journal (a killed build leaves an uncommitted generation anyway). */
export function createDb(file: string): Db {
  const db = new Database(file);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.exec(SCHEMA);
  return db;
}

/** A built database, read-only, with a small page cache: the OS caches the file, not our heap. */
export function openDb(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("cache_size = -8000");
  return db;
}

/** Sentence vectors are stored as int8 with one scale: a quarter of the space, cosine within ~1%. */
export function quantize(v: Float32Array): Buffer {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]!));
  const scale = max / 127 || 1;
  const buf = Buffer.alloc(4 + v.length);
  buf.writeFloatLE(scale, 0);
  for (let i = 0; i < v.length; i++) buf.writeInt8(Math.round(v[i]! / scale), 4 + i);
  return buf;
}

/** Dot product of a float vector with a stored int8 vector. */
export function dotQuantized(q: Float32Array, buf: Buffer): number {
  const scale = buf.readFloatLE(0);
  const v = new Int8Array(buf.buffer, buf.byteOffset + 4, q.length);
  let s = 0;
  for (let i = 0; i < q.length; i++) s += q[i]! * v[i]!;
  return s * scale;
}
