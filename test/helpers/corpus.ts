import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArticle } from "../../src/corpus/load.js";
import { splitParagraphs } from "../../src/corpus/paragraphs.js";
import type { Article } from "../../src/corpus/types.js";
import { analyzeArticle, type Unit } from "../../src/attribution/analyze.js";

export const CORPUS_DIR = path.resolve(import.meta.dirname, "../../corpus");

export function tempDir(prefix = "dossier-test-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A temporary copy of the project's corpus, plus any extra files given. */
export function corpusCopy(extra: Record<string, string | Buffer> = {}): string {
  const dir = tempDir("dossier-corpus-");
  cpSync(CORPUS_DIR, dir, { recursive: true });
  for (const [name, content] of Object.entries(extra)) writeFileSync(path.join(dir, name), content);
  return dir;
}

export function article(file: string, content: string): Article {
  const a = parseArticle(file, content);
  if ("reason" in a) throw new Error(a.reason);
  return a;
}

export function unitsOf(file: string, content: string): Unit[] {
  const a = article(file, content);
  return analyzeArticle(a, splitParagraphs(a)).flatMap((p) => p.units);
}
