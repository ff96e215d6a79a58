/** Dev-only diagnostic: which dev questions the rule paths (broad, not-mentioned, unquoted speaker) take. */
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { devSets } from "./sets.js";

const embedder = await loadUseLite();
for await (const { questions, retrieval: r, story } of devSets(embedder)) {
  for (const q of questions) {
    const info = analyzeQuestion(q.q, r, story);
    const named = info.missing.filter((m) => m.named).map((m) => m.word);
    const rule = info.broad ? "broad" : named.length ? `not-mentioned(${named.join(",")})` : info.speaker && !info.speaker.matches.length ? `unquoted(${info.speaker.target})` : "";
    if (rule || process.argv.includes("--all")) console.log(`${q.answerable ? "ANS  " : "UNANS"} ${rule.padEnd(28)} ${q.id}: ${q.q}  | wants=${info.wants.join("/")} date=${info.date ? JSON.stringify(info.date) : "-"} speaker=${info.speaker ? `${info.speaker.target}->${info.speaker.matches.map((m) => m.name).join("/")}` : "-"} missing=${info.missing.map((m) => m.word).join(",")}`);
  }
}
