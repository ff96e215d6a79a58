import { readFileSync, readdirSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Embedder } from "../../src/embed/embedder.js";
import { buildIndex } from "../../src/index/build.js";
import { loadIndex } from "../../src/index/load.js";
import { CURRENT, IndexError } from "../../src/index/store.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { realModel } from "../helpers/model.js";

// A full disk cannot be made here, so the one thing it does to hnswlib is: the real file is
// written, then cut short, and hnswlib reports success as it does on a full disk.
const fault = vi.hoisted(() => ({ shortWrite: false }));
vi.mock("../../src/index/hnsw-file.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/index/hnsw-file.js")>();
  return {
    saveHnsw: async (...args: Parameters<typeof real.saveHnsw>) => {
      await real.saveHnsw(...args);
      if (fault.shortWrite) truncateSync(args[1], Math.floor(readFileSync(args[1]).length / 2));
    },
  };
});

let model: Embedder;
beforeAll(async () => {
  model = await realModel();
});

describe("a write that fails without an error", () => {
  it("is caught before it is committed: a clear message, the previous index still answers, nothing left behind", async () => {
    const corpus = corpusCopy();
    const indexDir = path.join(tempDir(), "index");
    await buildIndex({ corpusDir: corpus, indexDir, embedder: model });
    const before = readFileSync(path.join(indexDir, CURRENT), "utf8");
    const units = (await loadIndex(indexDir, model.id)).unitCount;

    writeFileSync(path.join(corpus, "new.txt"), "Negotiators met again in Geneva on Tuesday.\n\nThe talks ended without a statement.");
    fault.shortWrite = true;
    const err = await buildIndex({ corpusDir: corpus, indexDir, embedder: model }).catch((e: unknown) => e);
    fault.shortWrite = false;

    expect(err).toBeInstanceOf(IndexError);
    expect((err as IndexError).kind).toBe("write-failed");
    expect((err as IndexError).message).toMatch(/^Writing the new index failed: the files written do not read back \(.*hnsw\.bin cannot be read.*\) Is the disk full\? \d+ MB are free there\. The index in use is unchanged\.$/);
    expect(readFileSync(path.join(indexDir, CURRENT), "utf8")).toBe(before);
    expect(readdirSync(indexDir).sort()).toEqual([CURRENT, before.trim()].sort());
    expect((await loadIndex(indexDir, model.id)).unitCount).toBe(units);

    // The next build, with the disk writable again, takes the new article.
    await buildIndex({ corpusDir: corpus, indexDir, embedder: model });
    expect((await loadIndex(indexDir, model.id)).unitCount).toBeGreaterThan(units);
  });
});
