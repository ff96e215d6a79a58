/** Dev-only diagnostic: which dev questions the rule paths (broad, not-mentioned, unquoted speaker) take. */
import path from "node:path";
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { evalSets } from "../../src/answer/evaluate.js";
import { engineConfig } from "../../src/config.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { Engine } from "../../src/engine.js";
import { loadIndex } from "../../src/index/load.js";
import { loadStory } from "../../src/story/story.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const embedder = await loadUseLite();
for (const set of evalSets(ROOT)) {
  const cfg = engineConfig({ corpusDir: set.corpus });
  await Engine.open({ ...cfg, embedder });
  const r = await loadIndex(cfg.indexDir, embedder.id);
  const story = await loadStory(set.corpus);
  for (const q of set.questions.filter((x) => x.split === "dev")) {
    const info = analyzeQuestion(q.q, r, story);
    const named = info.missing.filter((m) => m.named).map((m) => m.word);
    const rule = info.broad ? "broad" : named.length ? `not-mentioned(${named.join(",")})` : info.speaker && !info.speaker.matches.length ? `unquoted(${info.speaker.target})` : "";
    if (rule || process.argv.includes("--all")) console.log(`${q.answerable ? "ANS  " : "UNANS"} ${rule.padEnd(28)} ${q.id}: ${q.q}  | wants=${info.wants.join("/")} date=${info.date ? JSON.stringify(info.date) : "-"} speaker=${info.speaker ? `${info.speaker.target}->${info.speaker.matches.map((m) => m.name).join("/")}` : "-"} missing=${info.missing.map((m) => m.word).join(",")}`);
  }
  r.close();
}
