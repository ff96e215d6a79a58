import type { Embedder } from "./embedder.js";

export interface BatcherOptions {
  /**
   * How long an idle batcher waits for more texts before calling the model, in ms. 0 (the
   * default) waits only until the current turn of the event loop ends: a lone question pays
   * nothing, and under load texts gather anyway while the model is busy with the previous call.
   */
  waitMs?: number;
  /** Most texts in one model call; beyond about 30, a bigger batch only makes its callers wait longer. */
  maxBatch?: number;
}

interface Pending {
  text: string;
  resolve: (v: Float32Array) => void;
  reject: (err: unknown) => void;
}

/**
 * Questions that arrive together share one model call. The model runs one call at a time; texts
 * that come in meanwhile wait for it to finish and then go together in the next call, so the
 * busier the engine, the larger (and cheaper per text) the batches.
 */
export class EmbedBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private running = false;
  private readonly waitMs: number;
  private readonly maxBatch: number;
  /** Model calls made and texts embedded, for benchmarks and tests. */
  readonly stats = { calls: 0, texts: 0 };

  constructor(
    private readonly embedder: Pick<Embedder, "embed">,
    opts: BatcherOptions = {},
  ) {
    this.waitMs = Math.max(0, opts.waitMs ?? 0);
    this.maxBatch = Math.max(1, opts.maxBatch ?? 32);
  }

  /** The vector of one text, embedded together with whatever else is waiting. */
  embed(text: string): Promise<Float32Array> {
    return new Promise<Float32Array>((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    // A running call takes the queue when it ends.
    if (this.running || this.scheduled) return;
    if (this.queue.length >= this.maxBatch) {
      void this.flush();
      return;
    }
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.flush();
    };
    if (this.waitMs > 0) setTimeout(go, this.waitMs);
    else setImmediate(go);
  }

  private async flush(): Promise<void> {
    if (this.running || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.running = true;
    this.stats.calls++;
    this.stats.texts += batch.length;
    try {
      const vectors = await this.embedder.embed(batch.map((p) => p.text));
      if (vectors.length !== batch.length) throw new Error(`The embedder returned ${vectors.length} vectors for ${batch.length} texts.`);
      batch.forEach((p, i) => p.resolve(vectors[i]!));
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.running = false;
      // Whatever arrived during the call has waited long enough: it goes now.
      if (this.queue.length > 0) void this.flush();
    }
  }
}
