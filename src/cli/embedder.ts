import type { Embedder } from "../embed/embedder.js";
import { createEmbedder } from "../embed/select.js";
import { sanitizeForTerminal } from "./sanitize.js";

/** One line on stderr; file names and messages in it may come from the corpus, so it is sanitized. */
export function warnLine(line: string): void {
  const safe = sanitizeForTerminal(line);
  process.stderr.write(safe.endsWith("\n") ? safe : `${safe}\n`);
}

export async function embedderFromEnv(setting: string | undefined): Promise<Embedder> {
  return createEmbedder(setting, warnLine);
}
