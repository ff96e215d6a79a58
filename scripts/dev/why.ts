/** Dev-only diagnostic: for dev questions the ranker gets wrong, the top candidates and the best right one, with features. */
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { answeredByRule, rankCandidates } from "../../src/answer/answer.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { devSets } from "./sets.js";

const only = process.argv[2]?.split(",");
const embedder = await loadUseLite();
const fmt = (f: Record<string, number>) => Object.entries(f).filter(([, v]) => v !== 0).map(([k, v]) => `${k}=${Math.round(v * 100) / 100}`).join(" ");
for await (const { questions, retrieval: r, story } of devSets(embedder)) {
  for (const q of questions.filter((x) => x.answerable && (!only || only.includes(x.id)))) {
    const info = analyzeQuestion(q.q, r, story);
    if (answeredByRule(info)) continue;
    const [v] = await embedder.embed([info.embedText]);
    const ranked = rankCandidates({ retrieval: r, story }, info, v!);
    const wanted = q.expect.map((e) => e.toLowerCase());
    const pos = ranked.findIndex((c) => wanted.some((w) => c.unit.text.toLowerCase().includes(w)));
    if (pos === 0) continue;
    console.log(`\n${q.id}: ${q.q}   [terms ${info.terms.join(",")}; wants ${info.wants.join("/")}; date ${info.date ? JSON.stringify(info.date) : "-"}; speaker ${info.speaker?.matches.map((m) => m.name).join("/") ?? "-"}]`);
    for (const c of ranked.slice(0, 2)) console.log(`  top ${c.score.toFixed(2)} ${c.unit.text.slice(0, 90)}\n      ${fmt(c.features)}`);
    if (pos > 0) console.log(`  RIGHT #${pos + 1} ${ranked[pos]!.score.toFixed(2)} ${ranked[pos]!.unit.text.slice(0, 90)}\n      ${fmt(ranked[pos]!.features)}`);
    else console.log("  RIGHT not among candidates");
  }
}
