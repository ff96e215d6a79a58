import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { buildIndex } from "../../src/index/build.js";
import { ROOT } from "./cli.js";
import { tempDir } from "./corpus.js";
import { realModel } from "./model.js";

/** The repository's evaluation corpus: 42 dated articles on one story. */
export const EVAL_CORPUS = path.join(ROOT, "eval", "corpus");

/**
 * A private copy of an index of eval/corpus built with the real model. Indexing the 42 articles
 * takes a minute or two, and several files need the same index: the first to ask builds it once
 * per run in the run's shared folder (test/global-setup.ts), the others wait for it, and each gets
 * its own copy, so none sees another's writes. The copy is an ordinary index: opening an engine
 * on it checks it against the corpus like any other.
 */
export async function evalIndexCopy(): Promise<string> {
  const shared = inject("sharedDir");
  const built = path.join(shared, "eval-index");
  const ready = path.join(shared, "eval-index.ready");
  const failed = path.join(shared, "eval-index.failed");
  let builder = true;
  try {
    mkdirSync(path.join(shared, "eval-index.lock"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    builder = false;
  }
  if (builder) {
    try {
      await buildIndex({ corpusDir: EVAL_CORPUS, indexDir: built, embedder: await realModel() });
      writeFileSync(ready, "");
    } catch (err) {
      writeFileSync(failed, String(err));
      throw err;
    }
  } else {
    while (!existsSync(ready)) {
      if (existsSync(failed)) throw new Error(`the shared eval/corpus index failed to build: ${readFileSync(failed, "utf8")}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const copy = path.join(tempDir(), "index");
  cpSync(built, copy, { recursive: true });
  return copy;
}
