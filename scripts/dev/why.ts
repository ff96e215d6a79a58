/** Dev-only diagnostic: for dev questions the ranker gets wrong, the top candidates and the best right one, with features. */
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
const only = process.argv[2];
const embedder = await loadUseLite();
const fmt = (f: Record<string, number>) => Object.entries(f).filter(([, v]) => v !== 0).map(([k, v]) => `${k}=${Math.round(v * 100) / 100}`).join(" ");
for (const set of evalSets(ROOT)) {
  const cfg = engineConfig({ corpusDir: set.corpus });
  await Engine.open({ ...cfg, embedder });
  const r = await loadIndex(cfg.indexDir, embedder.id);
  const story = await loadStory(set.corpus);
  for (const q of set.questions.filter((x) => x.split === "dev" && x.answerable && (!only || x.id === only))) {
    const info = analyzeQuestion(q.q, r, story);
    if (info.broad || info.missing.some((m) => m.named)) continue;
    const [v] = await embedder.embed([q.q]);
    const ranked = rankCandidates({ retrieval: r, story }, info, v!);
    const wanted = q.expect.map((e) => e.toLowerCase());
    const pos = ranked.findIndex((c) => wanted.some((w) => c.unit.text.toLowerCase().includes(w)));
    if (pos === 0) continue;
    console.log(`\n${q.id}: ${q.q}   [terms ${info.terms.join(",")}; wants ${info.wants.join("/")}; date ${info.date ? JSON.stringify(info.date) : "-"}; speaker ${info.speaker?.matches.map((m) => m.name).join("/") ?? "-"}]`);
    for (const c of ranked.slice(0, 2)) console.log(`  top ${c.score.toFixed(2)} ${c.unit.text.slice(0, 90)}\n      ${fmt(c.features)}`);
    if (pos > 0) console.log(`  RIGHT #${pos + 1} ${ranked[pos]!.score.toFixed(2)} ${ranked[pos]!.unit.text.slice(0, 90)}\n      ${fmt(ranked[pos]!.features)}`);
    else console.log("  RIGHT not among candidates");
  }
  r.close();
}
