/**
 * Dev-only: the dev half of every evaluation set, each with its corpus opened (engine, retrieval,
 * story file). Never the test half: these scripts print questions and answers.
 */
import path from "node:path";
import { evalSets, readQuestions, type EvalQuestion } from "../../src/answer/evaluate.js";
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

/**
 * DEV_OUTSIDE=CORPUS:QUESTIONS[,CORPUS:QUESTIONS…] reads sets kept outside the repository instead
 * (their dev halves only, as always).
 */
function sets(): { name: string; corpus: string; questions: EvalQuestion[] }[] {
  const outside = process.env.DEV_OUTSIDE;
  if (!outside) return evalSets(ROOT);
  return outside.split(",").map((pair) => {
    const [corpus, file] = pair.split(":");
    return { name: path.basename(path.dirname(corpus!)), corpus: corpus!, questions: readQuestions(file!) };
  });
}

export async function* devSets(embedder: Embedder): AsyncGenerator<DevSet> {
  for (const set of sets()) {
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
