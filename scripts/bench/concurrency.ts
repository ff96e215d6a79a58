import type { Engine } from "../../src/engine.js";
import { percentile } from "./synthetic.js";

export interface LoadFigures {
  askers: number;
  questions: number;
  seconds: number;
  qps: number;
  p50: number;
  p95: number;
  /** Model calls made for the questions, when the engine batches them. */
  modelCalls: number | null;
  /** Of `modelCalls`, those made by the second model lane (a worker thread). */
  secondLaneCalls: number | null;
}

/**
 * `askers` people asking at the same time: each asks a whole question through Engine.ask, waits
 * for the answer, then asks the next, until `total` questions have been answered. Latency is per
 * question, from asking to the answer.
 */
export async function askConcurrently(engine: Engine, questions: string[], askers: number, total: number): Promise<LoadFigures> {
  let next = 0;
  const latencies: number[] = [];
  const callsBefore = engine.questionEmbedding?.calls ?? 0;
  const secondBefore = engine.questionEmbedding?.secondLaneCalls ?? 0;
  const t0 = performance.now();
  const asker = async () => {
    for (let i = next++; i < total; i = next++) {
      const t = performance.now();
      await engine.ask(questions[i % questions.length]!);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: askers }, asker));
  const seconds = (performance.now() - t0) / 1000;
  const stats = engine.questionEmbedding;
  return {
    askers,
    questions: total,
    seconds,
    qps: total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    modelCalls: stats ? stats.calls - callsBefore : null,
    secondLaneCalls: stats ? stats.secondLaneCalls - secondBefore : null,
  };
}
