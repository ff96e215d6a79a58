import { Retrieval } from "../retrieval/index.js";
import { IndexError, pruneGenerations, readManifest, verifyFiles } from "./store.js";

/**
 * Opens the current generation for answering: the manifest's model must be the one in use, every
 * data file must match its recorded size and checksum, and the manifest's figures must match the
 * files (checked by Retrieval.open). Leftovers of killed builds are removed on the way.
 */
export async function loadIndex(indexDir: string, modelId: string): Promise<Retrieval> {
  const { dir, manifest } = await readManifest(indexDir);
  if (manifest.model.id !== modelId) {
    throw new IndexError(`The index at ${indexDir} was built with model ${manifest.model.id}, but the current model is ${modelId}.`, "model");
  }
  await verifyFiles(dir, manifest);
  await pruneGenerations(indexDir);
  return Retrieval.open(dir, manifest);
}
