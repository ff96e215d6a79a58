import { createRequire } from "node:module";
import type nlpType from "compromise";

/**
 * compromise (people, places, organisations, parts of speech), loaded on first use: it holds
 * about 50 MB, and a process that only answers questions never needs it.
 */
let loaded: typeof nlpType | null = null;

export function compromise(): typeof nlpType {
  loaded ??= createRequire(import.meta.url)("compromise") as typeof nlpType;
  return loaded;
}
