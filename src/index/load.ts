import path from "node:path";
import hnswlib from "hnswlib-node";
import { buildBm25, type Bm25Index } from "../search/bm25.js";
import type { Hnsw } from "../search/dense.js";
import type { Manifest, Meta } from "./schema.js";
import { IndexError, readManifest, readMeta, verifyStreaming } from "./store.js";

/** HNSW search breadth: high enough for recall >= 0.98 at 100k paragraphs (npm run bench). */
export const SEARCH_EF = 512;

/** An index in memory: metadata, the HNSW graph and the BM25 index built from the metadata. */
export interface LoadedIndex {
  manifest: Manifest;
  meta: Meta;
  hnsw: Hnsw;
  bm25: Bm25Index;
  unitsByChunk: number[][];
  /** Exact unit text -> units with that text, so one passage in several articles cites them all. */
  unitsByText: Map<string, number[]>;
  /** Each distinct speaker with role, and the units attributed to them. */
  speakers: Map<string, SpeakerEntry>;
}

export interface SpeakerEntry {
  speaker: string;
  role: string | null;
  units: number[];
  /** The chunks holding those units, made on first use. */
  chunks?: Set<number>;
}

export function chunksOf(index: LoadedIndex, entry: SpeakerEntry): Set<number> {
  entry.chunks ??= new Set(entry.units.map((u) => index.meta.units[u]!.chunk));
  return entry.chunks;
}

export async function loadIndex(indexDir: string, modelId: string): Promise<LoadedIndex> {
  const { dir, manifest } = await readManifest(indexDir);
  if (manifest.model.id !== modelId) {
    throw new IndexError(`The index at ${indexDir} was built with model ${manifest.model.id}, but the current model is ${modelId}.`, "model");
  }
  const meta = await readMeta(dir, manifest);
  await verifyStreaming(dir, manifest, "hnsw.bin"); // checksum first: hnswlib would crash on a truncated file
  const hnsw = new hnswlib.HierarchicalNSW("ip", manifest.model.dim);
  try {
    await hnsw.readIndex(path.join(dir, "hnsw.bin"));
  } catch (err) {
    throw new IndexError(`The index is damaged: hnsw.bin cannot be read (${(err as Error).message}).`, "damaged");
  }
  hnsw.setEf(SEARCH_EF);
  return fromParts(manifest, meta, hnsw);
}

/** Also used by the benchmark, which builds synthetic indexes in memory. */
export function fromParts(manifest: Manifest, meta: Meta, hnsw: Hnsw): LoadedIndex {
  const unitsByChunk: number[][] = meta.chunks.map(() => []);
  const unitsByText = new Map<string, number[]>();
  const speakers = new Map<string, SpeakerEntry>();
  meta.units.forEach((u, i) => {
    if (u.speaker) {
      const key = `${u.speaker}\u0000${u.role ?? ""}`;
      const entry = speakers.get(key) ?? { speaker: u.speaker, role: u.role, units: [] };
      entry.units.push(i);
      speakers.set(key, entry);
    }
    unitsByChunk[u.chunk]?.push(i);
    const list = unitsByText.get(u.text);
    if (list) list.push(i);
    else unitsByText.set(u.text, [i]);
  });
  const bm25 = buildBm25(
    meta.chunks.map((c, id) => {
      const units = unitsByChunk[id]!.map((u) => meta.units[u]!);
      return {
        id,
        text: units.map((u) => u.text).join(" "),
        speakers: [...new Set(units.filter((u) => u.speaker).map((u) => `${u.speaker} ${u.role ?? ""}`))].join(" "),
        title: manifest.articles[c.article]?.title ?? "",
      };
    }),
  );
  return { manifest, meta, hnsw, bm25, unitsByChunk, unitsByText, speakers };
}
