import { engineConfig, loadEnv } from "../config.js";
import { secondLane } from "../embed/second-lane.js";
import { buildIndex } from "../index/build.js";
import { listArticleFiles } from "../corpus/load.js";
import { embedderFromEnv, warnLine } from "./embedder.js";
import { progressBar } from "./progress.js";
import { sanitizeForTerminal } from "./sanitize.js";
import { commandLine, runMain } from "./run.js";

const USAGE = "usage: npm run index -- [--corpus DIR] [--index DIR] [--force]";

async function main(): Promise<number> {
  loadEnv();
  const args = commandLine({
    options: {
      corpus: { type: "string" },
      index: { type: "string" },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  }, USAGE);
  if (typeof args === "number") return args;
  const { values } = args;
  const cfg = engineConfig({ corpusDir: values.corpus, indexDir: values.index });
  await listArticleFiles(cfg.corpusDir); // a missing corpus is the first thing to say, before loading a model
  const { embedder, remember } = await embedderFromEnv(cfg, { reprobe: values.force });
  const bar = progressBar("Embedding");
  const s = await buildIndex({ corpusDir: cfg.corpusDir, indexDir: cfg.indexDir, embedder, force: values.force, onProgress: bar.update, secondLane: secondLane(embedder, cfg), log: warnLine });
  bar.stop();
  await remember();
  if (s.previousProblem) warnLine(`dossier: ${s.previousProblem} Rebuilt from scratch.`);
  for (const w of s.warnings) warnLine(`dossier: skipped ${w.file}: ${w.reason}`);
  const what = s.upToDate ? "Index is up to date" : `Indexed into ${cfg.indexDir}`;
  process.stdout.write(
    sanitizeForTerminal(`${what}: ${s.articles} articles, ${s.paragraphs} paragraphs, ${s.quotes} quotes ` +
      `(${s.embedded} embedded, ${s.reused} reused${s.removed ? `, ${s.removed} articles removed` : ""}) in ${s.seconds.toFixed(2)} s with ${embedder.id}${s.secondLaneBatches ? " in two lanes" : ""}.\n`),
  );
  if (s.articles === 0) warnLine(`dossier: the corpus at ${cfg.corpusDir} has no readable articles; the index is empty.`);
  return 0;
}

runMain(main);
