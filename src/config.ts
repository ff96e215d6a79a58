import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
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

/** A setting that is present but unusable; one line for the user, never a stack trace. */
export class SettingError extends Error {}

/** 1 MB: far above any news article (the seed articles are under 10 kB), far below what stalls indexing. */
export const DEFAULT_MAX_ARTICLE_BYTES = 1_000_000;

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const LimitsEnv = z.object({
  MAX_ARTICLE_BYTES: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(DEFAULT_MAX_ARTICLE_BYTES)),
});

/**
 * The largest article, in bytes, accepted by every way in (corpus folder, /corpus add, links);
 * MAX_ARTICLE_BYTES, default 1 MB. Read from the environment at each call, so .env loaded later counts.
 */
export function maxArticleBytes(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = LimitsEnv.safeParse(env);
  if (!parsed.success) throw new SettingError(`MAX_ARTICLE_BYTES must be a whole number of bytes, at least 1 (got "${env.MAX_ARTICLE_BYTES}").`);
  return parsed.data.MAX_ARTICLE_BYTES;
}

const LanesEnv = z.object({
  EMBED_WORKERS: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v), z.enum(["0", "1", "auto"]).default("auto")),
});

const LaneBudgetEnv = z.object({
  EMBED_WORKERS_MAX_RSS_MB: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).default(600)),
});

/** What a second model lane adds to a process once started (measured: 130 to 160 MB; see README, Benchmarks). */
export const LANE_COST_MB = 150;

/**
 * With EMBED_WORKERS `auto`, the memory a process may reach with its second model lane
 * (EMBED_WORKERS_MAX_RSS_MB, default 600; 0: no limit): the lane starts only if the process's
 * resident memory plus the lane's cost stays within it, so a large index keeps to its memory and
 * a small one gets the second core. null when EMBED_WORKERS is set to 0 or 1 outright.
 */
export function laneBudgetMb(env: NodeJS.ProcessEnv = process.env): number | null {
  const parsed = LanesEnv.safeParse(env);
  if (!parsed.success || parsed.data.EMBED_WORKERS !== "auto") return null;
  const budget = LaneBudgetEnv.safeParse(env);
  if (!budget.success) throw new SettingError(`EMBED_WORKERS_MAX_RSS_MB must be a whole number of MB, 0 for no limit (got "${env.EMBED_WORKERS_MAX_RSS_MB}").`);
  return budget.data.EMBED_WORKERS_MAX_RSS_MB || null;
}

/** Whether a second lane fits: resident memory now plus the lane's cost within the budget (null: no budget). */
export function laneFits(rssMb: number, budgetMb: number | null, laneMb = LANE_COST_MB): boolean {
  return budgetMb === null || rssMb + laneMb <= budgetMb;
}

/**
 * Worker threads that embed questions alongside the main thread, each with its own copy of the
 * model (src/embed/lanes.ts): EMBED_WORKERS 0 or 1; empty or `auto`: 1 on a machine with two
 * cores or more, else 0. Read from the environment at each call, like MAX_ARTICLE_BYTES.
 */
export function embedWorkers(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): 0 | 1 {
  const parsed = LanesEnv.safeParse(env);
  if (!parsed.success) throw new SettingError(`EMBED_WORKERS must be 0, 1 or auto (got "${env.EMBED_WORKERS}").`);
  const v = parsed.data.EMBED_WORKERS;
  return v === "auto" ? (cores >= 2 ? 1 : 0) : v === "1" ? 1 : 0;
}

export const DEFAULT_HUB_URL = "https://huggingface.co/";

const EngineEnv = z.object({
  EMBEDDING_MODEL: z.string().trim().optional().transform((v) => v || undefined),
  /** Where transformers.js models come from: the Hugging Face hub, a mirror, or (in tests) a local stand-in. */
  EMBEDDING_HUB_URL: z.preprocess(blankIsUnset, z.string().trim().url().refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL").default(DEFAULT_HUB_URL)),
  CORPUS_DIR: z.string().trim().default("corpus"),
  INDEX_DIR: z.string().trim().optional().transform((v) => v || undefined),
});

export interface EngineConfig {
  embeddingModel: string | undefined;
  hubUrl: string;
  corpusDir: string;
  indexDir: string;
  maxArticleBytes: number;
  /** EMBED_WORKERS: model copies in worker threads for questions asked together (0 or 1). */
  embedWorkers: 0 | 1;
  /** With EMBED_WORKERS auto, the memory budget the second lane must fit in (laneBudgetMb). */
  laneBudgetMb: number | null;
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
  const parsed = EngineEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SettingError(`${String(issue.path[0])} ${issue.message} (got "${env[String(issue.path[0])]}").`);
  }
  const e = parsed.data;
  const corpusDir = overrides.corpusDir ?? e.CORPUS_DIR;
  const indexDir = overrides.indexDir ?? (overrides.corpusDir ? indexDirFor(corpusDir) : e.INDEX_DIR ?? indexDirFor(corpusDir));
  return { embeddingModel: e.EMBEDDING_MODEL, hubUrl: e.EMBEDDING_HUB_URL, corpusDir, indexDir, maxArticleBytes: maxArticleBytes(env), embedWorkers: embedWorkers(env), laneBudgetMb: laneBudgetMb(env) };
}
