import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dot } from "../../src/embed/embedder.js";
import { loadTransformers } from "../../src/embed/transformers.js";
import { buildIndex } from "../../src/index/build.js";
import { loadIndex } from "../../src/index/load.js";
import { writeTinyModel } from "../helpers/tiny-model.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dossier-tiny-"));
  writeTinyModel(path.join(dir, "tiny-bert"), { dim: 8, maxLength: 32 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("transformers.js backend with a generated tiny model", () => {
  it("loads from a local folder, mean-pools, normalises and batches", async () => {
    const e = await loadTransformers({ model: path.join(dir, "tiny-bert"), allowRemote: false });
    expect(e.dim).toBe(8);
    expect(e.maxTokens).toBe(32);
    expect(e.countTokens("what did the kremlin say")).toBe(7); // 5 words + [CLS] + [SEP]
    const texts = Array.from({ length: 70 }, (_, i) => `the kremlin said ${"talks ".repeat(i % 7)}`);
    const vectors = await e.embed(texts);
    expect(vectors).toHaveLength(70);
    for (const v of vectors) expect(dot(v, v)).toBeCloseTo(1, 5);
    // Same text, same vector whatever batch it lands in; different text, different vector.
    const [again] = await e.embed([texts[69]!]);
    expect(dot(again!, vectors[69]!)).toBeCloseTo(1, 5);
    expect(dot(vectors[0]!, vectors[1]!)).toBeLessThan(0.9999);
  });

  it("builds and loads an HNSW index whose model id names the local model", async () => {
    const e = await loadTransformers({ model: path.join(dir, "tiny-bert"), allowRemote: false });
    const indexDir = path.join(dir, "index");
    const s = await buildIndex({ corpusDir: "corpus", indexDir, embedder: e });
    expect(s.articles).toBe(2);
    // A 32-token window forces long paragraphs into several chunks, split between sentences.
    expect(s.chunks).toBeGreaterThan(s.paragraphs);
    const idx = await loadIndex(indexDir, e.id);
    expect(idx.manifest.model.id).toContain("tiny-bert");
    expect(idx.chunkCount).toBe(s.chunks);
    expect(idx.dense(new Float32Array(e.dim).fill(1 / Math.sqrt(e.dim)), 3)).toHaveLength(3);
  });
});
