import type { Embedder } from "../embed/embedder.js";
import { createEmbedder } from "../embed/select.js";

export function warnLine(line: string): void {
  process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);
}

export async function embedderFromEnv(setting: string | undefined): Promise<Embedder> {
  return createEmbedder(setting, warnLine);
}
