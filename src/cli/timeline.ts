import { engineConfig, loadEnv } from "../config.js";
import { listArticleFiles } from "../corpus/load.js";
import { Engine } from "../engine.js";
import type { TimelineEvent } from "../story/timeline.js";
import { parseSince } from "../story/whatsnew.js";
import { embedderFromEnv, warnLine } from "./embedder.js";
import { progressBar } from "./progress.js";
import { commandLine, runMain } from "./run.js";
import { sanitizeForTerminal, terminalJson } from "./sanitize.js";

const USAGE = `usage: npm run --silent timeline -- [--corpus DIR] [--index DIR] [--limit N] [--since DATE] [--until DATE] [--about WORDS] [--json]
  One line per event, oldest first: its date (yyyy-mm-dd), the sentence that reports it, then where.`;

/** "Outlet ¶3 (file.md)": each article that reports the event, once. */
function citation(e: TimelineEvent): string {
  return e.sources.map((s) => `${s.outlet ?? s.title ?? s.article} ¶${s.paragraph} (${s.article})`).join("; ");
}

/** One event as one line (a line break inside a sentence would break "one line per event"). */
export function timelineLine(e: TimelineEvent): string {
  const who = e.kind !== "passage" && e.speaker ? ` [${e.speaker}]` : "";
  return sanitizeForTerminal(`${e.date}  ${e.text.replace(/\s+/g, " ")}${who} — ${citation(e)}`);
}

async function main(): Promise<number> {
  loadEnv();
  const args = commandLine({
    allowPositionals: false,
    options: {
      corpus: { type: "string" },
      index: { type: "string" },
      limit: { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
      about: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  }, USAGE);
  if (typeof args === "number") return args;
  const { values } = args;
  const limit = values.limit === undefined ? null : Number(values.limit);
  if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > 10_000)) {
    warnLine(`--limit takes a whole number from 1 to 10000.\n${USAGE}`);
    return 2;
  }
  const dates: Record<"since" | "until", string | null> = { since: null, until: null };
  for (const k of ["since", "until"] as const) {
    const raw = values[k];
    if (raw === undefined) continue;
    dates[k] = parseSince(raw);
    if (!dates[k]) {
      warnLine(`--${k}: cannot read "${raw}" as a date (try 2025-12-01, "december" or "last week").\n${USAGE}`);
      return 2;
    }
  }

  const cfg = engineConfig({ corpusDir: values.corpus, indexDir: values.index });
  const bar = progressBar("Indexing");
  await listArticleFiles(cfg.corpusDir);
  const { embedder, remember } = await embedderFromEnv(cfg);
  const engine = await Engine.open({ ...cfg, embedder, log: warnLine, onProgress: bar.update });
  bar.stop();
  await remember();
  if (engine.articles.length === 0) warnLine(`dossier: the corpus at ${cfg.corpusDir} has no readable articles.`);

  let events = engine.timeline({ since: dates.since, until: dates.until, about: values.about ?? null });
  // The most recent N, still oldest first.
  if (limit !== null) events = events.slice(-limit);
  if (!events.length) warnLine("dossier: no dated events in the articles" + (dates.since || dates.until || values.about ? " for that filter." : "."));
  for (const e of events) process.stdout.write(values.json ? `${terminalJson(e)}\n` : `${timelineLine(e)}\n`);
  return 0;
}

runMain(main);
