/** Dev-only: where a query process's memory goes with a large index (argument: index folder). */
import { readFileSync } from "node:fs";
const mb = () => `${Math.round(process.memoryUsage().rss / 1e6)} MB (heap ${Math.round(process.memoryUsage().heapUsed / 1e6)}, external ${Math.round(process.memoryUsage().external / 1e6)})`;
const dir = process.argv[2]!;
console.log("start", mb());
const { loadUseLite } = await import("../../src/embed/use-lite.js");
const model = await loadUseLite();
await model.embed(["warm up"]);
console.log("model", mb());
const { loadIndex } = await import("../../src/index/load.js");
const r = await loadIndex(dir, model.id);
console.log("index", mb());
const { answerQuestion } = await import("../../src/answer/answer.js");
const { EMPTY_STORY } = await import("../../src/story/story.js");
const gold = JSON.parse(readFileSync("test/gold/questions.json", "utf8")) as { answerable: { q: string }[]; outOfScope: string[] };
const qs = [...gold.answerable.map((g) => g.q), ...gold.outOfScope];
for (const q of qs) {
  const before = process.memoryUsage().rss;
  answerQuestion({ retrieval: r, story: EMPTY_STORY }, q, (await model.embed([q]))[0]!);
  const grew = (process.memoryUsage().rss - before) / 1e6;
  if (grew > 5) console.log(`  +${Math.round(grew)} MB: ${q}`);
}
console.log("after questions", mb());
