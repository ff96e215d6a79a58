import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { QuoteLabels } from "../src/answer/evaluate.js";
import { loadCorpus } from "../src/corpus/load.js";
import { parseArticleForIndex } from "../src/index/parse.js";
import { loadStory } from "../src/story/story.js";
const CORPUS = "eval/corpus";
const labels = readdirSync("eval/labels").flatMap((f) => QuoteLabels.parse(JSON.parse(readFileSync(path.join("eval/labels", f), "utf8"))));
const story = await loadStory(CORPUS);
const corpus = await loadCorpus(CORPUS);
const W = { id: "x", maxTokens: 256, countTokens: (t: string) => t.split(/\s+/).length };
const units = new Map(corpus.articles.map((a) => [a.file, parseArticleForIndex(a, W, story).units]));
const half = (f: string) => (createHash("sha256").update(f).digest()[0]! % 2 === 0 ? "tune" : "held");
const c: Record<string, Record<string, number>> = { tune: {}, held: {} };
for (const a of labels) for (const q of a.quotes) {
  const us = units.get(a.article)!.filter((u) => u.text.includes(q.text));
  const u = us.find((x) => x.kind === "quote") ?? us[0];
  const k = !u ? "no-unit" : u.kind + (q.speaker ? "-named" : "-null") + (u.speaker ? "-got" : "-none");
  c[half(a.article)]![k] = (c[half(a.article)]![k] ?? 0) + 1;
}
console.log(c);
