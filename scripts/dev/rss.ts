/** Dev-only: where a query process's memory goes with a large index (argument: index folder). */
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
const qs = ["What did the Kremlin say?", "How long did they meet?", "What did Trump say about the meeting in march?", "where was the car bomb"];
for (const q of qs) answerQuestion({ retrieval: r, story: EMPTY_STORY }, q, (await model.embed([q]))[0]!);
console.log("after questions", mb());
if (global.gc) { global.gc(); console.log("after gc", mb()); }
