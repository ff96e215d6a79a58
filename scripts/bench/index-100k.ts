import path from "node:path";
import hnswlib from "hnswlib-node";
import { HNSW_EF_CONSTRUCTION, HNSW_M } from "../../src/index/build.js";
import { INDEX_FORMAT, INDEX_VERSION, type ArticleRecord, type ChunkRecord, type UnitRecord } from "../../src/index/schema.js";
import { newGeneration } from "../../src/index/store.js";
import type { Unit } from "../../src/quotes/analyze.js";
import { rng } from "./synthetic.js";

/**
 * A synthetic index of `n` paragraphs written with the product's own store, so that loading it
 * is the real load path. Paragraph texts come from the seed units; vectors are random mixtures
 * of real seed embeddings plus noise (clustered like real text, unlike uniform random vectors).
 */
export async function writeSyntheticIndex(opts: {
  dir: string;
  n: number;
  modelId: string;
  bases: Float32Array[];
  units: Unit[];
  noise?: number;
}): Promise<{ vectors: Float32Array; buildSeconds: number }> {
  const { n, bases, units } = opts;
  const dim = bases[0]!.length;
  const rand = rng(11);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const vectors = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const v = vectors.subarray(i * dim, (i + 1) * dim);
    for (let k = 0; k < 3; k++) {
      const b = bases[Math.floor(rand() * bases.length)]!;
      const w = rand();
      for (let j = 0; j < dim; j++) v[j]! += w * b[j]!;
    }
    let s = 0;
    for (let j = 0; j < dim; j++) {
      v[j]! += (opts.noise ?? 0.02) * gauss();
      s += v[j]! * v[j]!;
    }
    const norm = Math.sqrt(s);
    for (let j = 0; j < dim; j++) v[j]! /= norm;
  }
  const t0 = performance.now();
  const hnsw = new hnswlib.HierarchicalNSW("ip", dim);
  hnsw.initIndex(n, HNSW_M, HNSW_EF_CONSTRUCTION, 100);
  for (let i = 0; i < n; i++) hnsw.addPoint(Array.from(vectors.subarray(i * dim, (i + 1) * dim)), i);
  const buildSeconds = (performance.now() - t0) / 1000;

  const perArticle = 20;
  const articles: ArticleRecord[] = [];
  const chunks: ChunkRecord[] = [];
  const unitRecords: UnitRecord[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor(i / perArticle);
    if (i % perArticle === 0) {
      articles.push({ file: `synthetic-${a}.md`, title: `Synthetic article ${a}`, outlet: "Bench Wire", url: null, published: null, hash: String(a), size: 0, mtimeMs: 0, paragraphs: perArticle, quotes: 0 });
    }
    chunks.push({ article: a, paragraph: (i % perArticle) + 1, start: 0, end: 0, hash: `h${i}` });
    const count = 2 + Math.floor(rand() * 2);
    for (let k = 0; k < count; k++) {
      const u = units[Math.floor(rand() * units.length)]!;
      unitRecords.push({ chunk: i, kind: u.kind, start: 0, end: 0, text: `${u.text} (${i}.${k})`, speaker: u.speaker, role: u.role, quote: u.quote });
    }
  }
  const gen = await newGeneration(opts.dir);
  await hnsw.writeIndex(path.join(gen.dir, "hnsw.bin"));
  await gen.adopt("hnsw.bin");
  await gen.write("meta.json", JSON.stringify({ chunks, units: unitRecords }));
  await gen.commit({
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    model: { id: opts.modelId, dim },
    corpusDir: "(synthetic)",
    builtAt: new Date().toISOString(),
    articles,
    warnings: [],
    counts: { articles: articles.length, paragraphs: n, chunks: n, units: unitRecords.length, quotes: 0 },
  });
  return { vectors, buildSeconds };
}

/** Exact top-k by inner product, the ground truth for recall. */
export function exactTopK(vectors: Float32Array, dim: number, q: Float32Array, k: number): number[] {
  const n = vectors.length / dim;
  const best: { id: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    const off = i * dim;
    for (let j = 0; j < dim; j++) s += vectors[off + j]! * q[j]!;
    if (best.length < k || s > best[best.length - 1]!.s) {
      best.push({ id: i, s });
      best.sort((x, y) => y.s - x.s);
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => b.id);
}
