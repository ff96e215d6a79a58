import type { EngineConfig } from "../config.js";
import type { Embedder } from "../embed/embedder.js";
import { embedderForIndex } from "../embed/select.js";
import { sanitizeForTerminal } from "./sanitize.js";

/** One line on stderr; file names and messages in it may come from the corpus, so it is sanitized. */
export function warnLine(line: string): void {
  const safe = sanitizeForTerminal(line);
  process.stderr.write(safe.endsWith("\n") ? safe : `${safe}\n`);
}

/**
 * The embedder for the configured index, following the model decision remembered next to it;
 * call `remember()` once the index is open. `reprobe` decides afresh (npm run index -- --force).
 */
export async function embedderFromEnv(
  cfg: Pick<EngineConfig, "embeddingModel" | "indexDir" | "hubUrl">,
  opts: { reprobe?: boolean } = {},
): Promise<{ embedder: Embedder; remember: () => Promise<void> }> {
  return embedderForIndex({ setting: cfg.embeddingModel, indexDir: cfg.indexDir, hubUrl: cfg.hubUrl, warn: warnLine, reprobe: opts.reprobe });
}
