import type { HierarchicalNSW } from "hnswlib-node";

/**
 * hnswlib's saveIndex writes through a C++ stream and never checks it: a full disk leaves a short
 * hnsw.bin and a resolved promise. The writer reads every new generation back before committing it
 * (see writeIndex), which is what catches that.
 */
export async function saveHnsw(hnsw: HierarchicalNSW, file: string): Promise<void> {
  await hnsw.writeIndex(file);
}
