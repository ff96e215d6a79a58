/** Dev-only: answerability of each dev question (answerable or not), sorted, to see how well they separate. */
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { answeredByRule, answerability, rankCandidates } from "../../src/answer/answer.js";
import { firstHit } from "../../src/answer/evaluate.js";
import { abstainFeatures } from "../../src/answer/model.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { devSets } from "./sets.js";

const embedder = await loadUseLite();
const rows: string[] = [];
for await (const { questions, engine, retrieval: r, story } of devSets(embedder)) {
  for (const q of questions) {
    const info = analyzeQuestion(q.q, r, story);
    if (answeredByRule(info)) continue;
    const [v] = await embedder.embed([info.embedText]);
    const ranked = rankCandidates({ retrieval: r, story }, info, v!);
    const p = answerability({ retrieval: r, story }, info, ranked);
    const hit = q.answerable ? (firstHit(await engine.ask(q.q), q.expect) === 1 ? "HIT " : "miss") : "----";
    const f = abstainFeatures(info, ranked);
    rows.push(`${p.toFixed(3)} ${q.answerable ? "ANS  " : "UNANS"} ${hit} ${q.id} ${q.q.slice(0, 70)} | cov ${f.topCoverage.toFixed(2)} soft ${f.topSoftCoverage.toFixed(2)} cos ${f.topCosUnit.toFixed(2)} miss ${f.missingShare.toFixed(2)} type ${f.typeWanted}/${f.typeFound}`);
  }
}
console.log(rows.sort().join("\n"));
