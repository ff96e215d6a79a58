/**
 * npm run eval: answer quality on three sets, with the real model.
 * - seed: the project's first 45 questions (+12 out of scope) over corpus/ (tuned on in the past);
 * - dev:  the dev half of the blind questions (eval/questions/*.json), over corpus/ and eval/corpus/;
 * - test: the test half. Only its scores are printed (in all and per question file), never its misses: tune on dev only.
 * Flags: --misses (print dev and seed misses), --json (one JSON object only).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { QuoteLabels, readGold, readQuestions, scoreAnswers, scoreSpeakers, type EvalQuestion, type EvalReport, type SpeakerReport } from "../src/answer/evaluate.js";
import type { Answer } from "../src/answer/types.js";
import { embedderFromEnv } from "../src/cli/embedder.js";
import { engineConfig, loadEnv } from "../src/config.js";
import { Engine } from "../src/engine.js";
import { loadIndex } from "../src/index/load.js";
import { readFileSync } from "node:fs";

loadEnv();
const { values } = parseArgs({ options: { misses: { type: "boolean", default: false }, json: { type: "boolean", default: false } } });
const ROOT = path.resolve(import.meta.dirname, "..");
const log = (l: string) => process.stderr.write(`${l}\n`);

const { embedder } = await embedderFromEnv(engineConfig());

/** Which corpus a question file is about: seed-* files are about corpus/, the others about eval/corpus/. */
const QUESTION_DIR = path.join(ROOT, "eval", "questions");
const sets: { name: string; corpus: string; questions: EvalQuestion[] }[] = [];
const blind = readdirSync(QUESTION_DIR).filter((f) => f.endsWith(".json")).sort();
for (const f of blind) {
  const corpus = f.startsWith("seed") ? path.join(ROOT, "corpus") : path.join(ROOT, "eval", "corpus");
  sets.push({ name: f.replace(/\.json$/, ""), corpus, questions: readQuestions(path.join(QUESTION_DIR, f)) });
}
const gold = readGold(path.join(ROOT, "test", "gold", "questions.json"));

const engines = new Map<string, Engine>();
async function engineFor(corpus: string): Promise<Engine> {
  let e = engines.get(corpus);
  if (!e) {
    e = await Engine.open({ ...engineConfig({ corpusDir: corpus }), embedder, log });
    engines.set(corpus, e);
  }
  return e;
}

async function run(corpus: string, questions: EvalQuestion[]): Promise<{ answers: Answer[]; times: number[] }> {
  const engine = await engineFor(corpus);
  for (const q of questions.slice(0, 3)) await engine.ask(q.q); // warm up
  const answers: Answer[] = [];
  const times: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    answers.push(await engine.ask(q.q));
    times.push(performance.now() - t);
  }
  return { answers, times };
}

/** Every item's text must be a verbatim substring of every article it cites (and so must "nearest" passages). */
let items = 0;
let nonVerbatim = 0;
const articleText = new Map<string, string>();
function checkVerbatim(corpus: string, answers: Answer[]): void {
  for (const a of answers) {
    for (const item of [...a.items, ...(a.nearest ?? [])]) {
      items++;
      for (const s of item.sources) {
        const file = path.join(corpus, s.article);
        if (!articleText.has(file)) articleText.set(file, readFileSync(file, "utf8"));
        if (!articleText.get(file)!.includes(item.text)) nonVerbatim++;
      }
    }
  }
}

/** Each part's own report too (`byPart`, by question file), for each half's breakdown. */
async function evaluate(parts: { name?: string; corpus: string; questions: EvalQuestion[] }[]): Promise<EvalReport & { byPart: [string, EvalReport][] }> {
  const qs: EvalQuestion[] = [];
  const answers: Answer[] = [];
  const times: number[] = [];
  const byPart: [string, EvalReport][] = [];
  for (const p of parts) {
    if (!p.questions.length) continue;
    const r = await run(p.corpus, p.questions);
    checkVerbatim(p.corpus, r.answers);
    qs.push(...p.questions);
    answers.push(...r.answers);
    times.push(...r.times);
    byPart.push([p.name ?? "", scoreAnswers(p.questions, r.answers, r.times)]);
  }
  return { ...scoreAnswers(qs, answers, times), byPart };
}

