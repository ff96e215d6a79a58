/** Dev-only: would simple "the answer must have what was asked" gates separate answerable from not? */
import path from "node:path";
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { rankCandidates } from "../../src/answer/answer.js";
import { evalSets } from "../../src/answer/evaluate.js";
import { engineConfig } from "../../src/config.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { Engine } from "../../src/engine.js";
import { loadIndex } from "../../src/index/load.js";
import { loadStory } from "../../src/story/story.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const embedder = await loadUseLite();
const K = Number(process.argv[2] ?? 5);
const MINCOV = Number(process.argv[3] ?? 0.5);
const tally = { typeAns: 0, typeAnsGated: 0, typeUn: 0, typeUnGated: 0, spAns: 0, spAnsGated: 0, spUn: 0, spUnGated: 0 };
for (const set of evalSets(ROOT)) {
  const cfg = engineConfig({ corpusDir: set.corpus });
  await Engine.open({ ...cfg, embedder });
  const r = await loadIndex(cfg.indexDir, embedder.id);
  const story = await loadStory(set.corpus);
  for (const q of set.questions.filter((x) => x.split === "dev")) {
    const info = analyzeQuestion(q.q, r, story);
    if (info.broad || info.missing.some((m) => m.named)) continue;
    const [v] = await embedder.embed([q.q]);
    const ranked = rankCandidates({ retrieval: r, story }, info, v!).slice(0, K);
    if (info.wants.length) {
      const ok = ranked.some((c) => c.features.typeMatch && c.features.coverage >= MINCOV);
      if (q.answerable) { tally.typeAns++; if (!ok) { tally.typeAnsGated++; console.log("gated ANS", q.id, q.q); } }
      else { tally.typeUn++; if (!ok) tally.typeUnGated++; else console.log("passed UNANS", q.id, q.q); }
    }
    if (info.speaker?.matches.length && info.speaker.topicTerms.length) {
      const ok = ranked.some((c) => c.features.speakerMatch && c.features.topicCoverage > 0);
      if (q.answerable) { tally.spAns++; if (!ok) { tally.spAnsGated++; console.log("sp gated ANS", q.id, q.q); } }
      else { tally.spUn++; if (!ok) tally.spUnGated++; else console.log("sp passed UNANS", q.id, q.q); }
    }
  }
}
console.log(JSON.stringify(tally));
