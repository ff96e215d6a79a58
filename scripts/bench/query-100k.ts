/**
 * Child process of npm run bench: loads a large index the way the product does, then times
 * queries one at a time and measures memory; then answers 50 askers at once through the question
 * batcher (with its second model lane when EMBED_WORKERS and, with `auto`, EMBED_WORKERS_MAX_RSS_MB
 * allow one) and measures memory again.
 */
import { readFileSync } from "node:fs";
import { answerQuestion } from "../../src/answer/answer.js";
import { embedWorkers, laneBudgetMb, laneFits } from "../../src/config.js";
import { EmbedBatcher } from "../../src/embed/batcher.js";
import { secondLane } from "../../src/embed/second-lane.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { loadIndex } from "../../src/index/load.js";
import { EMPTY_STORY } from "../../src/story/story.js";
import { percentile } from "./synthetic.js";

const [indexDir, questionsFile] = process.argv.slice(2);
const questions = JSON.parse(readFileSync(questionsFile!, "utf8")) as string[];
const t0 = performance.now();
const model = await loadUseLite();
const retrieval = await loadIndex(indexDir!, model.id);
const ctx = { retrieval, story: EMPTY_STORY };
const loadSeconds = (performance.now() - t0) / 1000;
for (const q of questions.slice(0, 5)) answerQuestion(ctx, q, (await model.embed([q]))[0]!);
const times: number[] = [];
for (let round = 0; round < 2; round++) {
  for (const q of questions) {
    const t = performance.now();
    const [v] = await model.embed([q]);
    answerQuestion(ctx, q, v!);
    times.push(performance.now() - t);
  }
}
const rss = process.memoryUsage().rss / 1e6;

// 50 askers at once, as Engine.ask embeds them, until the second lane has been used and 1,000 more.
// The lane as a bot process would open it: EMBED_WORKERS, and with `auto` its memory budget.
const laneOpts = { embedWorkers: embedWorkers(), laneBudgetMb: laneBudgetMb() };
const laneAllowed = laneOpts.embedWorkers > 0 && laneFits(process.memoryUsage().rss / 1e6, laneOpts.laneBudgetMb);
const batcher = new EmbedBatcher(model, { secondLane: secondLane(model, laneOpts) });
const ask = async (total: number) => {
  let next = 0;
  const asker = async () => {
    for (let i = next++; i < total; i = next++) answerQuestion(ctx, questions[i % questions.length]!, await batcher.embed(questions[i % questions.length]!));
  };
  await Promise.all(Array.from({ length: 50 }, asker));
};
for (let round = 0; laneAllowed && round < 100 && batcher.stats.secondLaneCalls === 0; round++) await ask(100);
await ask(1000);
const rssUnderLoad = process.memoryUsage().rss / 1e6;
await batcher.close();
process.stdout.write(JSON.stringify({ loadSeconds, p50: percentile(times, 50), p95: percentile(times, 95), rssMb: rss, rssMbUnderLoad: rssUnderLoad, secondLaneCalls: batcher.stats.secondLaneCalls, queries: times.length }) + "\n");
