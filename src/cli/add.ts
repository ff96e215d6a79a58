import { engineConfig, loadEnv } from "../config.js";
import { Engine } from "../engine.js";
import { IngestConfigError, ingestConfig } from "../ingest/config.js";
import { IngestError } from "../ingest/errors.js";
import { warnLine } from "./embedder.js";
import { commandLine, runMain } from "./run.js";
import { sanitizeForTerminal } from "./sanitize.js";

const USAGE = "usage: npm run add -- URL [--corpus DIR]";

/**
 * npm run add: fetches one link and saves its article into the corpus folder. It does not load a
 * model or touch the index: `npm run index` (or the next `npm run ask`, which rebuilds a stale
 * index first) picks the new file up.
 */
async function main(): Promise<number> {
  loadEnv();
  const args = commandLine({
    allowPositionals: true,
    options: {
      corpus: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  }, USAGE);
  if (typeof args === "number") return args;
  const { values, positionals } = args;
  if (positionals.length !== 1 || !positionals[0]!.trim()) {
    warnLine(positionals.length > 1 ? `Give one link at a time.\n${USAGE}` : USAGE);
    return 2;
  }
  const link = positionals[0]!;
  let opts;
  try {
    opts = ingestConfig();
  } catch (err) {
    if (!(err instanceof IngestConfigError)) throw err;
    warnLine(`dossier: ${err.message}`);
    return 2;
  }
  const { corpusDir } = engineConfig({ corpusDir: values.corpus });
  try {
    const a = await Engine.addArticleFromUrl(corpusDir, link, opts);
    const about = [a.outlet, a.published].filter(Boolean).join(", ");
    const title = a.title ? `“${oneLine(a.title)}”` : "(no title)";
    process.stdout.write(
      `${a.updated ? "Updated" : "Added"} ${a.file} in ${corpusDir}: ${title}${about ? ` (${oneLine(about)})` : ""}, ${a.paragraphs} paragraphs. ` +
        `Run npm run index to answer from it.\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
    warnLine(`dossier: not added (${err.code}): ${err.message}`);
    return 1;
  }
}

/** Page titles are other people's text: one line, no control characters, in the terminal. */
function oneLine(s: string): string {
  return sanitizeForTerminal(s).replace(/\s+/g, " ").trim();
}

runMain(main);
