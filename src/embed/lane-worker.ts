/**
 * A second model lane (lanes.ts): a worker thread with its own copy of the model. Loaded through
 * lane-worker.mjs. Posts "ready" once the model is loaded (or "failed"), then embeds each batch
 * it is sent and posts the vectors back in one transferred buffer.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Embedder } from "./embedder.js";
import type { FromWorker, ToWorker, WorkerModel } from "./lanes.js";
import { loadUseLite } from "./use-lite.js";

const port = parentPort!;
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function load(model: WorkerModel): Promise<Embedder> {
  switch (model.kind) {
    case "use-lite":
      return loadUseLite();
    default:
      throw new Error(`no model of kind "${(model as { kind: unknown }).kind}" for a worker`);
  }
}

let embedder: Embedder;
try {
  embedder = await load(workerData as WorkerModel);
} catch (err) {
  post({ type: "failed", message: (err as Error).message });
  process.exit(1);
}
port.on("message", async ({ id, texts }: ToWorker) => {
  try {
    const vectors = await embedder.embed(texts);
    const dim = embedder.dim;
    const data = new Float32Array(vectors.length * dim);
    vectors.forEach((v, i) => data.set(v, i * dim));
    post({ type: "done", id, dim, data }, [data.buffer]);
  } catch (err) {
    post({ type: "error", id, message: (err as Error).message });
  }
});
post({ type: "ready" });
