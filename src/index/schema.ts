import { z } from "zod";

/** Bumped whenever parsing, quote attribution or the file layout changes, so that old indexes are rebuilt. */
export const INDEX_FORMAT = "dossier-index";
export const INDEX_VERSION = 1;

export const ArticleRecord = z.object({
  file: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  published: z.string().nullable(),
  hash: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  paragraphs: z.number(),
  quotes: z.number(),
});
export type ArticleRecord = z.infer<typeof ArticleRecord>;

export const Manifest = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(INDEX_VERSION),
  model: z.object({ id: z.string(), dim: z.number().int().positive() }),
  corpusDir: z.string(),
  builtAt: z.string(),
  articles: z.array(ArticleRecord),
  warnings: z.array(z.object({ file: z.string(), reason: z.string() })),
  counts: z.object({ articles: z.number(), paragraphs: z.number(), chunks: z.number(), units: z.number(), quotes: z.number() }),
  /** sha256 of each data file, checked before loading so a truncated file is a message, not a crash. */
  files: z.record(z.string(), z.object({ sha256: z.string(), bytes: z.number() })),
});
export type Manifest = z.infer<typeof Manifest>;

export const ChunkRecord = z.object({
  article: z.number().int(),
  paragraph: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  /** Hash of the exact text embedded; equal hash, same vector. */
  hash: z.string(),
});
export type ChunkRecord = z.infer<typeof ChunkRecord>;

export const UnitRecord = z.object({
  chunk: z.number().int(),
  kind: z.enum(["quote", "statement", "passage"]),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  speaker: z.string().nullable(),
  role: z.string().nullable(),
  quote: z.string().nullable(),
});
export type UnitRecord = z.infer<typeof UnitRecord>;

export const Meta = z.object({
  chunks: z.array(ChunkRecord),
  units: z.array(UnitRecord),
});
export type Meta = z.infer<typeof Meta>;
