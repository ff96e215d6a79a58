/**
 * Dev-only: the dev half of every evaluation set, each with its corpus opened (engine, retrieval,
 * story file). Never the test half: these scripts print questions and answers.
 */
import path from "node:path";
import { evalSets, type EvalQuestion } from "../../src/answer/evaluate.js";
import { engineConfig } from "../../src/config.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { Engine } from "../../src/engine.js";
import { loadIndex } from "../../src/index/load.js";
import type { Retrieval } from "../../src/retrieval/index.js";
import { loadStory, type Story } from "../../src/story/story.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface DevSet {
  name: string;
  questions: EvalQuestion[];
  engine: Engine;
  retrieval: Retrieval;
  story: Story;
}

export async function* devSets(embedder: Embedder): AsyncGenerator<DevSet> {
  for (const set of evalSets(ROOT)) {
    const cfg = engineConfig({ corpusDir: set.corpus });
    const engine = await Engine.open({ ...cfg, embedder });
    const retrieval = await loadIndex(cfg.indexDir, embedder.id);
    try {
      yield { name: set.name, questions: set.questions.filter((q) => q.split === "dev"), engine, retrieval, story: await loadStory(set.corpus) };
    } finally {
      retrieval.close();
    }
  }
}
