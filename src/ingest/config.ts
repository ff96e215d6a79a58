import { z } from "zod";
import { DEFAULT_TIMEOUT_MS } from "./fetch.js";
import type { IngestOptions } from "./ingest.js";

const IngestEnv = z.object({
  ALLOW_PRIVATE_URLS: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .refine((v) => !v || ["true", "false", "1", "0", "yes", "no"].includes(v), "must be true or false")
    .transform((v) => v === "true" || v === "1" || v === "yes"),
  FETCH_TIMEOUT_SECONDS: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : DEFAULT_TIMEOUT_MS / 1000))
    .refine((n) => Number.isFinite(n) && n >= 1 && n <= 120, "must be a number of seconds from 1 to 120"),
});

export class IngestConfigError extends Error {}

/** Settings for adding articles from links: ALLOW_PRIVATE_URLS and FETCH_TIMEOUT_SECONDS. */
export function ingestConfig(env: NodeJS.ProcessEnv = process.env): IngestOptions {
  const parsed = IngestEnv.safeParse(env);
  if (!parsed.success) throw new IngestConfigError(parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join("; "));
  return { allowPrivate: parsed.data.ALLOW_PRIVATE_URLS, timeoutMs: parsed.data.FETCH_TIMEOUT_SECONDS * 1000 };
}
