import hnswlib from "hnswlib-node";
import type { Scored } from "./bm25.js";

export type Hnsw = InstanceType<typeof hnswlib.HierarchicalNSW>;

/** Nearest chunks by cosine (vectors are normalised and the space is inner product). */
export function searchDense(index: Hnsw, query: Float32Array, k: number, filter?: (label: number) => boolean): Scored[] {
  const n = index.getCurrentCount();
  if (n === 0) return [];
  const { neighbors, distances } = index.searchKnn(Array.from(query), Math.min(k, n), filter);
  return neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
}
