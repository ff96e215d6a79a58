import type { WorkerModel } from "./lanes.js";

/** One interface over the embedding backends; vectors come back L2-normalised. */
export interface Embedder {
  /** Recorded in the index; an index built by another id is rebuilt, never mixed. */
  readonly id: string;
  readonly dim: number;
  /** The model's input window, in its own tokens; longer paragraphs are split on sentences. */
  readonly maxTokens: number;
  countTokens(text: string): number;
  embed(texts: string[]): Promise<Float32Array[]>;
  /**
   * How a worker thread loads the same model, for a second lane of question embedding
   * (batcher.ts); absent for a model that already uses several cores by itself.
   */
  readonly worker?: WorkerModel;
}

export function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Cosine of two normalised vectors, 0 when one is missing (a unit without a stored vector). */
export function cosineOrZero(a: Float32Array | null, b: Float32Array | null): number {
  return a && b && a.length === b.length ? dot(a, b) : 0;
}
