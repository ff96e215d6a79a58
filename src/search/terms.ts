import { stemmer } from "stemmer";
import { eng } from "stopword";

const STOP = new Set([...eng, "say", "said", "says", "tell", "told", "did", "does", "do", "what", "who", "whom", "when", "where", "why", "how", "which", "article", "articles", "story"]);

/** Lower-cased, stop-worded, stemmed terms: the same for BM25 and for scoring sentences. */
export function terms(text: string): string[] {
  const out: string[] = [];
  // "U.S." and "US" are one word, not two letters.
  const plain = text.replace(/\b((?:\p{Lu}\.){2,})/gu, (m) => m.replace(/\./g, ""));
  for (const m of plain.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const word = m[0].replace(/['’]s$/, "");
    if (word.length < 2 || STOP.has(word)) continue;
    out.push(stemmer(word));
  }
  return out;
}

export function processTerm(term: string): string | null {
  const t = term.toLowerCase().replace(/['’]s$/, "");
  if (t.length < 2 || STOP.has(t)) return null;
  return stemmer(t);
}
