import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Embedder } from "../../src/embed/embedder.js";
import { Engine } from "../../src/engine.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { tempDir } from "./corpus.js";

let shared: Promise<Embedder> | null = null;

/** The real npm-shipped model, loaded once per test file. */
export function realModel(): Promise<Embedder> {
  shared ??= loadUseLite();
  return shared;
}

/**
 * An engine with the real model over a corpus of the given articles (file name -> text), written
 * to a fresh temporary folder (`corpusDir`), its index beside it in `indexDir`.
 */
export async function engineOver(articles: Record<string, string>): Promise<{ engine: Engine; corpusDir: string; indexDir: string }> {
  const dir = tempDir();
  const corpusDir = path.join(dir, "corpus");
  mkdirSync(corpusDir);
  for (const [file, text] of Object.entries(articles)) writeFileSync(path.join(corpusDir, file), text);
  const indexDir = path.join(dir, "index");
  const engine = await Engine.open({ corpusDir, indexDir, embedder: await realModel() });
  return { engine, corpusDir, indexDir };
}
