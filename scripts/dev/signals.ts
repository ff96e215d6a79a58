/**
 * Dev-only: how well candidate abstention signals separate answerable from unanswerable dev
 * questions (those the models handle, not the rules): AUC of each, on real questions only.
 */
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { answeredByRule, answerability, rankCandidates } from "../../src/answer/answer.js";
import { abstainFeatures } from "../../src/answer/model.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { terms } from "../../src/text/terms.js";
import { wordVectors } from "../../src/text/wordvectors.js";
import { devSets } from "./sets.js";

const embedder = await loadUseLite();
const rows: { y: number; s: Record<string, number> }[] = [];
for await (const { questions, retrieval: r, story } of devSets(embedder)) {
  for (const q of questions) {
    const info = analyzeQuestion(q.q, r, story);
    if (answeredByRule(info) || !info.terms.length) continue;
    const [v] = await embedder.embed([info.embedText]);
    const ranked = rankCandidates({ retrieval: r, story }, info, v!);
    if (!ranked.length) continue;
    const ctxTerms = (c: (typeof ranked)[number]) => {
      const para = r.unitsOfChunks([c.unit.chunk]).flatMap((u) => u.terms);
      const title = terms(r.articles[c.unit.article]?.title ?? "");
      return new Set([...para, ...title, ...terms(`${c.unit.speaker ?? ""} ${c.unit.role ?? ""}`)]);
    };
    const vec = wordVectors()!;
    const uncovered = (c: (typeof ranked)[number], soft: number) => {
      const have = ctxTerms(c);
      const words = [...have];
      let n = 0;
      for (const t of new Set(info.terms)) {
        if (have.has(t)) continue;
        const w = info.words.get(t);
        const sim = w ? Math.max(0, ...c.unit.words.map((x) => vec.similarity(w, x) ?? 0)) : 0;
        void words;
        if (sim < soft) n++;
      }
      return n;
    };
    const top3 = ranked.slice(0, 3);
    rows.push({
      y: q.answerable ? 1 : 0,
      s: {
        p: answerability({ retrieval: r, story }, info, ranked),
        negUncTop: -uncovered(ranked[0]!, 2),
        negUncTopSoft: -uncovered(ranked[0]!, 0.6),
        negUncTop3: -Math.min(...top3.map((c) => uncovered(c, 2))),
        negUncTop3Soft: -Math.min(...top3.map((c) => uncovered(c, 0.6))),
        negUncShare: -uncovered(ranked[0]!, 2) / new Set(info.terms).size,
        ...Object.fromEntries(Object.entries(abstainFeatures(info, ranked)).map(([k, x]) => [`f.${k}`, x])),
      },
    });
  }
}
const auc = (k: string) => {
  const pos = rows.filter((r) => r.y === 1).map((r) => r.s[k]!);
  const neg = rows.filter((r) => r.y === 0).map((r) => r.s[k]!);
  let w = 0;
  for (const a of pos) for (const b of neg) w += a > b ? 1 : a === b ? 0.5 : 0;
  return w / (pos.length * neg.length);
};
console.log(`answerable ${rows.filter((r) => r.y).length}, unanswerable ${rows.filter((r) => !r.y).length}`);
for (const k of Object.keys(rows[0]!.s)) console.log(k.padEnd(16), auc(k).toFixed(3));
