import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadCorpus } from "../../src/corpus/load.js";
import { splitParagraphs } from "../../src/corpus/paragraphs.js";
import { splitSentences } from "../../src/corpus/sentences.js";

/** Deterministic PRNG (mulberry32) so every bench run sees the same synthetic data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedSentences(corpusDir = "corpus"): Promise<string[]> {
  const corpus = await loadCorpus(corpusDir);
  return corpus.articles.flatMap((a) => splitParagraphs(a).flatMap((p) => splitSentences(p.text).map((s) => s.text)));
}

/**
 * Writes `files` articles of `perFile` paragraphs built from the seed sentences. Every paragraph
 * ends with a numbered sentence so that none is a duplicate the indexer could skip.
 */
export function writeSyntheticCorpus(dir: string, sentences: string[], files: number, perFile: number, seed = 7): number {
  const rand = rng(seed);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (let f = 0; f < files; f++) {
    const paragraphs: string[] = [];
    for (let p = 0; p < perFile; p++) {
      const count = 2 + Math.floor(rand() * 2);
      const picked = Array.from({ length: count }, () => sentences[Math.floor(rand() * sentences.length)]!);
      paragraphs.push(`${picked.join(" ")} This was update ${++n} of the coverage.`);
    }
    writeFileSync(path.join(dir, `synthetic-${String(f).padStart(5, "0")}.md`), `---\ntitle: Synthetic article ${f}\noutlet: Bench Wire\n---\n${paragraphs.join("\n\n")}\n`);
  }
  return n;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
