import type { Article } from "../../src/corpus/types.js";
import { quantize } from "../../src/index/db.js";
import type { ParsedArticle, ParsedUnit } from "../../src/index/parse.js";
import type { ArticleRecord } from "../../src/index/schema.js";
import { writeIndex } from "../../src/index/write.js";
import { rng } from "./synthetic.js";

/**
 * A synthetic index of `n` paragraphs written by the product's own writer (src/index/write.ts),
 * so that loading it is the real load path. Sentences are the seed corpus's units, numbered so
 * none repeats; vectors are random mixtures of real seed embeddings plus noise (clustered like
 * real text, unlike uniform random vectors), handed to the writer as already computed.
 */
export interface SyntheticOptions {
  n: number;
  bases: Float32Array[];
  units: Omit<ParsedUnit, "chunk" | "paragraph" | "position" | "start" | "end" | "embedText" | "vectorHash">[];
  noise?: number;
}

/** The synthetic corpus, deterministic (seeded): the same options give the same data. */
export function syntheticData(opts: SyntheticOptions) {
  const { n, bases, units } = opts;
  const dim = bases[0]!.length;
  const rand = rng(11);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const mixture = (out: Float32Array) => {
    for (let k = 0; k < 3; k++) {
      const b = bases[Math.floor(rand() * bases.length)]!;
      const w = rand();
      for (let j = 0; j < dim; j++) out[j]! += w * b[j]!;
    }
    let s = 0;
    for (let j = 0; j < dim; j++) {
      out[j]! += (opts.noise ?? 0.02) * gauss();
      s += out[j]! * out[j]!;
    }
    const norm = Math.sqrt(s);
    for (let j = 0; j < dim; j++) out[j]! /= norm;
    return out;
  };
  const vectors = new Float32Array(n * dim);
  const chunkVectors = new Map<string, Float32Array>();
  const unitVectors = new Map<string, Buffer>();
  const perArticle = 20;
  const parsed: ParsedArticle[] = [];
  const records: ArticleRecord[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor(i / perArticle);
    if (i % perArticle === 0) {
      const article: Article = { file: `synthetic-${a}.md`, title: `Synthetic article ${a}`, outlet: "Bench Wire", url: null, published: null, content: "", bodyStart: 0 };
      parsed.push({ article, paragraphs: [], chunks: [], units: [], quotes: 0 });
      records.push({ file: article.file, title: article.title, outlet: "Bench Wire", url: null, published: null, hash: String(a), size: 0, mtimeMs: 0, paragraphs: 0, quotes: 0 });
    }
    const p = parsed[parsed.length - 1]!;
    const rec = records[records.length - 1]!;
    const number = p.paragraphs.length + 1;
    const count = 2 + Math.floor(rand() * 2);
    const texts: string[] = [];
    for (let k = 0; k < count; k++) {
      const u = units[Math.floor(rand() * units.length)]!;
      const text = `${u.text} (${i}.${k})`;
      const vectorHash = `u${i}.${k}`;
      unitVectors.set(vectorHash, quantize(mixture(new Float32Array(dim))));
      p.units.push({ ...u, text, chunk: p.chunks.length, paragraph: number, position: p.units.length, start: 0, end: text.length, embedText: text, vectorHash });
      if (u.kind === "quote") {
        p.quotes++;
        rec.quotes++;
      }
      texts.push(text);
    }
    const paraText = texts.join(" ");
    p.paragraphs.push({ number, start: 0, end: paraText.length, text: paraText });
    rec.paragraphs++;
    const hash = `c${i}`;
    chunkVectors.set(hash, mixture(vectors.subarray(i * dim, (i + 1) * dim)));
    p.chunks.push({ paragraph: number, start: 0, end: paraText.length, embedText: paraText, hash });
  }
  return { parsed, records, chunkVectors, unitVectors, vectors, dim };
}

export async function writeSyntheticIndex(opts: SyntheticOptions & { dir: string; modelId: string }): Promise<{ vectors: Float32Array; buildSeconds: number }> {
  const { parsed, records, chunkVectors, unitVectors, vectors, dim } = syntheticData(opts);
  const t0 = performance.now();
  await writeIndex({
    indexDir: opts.dir,
    embedder: {
      id: opts.modelId,
      dim,
      embed: async () => {
        throw new Error("the synthetic index has every vector already");
      },
    },
    parsed,
    records,
    previous: { chunks: chunkVectors, units: unitVectors },
    manifest: { corpusDir: "(synthetic)", storyKey: "", warnings: [] },
  });
  return { vectors, buildSeconds: (performance.now() - t0) / 1000 };
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
