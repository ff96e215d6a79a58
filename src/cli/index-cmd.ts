import { parseArgs } from "node:util";
import { engineConfig, loadEnv } from "../config.js";
import { CorpusError } from "../corpus/load.js";
import { buildIndex } from "../index/build.js";
import { IndexError } from "../index/store.js";
import { embedderFromEnv, warnLine } from "./embedder.js";
import { progressBar } from "./progress.js";

const USAGE = "usage: npm run index -- [--corpus DIR] [--index DIR] [--force]";

async function main(): Promise<number> {
  loadEnv();
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        corpus: { type: "string" },
        index: { type: "string" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (err) {
    warnLine(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const cfg = engineConfig({ corpusDir: values.corpus, indexDir: values.index });
  const embedder = await embedderFromEnv(cfg.embeddingModel);
  const bar = progressBar("Embedding");
  const s = await buildIndex({ corpusDir: cfg.corpusDir, indexDir: cfg.indexDir, embedder, force: values.force, onProgress: bar.update });
  bar.stop();
  if (s.previousProblem) warnLine(`dossier: ${s.previousProblem} Rebuilt from scratch.`);
  for (const w of s.warnings) warnLine(`dossier: skipped ${w.file}: ${w.reason}`);
  const what = s.upToDate ? "Index is up to date" : `Indexed into ${cfg.indexDir}`;
  process.stdout.write(
    `${what}: ${s.articles} articles, ${s.paragraphs} paragraphs, ${s.quotes} quotes ` +
      `(${s.embedded} embedded, ${s.reused} reused${s.removed ? `, ${s.removed} articles removed` : ""}) in ${s.seconds.toFixed(2)} s with ${embedder.id}.\n`,
  );
  if (s.articles === 0) warnLine(`dossier: the corpus at ${cfg.corpusDir} has no readable articles; the index is empty.`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CorpusError || err instanceof IndexError) warnLine(`dossier: ${err.message}`);
    else warnLine(`dossier: ${(err as Error)?.stack ?? String(err)}`);
    process.exitCode = 1;
  },
);
