/** Dev-only: one line per dev question (hit rank or refusal, reason), to diff two versions of the engine. */
import { firstHit } from "../../src/answer/evaluate.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { devSets } from "./sets.js";

const embedder = await loadUseLite();
for await (const { questions, engine } of devSets(embedder)) {
  for (const q of questions) {
    const a = await engine.ask(q.q);
    const rank = q.answerable ? (a.answered ? firstHit(a, q.expect) ?? "-" : "refused") : a.answered ? "ANSWERED" : "abstained";
    console.log(`${q.id}\t${q.answerable ? "ans" : "unans"}\t${rank}\t${a.reason}\t${q.q}`);
  }
}
