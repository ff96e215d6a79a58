import { createInterface } from "node:readline";
import { DEFAULT_TOP } from "../answer/answer.js";
import { QuestionError, validateQuestion } from "../answer/question.js";
import type { Answer } from "../answer/types.js";
import { engineConfig, loadEnv } from "../config.js";
import { Engine } from "../engine.js";
import { listArticleFiles } from "../corpus/load.js";
import { embedderFromEnv, warnLine } from "./embedder.js";
import { formatAnswer } from "./format.js";
import { terminalJson } from "./sanitize.js";
import { progressBar } from "./progress.js";
import { commandLine, runMain } from "./run.js";

const USAGE = `usage: npm run --silent ask -- [--json] [--corpus DIR] [--index DIR] [--top N] ["question"]
  With no question, reads questions from standard input, one per line.`;

async function main(): Promise<number> {
  loadEnv();
  const args = commandLine({
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      corpus: { type: "string" },
      index: { type: "string" },
      top: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  }, USAGE);
  if (typeof args === "number") return args;
  const { values, positionals } = args;
  const top = values.top === undefined ? DEFAULT_TOP : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 50) {
    warnLine(`--top takes a whole number from 1 to 50.\n${USAGE}`);
    return 2;
  }
  const fromArgs = positionals.length > 0;
  if (fromArgs) {
    try {
      validateQuestion(positionals.join(" "));
    } catch (err) {
      if (!(err instanceof QuestionError)) throw err;
      warnLine(err.kind === "empty" ? USAGE : `dossier: ${err.message}`);
      return 2;
    }
  }

  const cfg = engineConfig({ corpusDir: values.corpus, indexDir: values.index });
  const bar = progressBar("Indexing");
  await listArticleFiles(cfg.corpusDir); // a missing corpus is the first thing to say, before loading a model
  const { embedder, remember } = await embedderFromEnv(cfg);
  const engine = await Engine.open({ ...cfg, embedder, log: warnLine, onProgress: bar.update });
  bar.stop();
  await remember();
  if (engine.articles.length === 0) warnLine(`dossier: the corpus at ${cfg.corpusDir} has no readable articles.`);

  const answerOne = async (question: string): Promise<Answer> => {
    try {
      return await engine.ask(question, top);
    } catch (err) {
      if (err instanceof QuestionError) return { question: question.trim(), answered: false, reason: "invalid-question", message: err.message, items: [] };
      throw err;
    }
  };
  const print = (answer: Answer) => process.stdout.write(values.json ? `${terminalJson(answer)}\n` : `${formatAnswer(answer)}\n\n`);

  if (fromArgs) {
    print(await answerOne(positionals.join(" ")));
    return 0;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) {
    if (!line.trim()) continue;
    print(await answerOne(line));
  }
  return 0;
}

runMain(main);
