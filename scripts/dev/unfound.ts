/**
 * Dev-only: expected passages that no unit holds, so no ranking can put them first. Lists the dev
 * half's, and only counts the test half's.
 *   npx tsx scripts/dev/unfound.ts
 */
import { evalSets } from "../../src/answer/evaluate.js";
import { engineConfig } from "../../src/config.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { Engine } from "../../src/engine.js";
import { loadIndex } from "../../src/index/load.js";
import { ROOT } from "./sets.js";

const embedder = await loadUseLite();
const counts = { dev: { passages: 0, unfound: 0, questions: 0 }, test: { passages: 0, unfound: 0, questions: 0 } };
for (const set of evalSets(ROOT)) {
  const cfg = engineConfig({ corpusDir: set.corpus });
  // Opening an engine builds (or refreshes) the set's index, as npm run eval does.
  await (await Engine.open({ ...cfg, embedder })).close();
  const r = await loadIndex(cfg.indexDir, embedder.id);
  const texts = r.articles.flatMap((a) => r.unitsOfArticle(a.id)).map((u) => u.text.toLowerCase());
  for (const q of set.questions.filter((x) => x.answerable)) {
    const c = counts[q.split];
    const unfound = q.expect.filter((e) => !texts.some((t) => t.includes(e.toLowerCase())));
    c.passages += q.expect.length;
    c.unfound += unfound.length;
    if (unfound.length === q.expect.length) c.questions++;
    if (q.split === "dev" && unfound.length) console.log(`${q.id}: ${q.q}${unfound.length === q.expect.length ? "   (none found)" : ""}\n   ${unfound.join("\n   ")}`);
  }
  r.close();
}
for (const [half, c] of Object.entries(counts)) console.log(`${half}: ${c.unfound} of ${c.passages} passages in no unit; ${c.questions} questions with none found`);
