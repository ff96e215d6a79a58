/** Dev-only: the dev questions that ask for an overview of one part of the story, and what they get. */
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { firstHit } from "../../src/answer/evaluate.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { devSets } from "./sets.js";

const embedder = await loadUseLite();
for await (const { questions, engine, retrieval: r, story } of devSets(embedder)) {
  for (const q of questions) {
    const info = analyzeQuestion(q.q, r, story);
    if (!info.scoped) continue;
    const a = await engine.ask(q.q);
    console.log(`${q.id} ${q.answerable ? "ANS" : "UNANS"} hit=${q.answerable ? firstHit(a, q.expect) : "-"} ${a.reason}: ${q.q}`);
    for (const it of a.items.slice(0, 3)) console.log(`    ${it.text.slice(0, 110)}`);
  }
}
