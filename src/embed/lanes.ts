import { Worker } from "node:worker_threads";

/**
 * How a worker thread loads its own copy of an embedder's model: something that can be posted to
 * a worker (no functions). Only models that run on one thread of the process declare one.
 */
export type WorkerModel = { kind: "use-lite" };

/** A model lane: somewhere a batch of texts can be embedded. */
export interface Lane {
  embed(texts: string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** The worker of a lane stopped (crashed, exited or was closed) before answering: the batch was not embedded. */
export class LaneLostError extends Error {}

/** The worker's messages; see lane-worker.ts. */
export type FromWorker =
  | { type: "ready" }
  | { type: "failed"; message: string }
  | { type: "done"; id: number; dim: number; data: Float32Array }
  | { type: "error"; id: number; message: string };
export type ToWorker = { id: number; texts: string[] };

/** The bootstrap is plain JavaScript: it loads the TypeScript worker through tsx, under tsx and under vitest alike. */
export const LANE_WORKER_URL = new URL("./lane-worker.mjs", import.meta.url);
const YOUNG_GENERATION_MB = 8;

/**
 * A worker thread holding its own copy of the model. It keeps the process alive only while a
 * batch is in it, so an idle lane never holds up a CLI's exit.
 */
export class WorkerLane implements Lane {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: unknown) => void }>();
  private lost: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (m: FromWorker) => {
      // After close(), even an answer already on its way counts as lost: the caller has moved on.
      if ((m.type !== "done" && m.type !== "error") || this.lost) return;
      const job = this.pending.get(m.id);
      if (!job) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.type === "error") job.reject(new Error(m.message));
      // Each vector gets its own buffer, as the in-process model's do.
      else job.resolve(Array.from({ length: m.data.length / m.dim }, (_, i) => m.data.slice(i * m.dim, (i + 1) * m.dim)));
    });
    const lose = (why: string) => {
      this.lost ??= new LaneLostError(why);
      for (const job of this.pending.values()) job.reject(this.lost);
      this.pending.clear();
    };
    worker.on("error", (err) => lose(`the model worker failed: ${err.message}`));
    worker.on("exit", (code) => lose(`the model worker exited (code ${code})`));
  }

  /** Starts a worker with its own copy of `model`; resolves once the model is loaded there. */
  static start(model: WorkerModel, url: URL = LANE_WORKER_URL): Promise<WorkerLane> {
    return new Promise<WorkerLane>((resolve, reject) => {
      let worker: Worker;
      try {
        // No flags from the parent (tsx's loader among them): the bootstrap loads what it needs. A
        // young generation of 8 MB instead of V8's default keeps the garbage of tokenizing and of
        // TF.js's output arrays from growing the worker's heap: about 60 MB less resident memory
        // under load, for a few per cent more time in the worker (measured over 200 batches).
        worker = new Worker(url, { workerData: model, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      } catch (err) {
        reject(err);
        return;
      }
      worker.unref();
      const fail = (err: Error) => {
        cleanup();
        void worker.terminate();
        reject(err);
      };
      const onMessage = (m: FromWorker) => {
        if (m.type === "ready") {
          cleanup();
          resolve(new WorkerLane(worker));
        } else if (m.type === "failed") fail(new Error(m.message));
      };
      const onError = (err: Error) => fail(err);
      const onExit = (code: number) => fail(new Error(`the model worker exited (code ${code}) while loading`));
      const cleanup = () => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
    });
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    if (this.lost) return Promise.reject(this.lost);
    return new Promise<Float32Array[]>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, texts } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    this.lost ??= new LaneLostError("the model worker was closed");
    await this.worker.terminate();
  }
}
