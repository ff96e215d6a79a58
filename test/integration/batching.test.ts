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
    const batched = await Engine.open({ corpusDir: CORPUS_DIR, indexDir, embedder: together });
    const answers = await Promise.all(questions.map((q) => batched.ask(q)));
    // 57 questions at once: a handful of model calls, not one each.
    expect(together.calls.reduce((a, b) => a + b, 0)).toBe(questions.length);
    expect(together.calls.length).toBeLessThanOrEqual(Math.ceil(questions.length / 32));
    expect(batched.questionEmbedding).toEqual({ calls: together.calls.length, texts: questions.length });
    expect(answers).toEqual(expected);
  });
});
