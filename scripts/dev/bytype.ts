/** Dev-only: Hit@1 by question type on the dev half. */
import path from "node:path";
import { evalSets, firstHit } from "../../src/answer/evaluate.js";
import { engineConfig } from "../../src/config.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { Engine } from "../../src/engine.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const embedder = await loadUseLite();
const by = new Map<string, { n: number; hit: number; refused: number; abst: number }>();
for (const set of evalSets(ROOT)) {
  const engine = await Engine.open({ ...engineConfig({ corpusDir: set.corpus }), embedder });
  for (const q of set.questions.filter((x) => x.split === "dev")) {
    const a = await engine.ask(q.q);
    const t = by.get(q.type) ?? { n: 0, hit: 0, refused: 0, abst: 0 };
    t.n++;
    if (q.answerable && firstHit(a, q.expect) === 1) t.hit++;
    if (q.answerable && !a.answered) t.refused++;
    if (!q.answerable && !a.answered) t.abst++;
    by.set(q.type, t);
  }
}
for (const [type, t] of [...by.entries()].sort()) console.log(type.padEnd(14), t.n, type === "unanswerable" ? `abstained ${t.abst}` : `hit ${t.hit} (${(t.hit / t.n).toFixed(2)}) refused ${t.refused}`);
