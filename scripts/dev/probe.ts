/** Dev-only: how the seed corpus reads one question typed on the command line (analysis, abstainer inputs, probability). */
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { answerability, rankCandidates } from "../../src/answer/answer.js";
import { engineConfig } from "../../src/config.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { loadIndex } from "../../src/index/load.js";
import { abstainFeatures } from "../../src/answer/model.js";
import { loadStory } from "../../src/story/story.js";

const embedder = await loadUseLite();
const cfg = engineConfig({});
const r = await loadIndex(cfg.indexDir, embedder.id);
const story = await loadStory(cfg.corpusDir);
for (const text of process.argv.slice(2)) {
  const info = analyzeQuestion(text, r, story);
  const [v] = await embedder.embed([text]);
  const ranked = rankCandidates({ retrieval: r, story }, info, v!);
  const p = answerability({ retrieval: r, story }, info, ranked);
  const { speaker, specificity, words, ...rest } = info;
  console.log(text, "\n ", JSON.stringify({ ...rest, speaker: speaker?.matches.length }), "\n  p =", p.toFixed(3));
  console.log(" ", JSON.stringify(abstainFeatures(info, ranked)));
  const fmt = (f: Record<string, number>) => Object.entries(f).filter(([, v]) => v !== 0).map(([k, v]) => `${k}=${Math.round(v * 100) / 100}`).join(" ");
  for (const c of ranked.slice(0, 3)) console.log(`  ${c.score.toFixed(2)} ${c.unit.text.slice(0, 100)}\n      ${fmt(c.features)}`);
}
r.close();
