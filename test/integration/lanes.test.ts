import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbedBatcher } from "../../src/embed/batcher.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { WorkerLane } from "../../src/embed/lanes.js";
import { embedBatches } from "../../src/embed/parallel.js";
import { realModel } from "../helpers/model.js";

const gold = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../gold/questions.json"), "utf8")) as { answerable: { q: string }[]; outOfScope: string[] };
const questions = [...gold.answerable.map((g) => g.q), ...gold.outOfScope].slice(0, 50);

let model: Embedder;
let lane: WorkerLane;
let alone: Float32Array[];
beforeAll(async () => {
  model = await realModel();
  lane = await WorkerLane.start(model.worker!);
  alone = [];
  for (const q of questions) alone.push((await model.embed([q]))[0]!);
});
afterAll(() => lane.close());

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);

describe("a second model lane in a worker thread", () => {
  it("embeds like the model in this thread", async () => {
    expect(model.worker).toEqual({ kind: "use-lite" });
    const vectors = await lane.embed(questions);
    expect(vectors).toHaveLength(questions.length);
    vectors.forEach((v, i) => {
      expect(v).toHaveLength(model.dim);
      expect(maxDiff(v, alone[i]!)).toBeLessThan(1e-5);
    });
  });

  it("50 questions asked at once through both lanes get the vectors they get one by one", async () => {
    const b = new EmbedBatcher(model, { maxBatch: 8, secondLane: async () => lane });
    const vectors = await Promise.all(questions.map((q) => b.embed(q)));
    vectors.forEach((v, i) => expect(maxDiff(v, alone[i]!)).toBeLessThan(1e-5));
    expect(b.stats.texts).toBe(50);
    expect(b.stats.secondLaneCalls).toBeGreaterThan(0);
    expect(b.stats.calls - b.stats.secondLaneCalls).toBeGreaterThan(0);
  });

  it("a worker that cannot load its model fails to start, and the batcher embeds everything in this thread", async () => {
    await expect(WorkerLane.start({ kind: "no-such-model" } as never)).rejects.toThrow(/no model of kind "no-such-model"/);
    const lines: string[] = [];
    const b = new EmbedBatcher(model, { maxBatch: 8, secondLane: () => WorkerLane.start({ kind: "no-such-model" } as never), log: (l) => lines.push(l) });
    for (let round = 0; round < 3; round++) {
      const vectors = await Promise.all(questions.map((q) => b.embed(q)));
      vectors.forEach((v, i) => expect(maxDiff(v, alone[i]!)).toBeLessThan(1e-5));
    }
    expect(b.stats).toMatchObject({ texts: 150, secondLaneCalls: 0 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/second model lane could not be started/);
  });

  it("a worker lost in the middle of a batch loses no question: the batch is embedded in this thread", async () => {
    const doomed = await WorkerLane.start(model.worker!);
    const lines: string[] = [];
    const b = new EmbedBatcher(model, { maxBatch: 50, secondLane: async () => doomed, log: (l) => lines.push(l) });
    // Two questions together open the lane; of the 50 asked next, half go to it in one batch, and its worker
    // is stopped while they are there (as a crash would stop it).
    await Promise.all(questions.slice(0, 2).map((q) => b.embed(q)));
    const asked = Promise.all(questions.map((q) => b.embed(q)));
    await doomed.close();
    const vectors = await asked;
    vectors.forEach((v, i) => expect(maxDiff(v, alone[i]!)).toBeLessThan(1e-5));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/second model lane stopped \(the model worker was closed\)/);
    expect(b.stats).toMatchObject({ texts: 52, secondLaneCalls: 0 }); // the lost call is not counted
    await expect(doomed.embed(["after"])).rejects.toThrow(/closed/);
  });
});

describe("indexing in two lanes (embedBatches)", () => {
  const batches = Array.from({ length: 10 }, (_, k) => questions.slice(k * 5, k * 5 + 5));

  it("shares the batches between this thread and the worker, each vector as embedded alone", async () => {
    const got: Float32Array[] = [];
    const { secondLaneBatches } = await embedBatches(model, batches, (k, vectors) => vectors.forEach((v, j) => (got[k * 5 + j] = v)), { secondLane: async () => lane });
    expect(got.filter(Boolean)).toHaveLength(50);
    got.forEach((v, i) => expect(maxDiff(v, alone[i]!)).toBeLessThan(1e-5));
    expect(secondLaneBatches).toBeGreaterThan(0);
    expect(secondLaneBatches).toBeLessThan(batches.length);
  });

  it("a lane that cannot start, or is lost in the middle, loses no batch: this thread embeds the rest", async () => {
    const lines: string[] = [];
    const got: Float32Array[] = [];
    const keep = (k: number, vectors: Float32Array[]) => vectors.forEach((v, j) => (got[k * 5 + j] = v));
    const none = await embedBatches(model, batches, keep, { secondLane: () => WorkerLane.start({ kind: "no-such-model" } as never), log: (l) => lines.push(l) });
    expect(none.secondLaneBatches).toBe(0);
    expect(lines[0]).toMatch(/no second model lane for indexing \(no model of kind "no-such-model" for a worker\); one lane/);
    got.forEach((v, i) => expect(maxDiff(v, alone[i]!)).toBeLessThan(1e-5));

    got.length = 0;
    lines.length = 0;
    const doomed = await WorkerLane.start(model.worker!);
    // The worker is stopped while its first batch is in it, as a crash would stop it.
    const lost = await embedBatches(model, batches, keep, {
      secondLane: async () => ({ embed: (t: string[]) => { const p = doomed.embed(t); void doomed.close(); return p; }, close: () => doomed.close() }),
      log: (l) => lines.push(l),
    });
    expect(lost.secondLaneBatches).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/the model worker was closed; embedding goes on in one lane/)]);
    expect(got.filter(Boolean)).toHaveLength(50);
    got.forEach((v, i) => expect(maxDiff(v, alone[i]!)).toBeLessThan(1e-5));
  });

  it("a model error stops both lanes and is thrown, not swallowed", async () => {
    const broken = { embed: async () => { throw new Error("the model broke"); } };
    await expect(embedBatches(broken, batches, () => {}, { secondLane: async () => lane })).rejects.toThrow(/the model broke/);
  });
});
