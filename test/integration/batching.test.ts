import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { Engine } from "../../src/engine.js";
import { CORPUS_DIR, tempDir } from "../helpers/corpus.js";
import { realModel } from "../helpers/model.js";

const gold = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../gold/questions.json"), "utf8")) as { answerable: { q: string }[]; outOfScope: string[] };
const questions = [...gold.answerable.map((g) => g.q), ...gold.outOfScope];

/** The real model, counting its calls. */
function counted(model: Embedder): Embedder & { calls: number[] } {
  const calls: number[] = [];
  return { ...model, calls, embed: (texts) => (calls.push(texts.length), model.embed(texts)) };
}

let model: Embedder;
let indexDir: string;
beforeAll(async () => {
  model = await realModel();
  indexDir = path.join(tempDir(), "index");
  await Engine.open({ corpusDir: CORPUS_DIR, indexDir, embedder: model });
});

describe("questions asked at the same time", () => {
  it("share model calls and get the same answers as questions asked one by one", async () => {
    const alone = counted(model);
    const plain = await Engine.open({ corpusDir: CORPUS_DIR, indexDir, embedder: alone, questionBatching: false });
    const expected: Answer[] = [];
    for (const q of questions) expected.push(await plain.ask(q));
    expect(alone.calls).toEqual(questions.map(() => 1));

    const together = counted(model);
    const batched = await Engine.open({ corpusDir: CORPUS_DIR, indexDir, embedder: together, embedWorkers: 0 });
    const answers = await Promise.all(questions.map((q) => batched.ask(q)));
    // 57 questions at once: a handful of model calls, not one each.
    expect(together.calls.reduce((a, b) => a + b, 0)).toBe(questions.length);
    expect(together.calls.length).toBeLessThanOrEqual(Math.ceil(questions.length / 32));
    expect(batched.questionEmbedding).toEqual({ calls: together.calls.length, texts: questions.length, secondLaneCalls: 0 });
    expect(answers).toEqual(expected);
  });

  it("keep to one lane when the memory budget has no room for a second, logged once", async () => {
    const lines: string[] = [];
    const tight = await Engine.open({ corpusDir: CORPUS_DIR, indexDir, embedder: model, embedWorkers: 1, laneBudgetMb: 1, log: (l) => lines.push(l) });
    try {
      for (let round = 0; round < 3; round++) expect((await Promise.all(questions.map((q) => tight.ask(q)))).every((a) => a.reason)).toBe(true);
      expect(tight.questionEmbedding!.secondLaneCalls).toBe(0);
      const refusals = lines.filter((l) => /second model lane could not be started \(this process uses \d+ MB and a lane adds about \d+ MB, over EMBED_WORKERS_MAX_RSS_MB=1\)/.test(l));
      expect(refusals).toHaveLength(1);
    } finally {
      await tight.close();
    }
  });

  it("get the same answers with a second model lane in a worker thread, both lanes embedding", async () => {
    const plain = await Engine.open({ corpusDir: CORPUS_DIR, indexDir, embedder: model, questionBatching: false });
    const expected: Answer[] = [];
    for (const q of questions) expected.push(await plain.ask(q));

    const laned = await Engine.open({ corpusDir: CORPUS_DIR, indexDir, embedder: model, embedWorkers: 1 });
    try {
      // The lane's worker is started by the first questions asked together and takes them once its
      // model is loaded: rounds of 57 questions at once until it has.
      for (let round = 0; round < 50 && laned.questionEmbedding!.secondLaneCalls === 0; round++) {
        expect(await Promise.all(questions.map((q) => laned.ask(q)))).toEqual(expected);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await Promise.all(questions.map((q) => laned.ask(q)))).toEqual(expected);
      const stats = laned.questionEmbedding!;
      expect(stats.secondLaneCalls).toBeGreaterThan(0);
      expect(stats.calls - stats.secondLaneCalls).toBeGreaterThan(0);
      // One question at a time stays in this thread.
      const before = stats.secondLaneCalls;
      for (const q of questions.slice(0, 5)) await laned.ask(q);
      expect(laned.questionEmbedding!.secondLaneCalls).toBe(before);
    } finally {
      await laned.close();
    }
  });
});
