import { describe, expect, it } from "vitest";
import { EmbedBatcher } from "../../src/embed/batcher.js";
import { LaneLostError } from "../../src/embed/lanes.js";

/** A real embedder in shape: it records each call and answers after a real async delay. */
class CountingEmbedder {
  calls: string[][] = [];
  failNext = false;
  constructor(private readonly delayMs = 5) {}
  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls.push([...texts]);
    await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failNext) {
      this.failNext = false;
      throw new Error("model failed");
    }
    // A vector that names its text, so a caller given another's vector is caught.
    return texts.map((t) => Float32Array.from([t.length, Number(t.replace(/\D/g, "") || -1)]));
  }
}

const vectorOf = (t: string) => [t.length, Number(t.replace(/\D/g, "") || -1)];

describe("EmbedBatcher", () => {
  it("embeds N texts asked at once in one model call, each caller getting its own vector", async () => {
    const model = new CountingEmbedder();
    const b = new EmbedBatcher(model);
    const texts = Array.from({ length: 20 }, (_, i) => `question ${i}${"?".repeat(i)}`);
    const vectors = await Promise.all(texts.map((t) => b.embed(t)));
    expect(model.calls).toEqual([texts]);
    vectors.forEach((v, i) => expect(Array.from(v)).toEqual(vectorOf(texts[i]!)));
    expect(b.stats).toEqual({ calls: 1, texts: 20, secondLaneCalls: 0 });
  });

  it("gathers what arrives while the model is busy into the next call", async () => {
    const model = new CountingEmbedder(20);
    const b = new EmbedBatcher(model);
    const first = b.embed("q1");
    await new Promise((r) => setTimeout(r, 5)); // q1's call is running now
    const later = ["q2", "q3", "q4"].map((t) => b.embed(t));
    await Promise.all([first, ...later]);
    expect(model.calls).toEqual([["q1"], ["q2", "q3", "q4"]]);
  });

  it("keeps batches to maxBatch texts", async () => {
    const model = new CountingEmbedder();
    const b = new EmbedBatcher(model, { maxBatch: 8 });
    const texts = Array.from({ length: 20 }, (_, i) => `q${i}`);
    const vectors = await Promise.all(texts.map((t) => b.embed(t)));
    expect(model.calls.map((c) => c.length)).toEqual([8, 8, 4]);
    expect(model.calls.flat()).toEqual(texts);
    vectors.forEach((v, i) => expect(Array.from(v)).toEqual(vectorOf(texts[i]!)));
  });

  it("waits up to waitMs for company when asked to", async () => {
    const model = new CountingEmbedder();
    const b = new EmbedBatcher(model, { waitMs: 30 });
    const a = b.embed("q1");
    await new Promise((r) => setTimeout(r, 10));
    await Promise.all([a, b.embed("q2")]);
    expect(model.calls).toEqual([["q1", "q2"]]);
  });

  it("asks the model once per question when they come one at a time", async () => {
    const model = new CountingEmbedder(1);
    const b = new EmbedBatcher(model);
    for (const t of ["q1", "q2", "q3"]) expect(Array.from(await b.embed(t))).toEqual(vectorOf(t));
    expect(model.calls).toEqual([["q1"], ["q2"], ["q3"]]);
  });

  it("fails every caller of a failed call, and the next call still works", async () => {
    const model = new CountingEmbedder();
    const b = new EmbedBatcher(model);
    model.failNext = true;
    const results = await Promise.allSettled(["q1", "q2"].map((t) => b.embed(t)));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    expect(Array.from(await b.embed("q3"))).toEqual(vectorOf("q3"));
    expect(model.calls).toEqual([["q1", "q2"], ["q3"]]);
  });
});

