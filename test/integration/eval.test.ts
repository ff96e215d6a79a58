import path from "node:path";
import { describe, expect, it } from "vitest";
import { readGold, scoreAnswers } from "../../src/answer/evaluate.js";
import { Engine } from "../../src/engine.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { realModel } from "../helpers/model.js";

const gold = readGold(path.resolve(import.meta.dirname, "../gold/questions.json"));

/**
 * A floor against breakage, not a target: the ranker is fit on 370 dev questions over two corpora,
 * of which these 45 (tuned on long ago) are a small part, so they score about 0.87 now, not the
 * 0.93 they had when the ranking was tuned to them alone.
 */
describe("answer quality on the seed articles with the real model", () => {
  it("holds the floor: Hit@1 >= 0.75, Hit@3 >= 0.9, abstains on out-of-scope questions", async () => {
    const engine = await Engine.open({ corpusDir: corpusCopy(), indexDir: path.join(tempDir(), "index"), embedder: await realModel() });
    const answers = [];
    for (const g of gold) answers.push(await engine.ask(g.q));
    const r = scoreAnswers(gold, answers);
    expect(r.answerable).toBeGreaterThanOrEqual(40);
    expect(r.hitAt1, JSON.stringify(r.misses, null, 1)).toBeGreaterThanOrEqual(0.75);
    expect(r.hitAt3).toBeGreaterThanOrEqual(0.9);
    expect(r.abstention, JSON.stringify(r.falseAnswers)).toBeGreaterThanOrEqual(0.9);
  });
});
