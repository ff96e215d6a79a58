/** Child process of npm run bench: loads a large index the way the product does, then times queries. */
import { readFileSync } from "node:fs";
import { answerQuestion } from "../../src/answer/answer.js";
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
process.stdout.write(JSON.stringify({ loadSeconds, p50: percentile(times, 50), p95: percentile(times, 95), rssMb: rss, queries: times.length }) + "\n");
