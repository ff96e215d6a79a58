import { analyzeQuestion } from "../../src/answer/analysis.js";
import { firstHit } from "../../src/answer/evaluate.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { devSets } from "./sets.js";
const embedder = await loadUseLite();
for await (const { questions, engine, retrieval: r, story } of devSets(embedder)) {
  for (const q of questions) {
    if (q.type !== "broad") continue;
    const info = analyzeQuestion(q.q, r, story);
    const a = await engine.ask(q.q);
    const h = firstHit(a, q.expect);
    console.log(`${q.id} hit=${h} scoped=${!!info.scoped} ${a.reason}: ${q.q}  [terms ${info.terms.join(",")}]`);
    if (h !== 1) { for (const it of a.items.slice(0, 2)) console.log(`    got ${it.text.slice(0, 100)}`); console.log(`    want ${q.expect.slice(0,3).join(" | ").slice(0,200)}`); }
  }
}
