import type { Embedder } from "../../src/embed/embedder.js";
import { loadUseLite } from "../../src/embed/use-lite.js";

let shared: Promise<Embedder> | null = null;

/** The real npm-shipped model, loaded once per test file. */
export function realModel(): Promise<Embedder> {
  shared ??= loadUseLite();
  return shared;
}
