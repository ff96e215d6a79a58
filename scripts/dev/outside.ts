/**
 * Dev-only: scores a corpus and question file that live outside the repository (a private check on
 * real articles, which must not be committed), as `npm run eval` scores its sets. Misses are
 * printed for questions marked "split": "dev" only, so a "test" half stays unread.
 *   npx tsx scripts/dev/outside.ts CORPUS_DIR QUESTIONS.json [--misses]
 */
import { parseArgs } from "node:util";
import { readQuestions, scoreAnswers } from "../../src/answer/evaluate.js";
import { embedderFromEnv } from "../../src/cli/embedder.js";
import { engineConfig, loadEnv } from "../../src/config.js";
import { Engine } from "../../src/engine.js";

loadEnv();
const { values, positionals } = parseArgs({ allowPositionals: true, options: { misses: { type: "boolean", default: false } } });
const [corpusDir, file] = positionals;
if (!corpusDir || !file) throw new Error("usage: outside.ts CORPUS_DIR QUESTIONS.json [--misses]");
const { embedder } = await embedderFromEnv(engineConfig());
const engine = await Engine.open({ ...engineConfig({ corpusDir }), embedder, log: (l) => process.stderr.write(`${l}\n`) });
const questions = readQuestions(file);
for (const half of ["dev", "test", undefined] as const) {
  const qs = questions.filter((q) => half === undefined || q.split === half);
  if (!qs.length) continue;
  const answers = [];
  for (const q of qs) answers.push(await engine.ask(q.q));
  const r = scoreAnswers(qs, answers);
  console.log(`${(half ?? "all").padEnd(5)} ${r.answerable}/${r.unanswerable}  Hit@1 ${r.hitAt1.toFixed(3)}  Hit@3 ${r.hitAt3.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  abstention ${r.abstention.toFixed(3)}  refused ${r.refused.toFixed(3)}`);
  if (values.misses && half === "dev") {
    for (const m of r.misses) console.log(`  miss ${m.id} [${m.reason}]: ${m.q}\n     got: ${m.got.join(" | ") || "(nothing)"}`);
    for (const f of r.falseAnswers) console.log(`  answered ${f.id}: ${f.q}\n     got: ${f.got}`);
  }
}
await engine.close();