const seed = await evaluate([{ corpus: path.join(ROOT, "corpus"), questions: gold }]);
const dev = await evaluate(sets.map((s) => ({ name: s.name, corpus: s.corpus, questions: s.questions.filter((q) => q.split === "dev") })));
const test = await evaluate(sets.map((s) => ({ name: s.name, corpus: s.corpus, questions: s.questions.filter((q) => q.split === "test") })));

// Speaker attribution against the hand labels of the dev corpus.
const labels = readdirSync(path.join(ROOT, "eval", "labels"))
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => QuoteLabels.parse(JSON.parse(readFileSync(path.join(ROOT, "eval", "labels", f), "utf8"))));
const evalCorpus = path.join(ROOT, "eval", "corpus");
await engineFor(evalCorpus);
const retrieval = await loadIndex(engineConfig({ corpusDir: evalCorpus }).indexDir, embedder.id);
const speakers: SpeakerReport = scoreSpeakers(labels, (article, text) => {
  const u = retrieval.unitHolding(article, text);
  return u && u.kind !== "passage" ? u.speaker : null;
});
retrieval.close();

const row = (name: string, r: EvalReport) =>
  `${name.padEnd(10)} ${String(r.answerable).padStart(4)} ${String(r.unanswerable).padStart(4)}  Hit@1 ${r.hitAt1.toFixed(3)}  Hit@3 ${r.hitAt3.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  abstention ${r.abstention.toFixed(3)}  refused ${r.refused.toFixed(3)}  p50 ${r.p50Ms.toFixed(1)} ms  p95 ${r.p95Ms.toFixed(1)} ms`;

if (!values.json) {
  if (values.misses) {
    for (const [name, r] of [["seed", seed], ["dev", dev]] as const) {
      for (const m of r.misses) console.log(`${name} miss ${m.id} [${m.reason}]: ${m.q}\n   got: ${m.got.join(" | ") || "(nothing)"}`);
      for (const f of r.falseAnswers) console.log(`${name} answered unanswerable ${f.id}: ${f.q}\n   got: ${f.got}`);
    }
    for (const e of speakers.errors) console.log(`speaker ${e.article}: "${e.text.slice(0, 60)}" expected ${e.expected ?? "nobody"}, got ${e.got ?? "nobody"}`);
  }
  console.log(`model ${embedder.id}; questions: answerable / unanswerable`);
  console.log(row("seed", seed));
  console.log(row("dev", dev));
  for (const [name, r] of dev.byPart) console.log(`  ${row(name, r)}`);
  console.log(row("test", test));
  // Per file too: scores only, never which questions were missed.
  for (const [name, r] of test.byPart) console.log(`  ${row(name, r)}`);
  console.log(`speakers (${speakers.labelled} hand-labelled quotes in eval/corpus): precision ${speakers.precision.toFixed(3)}  recall ${speakers.recall.toFixed(3)}`);
  console.log(`items shown: ${items}, not verbatim in an article they cite: ${nonVerbatim}`);
}
const summary = (r: EvalReport) => ({ answerable: r.answerable, unanswerable: r.unanswerable, hit_at_1: r.hitAt1, hit_at_3: r.hitAt3, mrr: r.mrr, abstention: r.abstention, refused: r.refused, p50_ms: r.p50Ms, p95_ms: r.p95Ms });
console.log(JSON.stringify({ model: embedder.id, seed: summary(seed), dev: summary(dev), test: summary(test), speakers: { labelled: speakers.labelled, precision: speakers.precision, recall: speakers.recall }, items, non_verbatim_items: nonVerbatim }));
