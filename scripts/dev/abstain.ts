/** Dev-only: answerability of each dev question (answerable or not), sorted, to see how well they separate. */
import path from "node:path";
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { answerability, rankCandidates } from "../../src/answer/answer.js";
import { evalSets, firstHit } from "../../src/answer/evaluate.js";
import { abstainFeatures } from "../../src/answer/model.js";
import { engineConfig } from "../../src/config.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { Engine } from "../../src/engine.js";
import { loadIndex } from "../../src/index/load.js";
import { loadStory } from "../../src/story/story.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const embedder = await loadUseLite();
const rows: string[] = [];
for (const set of evalSets(ROOT)) {
  const cfg = engineConfig({ corpusDir: set.corpus });
  const engine = await Engine.open({ ...cfg, embedder });
  const r = await loadIndex(cfg.indexDir, embedder.id);
  const story = await loadStory(set.corpus);
  for (const q of set.questions.filter((x) => x.split === "dev")) {
    const info = analyzeQuestion(q.q, r, story);
    if (info.broad || info.missing.some((m) => m.named)) continue;
    const [v] = await embedder.embed([q.q]);
    const ranked = rankCandidates({ retrieval: r, story }, info, v!);
    const p = answerability({ retrieval: r, story }, info, ranked);
    const hit = q.answerable ? (firstHit(await engine.ask(q.q), q.expect) === 1 ? "HIT " : "miss") : "----";
    const f = abstainFeatures(info, ranked);
    rows.push(`${p.toFixed(3)} ${q.answerable ? "ANS  " : "UNANS"} ${hit} ${q.id} ${q.q.slice(0, 70)} | cov ${f.topCoverage.toFixed(2)} soft ${f.topSoftCoverage.toFixed(2)} cos ${f.topCosUnit.toFixed(2)} miss ${f.missingShare.toFixed(2)} type ${f.typeWanted}/${f.typeFound}`);
  }
}
console.log(rows.sort().join("\n"));
