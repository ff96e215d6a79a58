import type { Embedder } from "./embedder.js";
import { loadTransformers } from "./transformers.js";
import { USE_LITE_ID, loadUseLite } from "./use-lite.js";

export const DEFAULT_TRANSFORMERS_MODEL = "Xenova/all-MiniLM-L6-v2";
const USE_ALIASES = new Set([USE_LITE_ID, "use", "universal-sentence-encoder"]);

/**
 * An explicit EMBEDDING_MODEL wins and fails loudly. Otherwise the transformers.js default is
 * tried and, when it cannot be loaded (no route to the hub), the npm-shipped model is used,
 * with one line saying so.
 */
export async function createEmbedder(setting: string | undefined, warn: (line: string) => void): Promise<Embedder> {
  const wanted = setting?.trim();
  if (wanted) {
    if (USE_ALIASES.has(wanted.toLowerCase())) return loadUseLite();
    try {
      return await loadTransformers({ model: wanted });
    } catch (err) {
      throw new Error(`Cannot load embedding model "${wanted}" (EMBEDDING_MODEL): ${(err as Error).message}`);
    }
  }
  try {
    return await loadTransformers({ model: DEFAULT_TRANSFORMERS_MODEL });
  } catch (err) {
    warn(
      `dossier: ${DEFAULT_TRANSFORMERS_MODEL} could not be loaded (${(err as Error).message}); using the npm-shipped Universal Sentence Encoder lite. ` +
        `With internet access it downloads on first use; or set EMBEDDING_MODEL to a local transformers.js model folder.`,
    );
    return loadUseLite();
  }
}
