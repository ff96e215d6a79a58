import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Embedder } from "./embedder.js";
import { normalize } from "./embedder.js";

const BATCH = 32;

export interface TransformersOptions {
  /** Hub model id (e.g. Xenova/all-MiniLM-L6-v2) or a local folder in the transformers.js layout. */
  model: string;
  /** Whether the hub may be asked; false for local folders and tests. */
  allowRemote?: boolean;
  /** The model hub (transformers.js `env.remoteHost`); default the Hugging Face hub. */
  remoteHost?: string;
  /** Where downloaded models are kept; default transformers.js's own cache folder. */
  cacheDir?: string;
}

/**
 * Where transformers.js keeps downloaded models unless told otherwise: `.cache/` in its package
 * folder (its env.js). Found without importing it, which loads onnxruntime and costs a start.
 */
export function defaultCacheDir(): string | null {
  try {
    const main = createRequire(import.meta.url).resolve("@xenova/transformers");
    return path.join(path.dirname(path.dirname(main)), ".cache");
  } catch {
    return null;
  }
}

/** A sentence-transformers model through transformers.js: mean pooling, normalised. */
export async function loadTransformers(opts: TransformersOptions): Promise<Embedder> {
  const { pipeline, env } = await import("@xenova/transformers");
  const local = existsSync(opts.model);
  env.allowLocalModels = true;
  env.allowRemoteModels = local ? false : opts.allowRemote ?? true;
  if (opts.remoteHost) env.remoteHost = opts.remoteHost.endsWith("/") ? opts.remoteHost : `${opts.remoteHost}/`;
  if (opts.cacheDir) env.cacheDir = opts.cacheDir;
  let modelId = opts.model;
  if (local) {
    const abs = path.resolve(opts.model);
    env.localModelPath = path.dirname(abs) + path.sep;
    modelId = path.basename(abs);
  }
  const extractor = await pipeline("feature-extraction", modelId, { quantized: hasQuantized(opts.model, local) });
  const tokenizer = extractor.tokenizer as unknown as {
    model_max_length?: number;
    (text: string, opts?: object): { input_ids: { dims: number[] } };
  };
  const probe = await extractor("dimension probe", { pooling: "mean", normalize: true });
  const dim = probe.dims[probe.dims.length - 1]!;
  const windowTokens = Math.min(Number(tokenizer.model_max_length) || 512, 256);
  return {
    id: local ? `transformers:${path.resolve(opts.model)}` : opts.model,
    dim,
    maxTokens: windowTokens,
    countTokens: (text) => tokenizer(text).input_ids.dims.at(-1) ?? 0,
    async embed(texts: string[]): Promise<Float32Array[]> {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        const batch = texts.slice(i, i + BATCH);
        const tensor = await extractor(batch, { pooling: "mean", normalize: true });
        const data = tensor.data as Float32Array;
        for (let r = 0; r < batch.length; r++) out.push(normalize(data.slice(r * dim, (r + 1) * dim)));
      }
      return out;
    },
  };
}

function hasQuantized(model: string, local: boolean): boolean {
  if (!local) return true;
  return existsSync(path.join(model, "onnx", "model_quantized.onnx"));
}
