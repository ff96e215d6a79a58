/**
 * Dev-only: expected passages no unit holds (no ranking can put them first). Prints the dev
 * half's passages, and only counts for the test half.
 */
import { evalSets } from "../../src/answer/evaluate.js";
import { engineConfig } from "../../src/config.js";
import { loadIndex } from "../../src/index/load.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { Engine } from "../../src/engine.js";
import { ROOT } from "./sets.js";

const embedder = await loadUseLite();
const counts = { dev: [0, 0, 0], test: [0, 0, 0] } as Record<"dev" | "test", number[]>;
for (const set of evalSets(ROOT)) {
  const cfg = engineConfig({ corpusDir: set.corpus });
  await (await Engine.open({ ...cfg, embedder })).close();
  const r = await loadIndex(cfg.indexDir, embedder.id);
  const texts = r.articles.flatMap((a) => r.unitsOfArticle(a.id)).map((u) => u.text.toLowerCase());
  for (const q of set.questions.filter((x) => x.answerable)) {
    const c = counts[q.split] as [number, number, number];
    const found = q.expect.map((e) => texts.some((t) => t.includes(e.toLowerCase())));
    c[0] += q.expect.length;
    c[1] += found.filter((f) => !f).length;
    if (!found.some(Boolean)) {
      c[2]++;
      if (q.split === "dev") console.log(`${q.id}: ${q.q}\n   ${q.expect.join(" | ")}`);
    }
  }
  r.close();
}
for (const [k, [n, miss, qs]] of Object.entries(counts)) console.log(`${k}: ${miss} of ${n} passages in no unit; ${qs} questions with none found`);
