import { createHash } from "node:crypto";
import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";

let loaded = false;
/** Reads .env once; variables already in the environment win. */
export function loadEnv(): void {
  if (loaded) return;
  loaded = true;
  loadDotenv({ quiet: true } as Parameters<typeof loadDotenv>[0]);
}

const EngineEnv = z.object({
  EMBEDDING_MODEL: z.string().trim().optional().transform((v) => v || undefined),
  CORPUS_DIR: z.string().trim().default("corpus"),
  INDEX_DIR: z.string().trim().optional().transform((v) => v || undefined),
});

export interface EngineConfig {
  embeddingModel: string | undefined;
  corpusDir: string;
  indexDir: string;
}

export const DEFAULT_CORPUS_DIR = "corpus";
export const DEFAULT_INDEX_DIR = path.join("data", "index");

/** The index folder for a corpus: data/index for the default one, a folder of its own otherwise. */
export function indexDirFor(corpusDir: string): string {
  const abs = path.resolve(corpusDir);
  if (abs === path.resolve(DEFAULT_CORPUS_DIR)) return DEFAULT_INDEX_DIR;
  const tag = createHash("sha256").update(abs).digest("hex").slice(0, 8);
  const base = path.basename(abs).replace(/[^\w.-]+/g, "_") || "corpus";
  return path.join("data", `index-${base}-${tag}`);
}

export function engineConfig(overrides: { corpusDir?: string; indexDir?: string } = {}, env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const e = EngineEnv.parse(env);
  const corpusDir = overrides.corpusDir ?? e.CORPUS_DIR;
  const indexDir = overrides.indexDir ?? (overrides.corpusDir ? indexDirFor(corpusDir) : e.INDEX_DIR ?? indexDirFor(corpusDir));
  return { embeddingModel: e.EMBEDDING_MODEL, corpusDir, indexDir };
}
