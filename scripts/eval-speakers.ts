/**
 * npm run eval:speakers: who-said-it precision and recall against the hand labels
 * (eval/labels/*.json), with no model: every article of eval/corpus is parsed the way the index
 * parses it, and a labelled quote's speaker is the speaker of the unit holding its text (quote
 * units first, as the index looks it up; a passage has no speaker).
 *
 * The labelled articles are split in two halves by the SHA-256 of the file name (first byte even:
 * "tune", odd: "held-out"). Tune on the first; read only the score of the second. "newest": the
 * eight dev-d-* articles, added (and labelled by someone else) after the rules were written.
 * Flags: --errors (print the tuning half's errors), --json (one JSON object only).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { QuoteLabels, scoreSpeakers, type SpeakerReport } from "../src/answer/evaluate.js";
import { loadCorpus } from "../src/corpus/load.js";
import { parseArticleForIndex, type ParsedUnit } from "../src/index/parse.js";
import { loadStory } from "../src/story/story.js";

// Piped into `head`, a closed stdout is not an error.
process.stdout.on("error", () => process.exit(0));
const { values } = parseArgs({ options: { errors: { type: "boolean", default: false }, json: { type: "boolean", default: false } } });
const ROOT = path.resolve(import.meta.dirname, "..");
const CORPUS = path.join(ROOT, "eval", "corpus");
const LABELS = path.join(ROOT, "eval", "labels");

/** The index's view of the embedder, without a model: only chunking uses it. */
const WINDOW = { id: "x", maxTokens: 256, countTokens: (t: string) => t.split(/\s+/).length };

const labels: QuoteLabels = readdirSync(LABELS)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .flatMap((f) => QuoteLabels.parse(JSON.parse(readFileSync(path.join(LABELS, f), "utf8"))));

const story = await loadStory(CORPUS, (l) => process.stderr.write(`${l}\n`));
const corpus = await loadCorpus(CORPUS);
const unitsByArticle = new Map<string, ParsedUnit[]>();
for (const a of corpus.articles) unitsByArticle.set(a.file, parseArticleForIndex(a, WINDOW, story).units);

/** As the index's unitHolding: the first quote unit holding the text, else the first unit. */
function speakerOf(article: string, text: string): string | null {
  const units = unitsByArticle.get(article) ?? [];
  const holding = units.filter((u) => u.text.includes(text));
  const u = holding.find((x) => x.kind === "quote") ?? holding[0];
  return u && u.kind !== "passage" ? u.speaker : null;
}

const half = (file: string) => (createHash("sha256").update(file).digest()[0]! % 2 === 0 ? "tune" : "held-out");
const tune = labels.filter((a) => half(a.article) === "tune");
const heldOut = labels.filter((a) => half(a.article) === "held-out");
const newest = labels.filter((a) => a.article.startsWith("dev-d-"));
const reports: Record<string, SpeakerReport> = {
  tune: scoreSpeakers(tune, speakerOf),
  "held-out": scoreSpeakers(heldOut, speakerOf),
  all: scoreSpeakers(labels, speakerOf),
  // Articles added after the attribution rules were written (dev-d-*), labelled by someone else.
  newest: scoreSpeakers(newest, speakerOf),
};

const missing = labels.filter((a) => !unitsByArticle.has(a.article)).map((a) => a.article);
if (missing.length) process.stderr.write(`labels name articles not in eval/corpus: ${missing.join(", ")}\n`);

if (values.json) {
  const out = Object.fromEntries(Object.entries(reports).map(([k, r]) => [k, { labelled: r.labelled, precision: r.precision, recall: r.recall }]));
  console.log(JSON.stringify(out));
} else {
  if (values.errors) {
    for (const e of reports.tune!.errors) console.log(`${e.article}: "${e.text.slice(0, 70)}"\n   expected ${e.expected ?? "nobody"}, got ${e.got ?? "nobody"}`);
  }
  for (const [name, r] of Object.entries(reports)) {
    const articles = { tune, "held-out": heldOut, newest }[name] ?? labels;
    console.log(`${name.padEnd(8)} ${String(articles.length).padStart(3)} articles ${String(r.labelled).padStart(4)} quotes  precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}`);
  }
}
