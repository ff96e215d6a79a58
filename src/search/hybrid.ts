import type { Scored } from "./bm25.js";

export const RRF_K = 60;

/** Reciprocal rank fusion: rank-based, so BM25 and cosine need no common scale. */
export function reciprocalRankFusion(lists: Scored[][], k = RRF_K): Scored[] {
  const fused = new Map<number, number>();
  for (const list of lists) {
    list.forEach((item, rank) => fused.set(item.id, (fused.get(item.id) ?? 0) + 1 / (k + rank + 1)));
  }
  return [...fused.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}
