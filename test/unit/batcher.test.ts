import { describe, expect, it } from "vitest";
import { EmbedBatcher } from "../../src/embed/batcher.js";

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
    expect(b.stats).toEqual({ calls: 1, texts: 20 });
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
