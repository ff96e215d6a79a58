/**
 * Child process of npm run bench: how long the first questions of a fresh engine take, as they come
 * (`cold`) or after `Engine.warmUp`, as the bot does once connected (`warm`). In a process of its
 * own, since what it measures is paid once per process.
 */
import { readFileSync } from "node:fs";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { Engine } from "../../src/engine.js";

const [indexDir, questionsFile, mode] = process.argv.slice(2);
const questions = JSON.parse(readFileSync(questionsFile!, "utf8")) as string[];
const model = await loadUseLite();
const engine = await Engine.open({ corpusDir: "corpus", indexDir: indexDir!, embedder: model });
const warmUpMs = mode === "warm" ? await engine.warmUp() : 0;
const ms: number[] = [];
for (const q of questions) {
  const t = performance.now();
  await engine.ask(q);
  ms.push(performance.now() - t);
}
process.stdout.write(JSON.stringify({ warmUpMs, ms }) + "\n");
await engine.close();
