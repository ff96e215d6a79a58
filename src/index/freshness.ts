import { stat } from "node:fs/promises";
import path from "node:path";
import { listArticleFiles } from "../corpus/load.js";
import { loadStory, type Story } from "../story/story.js";
import type { Manifest } from "./schema.js";
import { IndexError, readManifest } from "./store.js";

/**
 * Whether the index on disk is the corpus as it is now, cheaply (file names, sizes, mtimes, the
 * model, the story file), without loading what a build needs: starting to answer from a fresh
 * index never pays for parsing, tagging or the model's window.
 */
export interface Freshness {
  fresh: boolean;
  reason: string | null;
  manifest: Manifest | null;
}

/** Cheap check (file names, sizes, mtimes, model, story file): is the index on disk the corpus as it is now? */
export async function checkFreshness(corpusDir: string, indexDir: string, modelId: string, story?: Story): Promise<Freshness> {
  // A missing corpus folder is the user's first problem, before anything about the index.
  const files = await listArticleFiles(corpusDir);
  let manifest: Manifest;
  try {
    manifest = (await readManifest(indexDir)).manifest;
  } catch (err) {
    if (err instanceof IndexError && err.kind !== "not-a-folder") return { fresh: false, reason: err.message, manifest: null };
    throw err;
  }
  if (manifest.model.id !== modelId) {
    return { fresh: false, reason: `The index was built with model ${manifest.model.id}, but the current model is ${modelId}.`, manifest };
  }
  const storyKey = (story ?? (await loadStory(corpusDir))).parsingKey;
  if (manifest.storyKey !== storyKey) return { fresh: false, reason: "The story file (dossier.yaml) changed.", manifest };
  const known = new Map([...manifest.articles, ...manifest.warnings.map((w) => ({ file: w.file, size: w.size ?? -1, mtimeMs: w.mtimeMs ?? -1 }))].map((a) => [a.file, a]));
  if (files.length !== known.size) return { fresh: false, reason: "Articles were added or removed.", manifest };
  for (const file of files) {
    const rec = known.get(file);
    if (!rec) return { fresh: false, reason: `New article ${file}.`, manifest };
    const st = await stat(path.join(corpusDir, file)).catch(() => null);
    if (rec.size < 0 && !st) continue; // skipped before as unreadable, and still so
    if (!st || st.size !== rec.size || st.mtimeMs !== rec.mtimeMs) return { fresh: false, reason: `${file} changed.`, manifest };
  }
  return { fresh: true, reason: null, manifest };
}