/** A second lane in shape: a CountingEmbedder that can be closed, and lost on demand. */
class CountingLane extends CountingEmbedder {
  closed = false;
  loseNext = false;
  override async embed(texts: string[]): Promise<Float32Array[]> {
    if (this.loseNext) {
      this.loseNext = false;
      this.calls.push([...texts]);
      await new Promise((r) => setTimeout(r, 5));
      throw new LaneLostError("the model worker exited (code 1)");
    }
    return super.embed(texts);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

describe("EmbedBatcher with a second lane", () => {
  it("never opens the second lane for texts asked one at a time", async () => {
    const first = new CountingEmbedder(1);
    let opened = 0;
    const b = new EmbedBatcher(first, { secondLane: async () => (opened++, new CountingLane()) });
    for (const t of ["q1", "q2", "q3"]) expect(Array.from(await b.embed(t))).toEqual(vectorOf(t));
    expect(opened).toBe(0);
    expect(b.stats).toEqual({ calls: 3, texts: 3, secondLaneCalls: 0 });
  });

  it("opens it once when texts come together, then embeds in both lanes at once, each caller getting its own vector", async () => {
    const first = new CountingEmbedder(20);
    const second = new CountingLane(20);
    let opened = 0;
    const b = new EmbedBatcher(first, { maxBatch: 4, secondLane: async () => (opened++, second) });
    const texts = Array.from({ length: 24 }, (_, i) => `question ${i}${"?".repeat(i)}`);
    const vectors = await Promise.all(texts.map((t) => b.embed(t)));
    vectors.forEach((v, i) => expect(Array.from(v)).toEqual(vectorOf(texts[i]!)));
    expect(opened).toBe(1);
    expect(first.calls.length).toBeGreaterThan(0);
    expect(second.calls.length).toBeGreaterThan(0);
    expect([...first.calls, ...second.calls].flat().sort()).toEqual([...texts].sort());
    expect(b.stats).toEqual({ calls: first.calls.length + second.calls.length, texts: 24, secondLaneCalls: second.calls.length });
    // A lone text afterwards goes to the first lane, as without lanes.
    const before = second.calls.length;
    await b.embed("alone");
    expect(second.calls.length).toBe(before);
    expect(first.calls.at(-1)).toEqual(["alone"]);
    await b.close();
    expect(second.closed).toBe(true);
  });

  it("embeds everything in the first lane, saying so once, when the second cannot be opened", async () => {
    const first = new CountingEmbedder(5);
    const lines: string[] = [];
    const b = new EmbedBatcher(first, { maxBatch: 4, secondLane: () => Promise.reject(new Error("no worker")), log: (l) => lines.push(l) });
    for (let round = 0; round < 2; round++) {
      const texts = Array.from({ length: 10 }, (_, i) => `q${round}-${i}`);
      const vectors = await Promise.all(texts.map((t) => b.embed(t)));
      vectors.forEach((v, i) => expect(Array.from(v)).toEqual(vectorOf(texts[i]!)));
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/could not be started \(no worker\)/);
    expect(b.stats).toEqual({ calls: first.calls.length, texts: 20, secondLaneCalls: 0 });
  });

  it("gives a batch whose lane was lost to the first lane, loses no caller, and stops using the lost lane", async () => {
    const first = new CountingEmbedder(20);
    const second = new CountingLane(5);
    const lines: string[] = [];
    const b = new EmbedBatcher(first, { maxBatch: 4, secondLane: async () => second, log: (l) => lines.push(l) });
    second.loseNext = true;
    const texts = Array.from({ length: 16 }, (_, i) => `q${i}`);
    const vectors = await Promise.all(texts.map((t) => b.embed(t)));
    vectors.forEach((v, i) => expect(Array.from(v)).toEqual(vectorOf(texts[i]!)));
    expect(second.calls).toHaveLength(1); // the lost call, and nothing after it
    expect(first.calls.flat().sort()).toEqual([...texts].sort());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/second model lane stopped/);
    expect(b.stats).toEqual({ calls: first.calls.length, texts: 16, secondLaneCalls: 0 });
  });

  it("fails only the callers of a batch the second lane's model failed on", async () => {
    const first = new CountingEmbedder(20);
    const second = new CountingLane(5);
    const b = new EmbedBatcher(first, { maxBatch: 4, secondLane: async () => second });
    second.failNext = true;
    const texts = Array.from({ length: 12 }, (_, i) => `q${i}`);
    const results = await Promise.allSettled(texts.map((t) => b.embed(t)));
    const failed = results.flatMap((r, i) => (r.status === "rejected" ? [texts[i]] : []));
    expect(failed).toEqual(second.calls[0]);
    results.forEach((r, i) => r.status === "fulfilled" && expect(Array.from(r.value)).toEqual(vectorOf(texts[i]!)));
    // The lane is still in use afterwards.
    await Promise.all(texts.map((t) => b.embed(t)));
    expect(second.calls.length).toBeGreaterThan(1);
  });
});
