/** npm run eval: Hit@1, Hit@3, MRR on the gold questions, and abstention on out-of-scope ones. */
import { readFile } from "node:fs/promises";
import { scoreAnswers, type GoldQuestion } from "../src/answer/evaluate.js";
import { embedderFromEnv } from "../src/cli/embedder.js";
import { engineConfig, loadEnv } from "../src/config.js";
import { Engine } from "../src/engine.js";

loadEnv();
const gold = JSON.parse(await readFile(new URL("../test/gold/questions.json", import.meta.url), "utf8")) as {
  answerable: GoldQuestion[];
  outOfScope: string[];
};
const cfg = engineConfig({ corpusDir: process.argv[2] });
const { embedder, remember } = await embedderFromEnv(cfg);
const engine = await Engine.open({ ...cfg, embedder, log: (l) => process.stderr.write(`${l}\n`) });
await remember();
const answers = [];
for (const g of gold.answerable) answers.push(await engine.ask(g.q));
const oos = [];
for (const q of gold.outOfScope) oos.push(await engine.ask(q));
const r = scoreAnswers(gold.answerable, answers, oos);
for (const m of r.misses) console.log(`miss: ${m.q}\n   got: ${m.got.join(" | ") || "(no answer)"}`);
for (const q of r.falseAnswers) console.log(`answered out-of-scope: ${q}`);
console.log(`model ${engine.embedder.id}, ${r.questions} gold questions, ${r.outOfScope} out-of-scope`);
console.log(`Hit@1 ${r.hitAt1.toFixed(3)}  Hit@3 ${r.hitAt3.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  abstention ${r.abstention.toFixed(3)}`);
console.log(JSON.stringify({ hit_at_1: r.hitAt1, hit_at_3: r.hitAt3, mrr: r.mrr, abstention: r.abstention, questions: r.questions }));
