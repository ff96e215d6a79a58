/**
 * Child process of npm run bench: the memory of a fresh process answering from the seed index,
 * first one question at a time (the second model lane never starts), then 50 askers at once
 * (the second lane started and used, when EMBED_WORKERS allows one).
 */
import { readFileSync } from "node:fs";
import { embedWorkers } from "../../src/config.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { Engine } from "../../src/engine.js";
import { askConcurrently } from "./concurrency.js";

const [indexDir, questionsFile] = process.argv.slice(2);
const questions = JSON.parse(readFileSync(questionsFile!, "utf8")) as string[];
const model = await loadUseLite();
const engine = await Engine.open({ corpusDir: "corpus", indexDir: indexDir!, embedder: model });
for (let round = 0; round < 2; round++) for (const q of questions) await engine.ask(q);
const rssMb = process.memoryUsage().rss / 1e6;
// The second lane starts on the first questions asked together and takes batches once its model is loaded.
const lanes = embedWorkers() > 0;
for (let round = 0; lanes && round < 100 && engine.questionEmbedding!.secondLaneCalls === 0; round++) await askConcurrently(engine, questions, 50, 100);
await askConcurrently(engine, questions, 50, 1000);
const rssMbUnderLoad = process.memoryUsage().rss / 1e6;
process.stdout.write(JSON.stringify({ rssMb, rssMbUnderLoad, ...engine.questionEmbedding }) + "\n");
await engine.close();
