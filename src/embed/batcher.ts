import type { Embedder } from "./embedder.js";
import { LaneLostError, type Lane } from "./lanes.js";

export interface BatcherOptions {
  /**
   * How long an idle batcher waits for more texts before calling the model, in ms. 0 (the
   * default) waits only until the current turn of the event loop ends: a lone question pays
   * nothing, and under load texts gather anyway while the model is busy with the previous call.
   */
  waitMs?: number;
  /** Most texts in one model call; beyond about 30, a bigger batch only makes its callers wait longer. */
  maxBatch?: number;
  /**
   * Opens a second lane (a worker thread with its own copy of the model, lanes.ts) so that two
   * batches are embedded at once. Called once, the first time texts are asked together; a lone
   * text never waits for it and never goes to it.
   */
  secondLane?: () => Promise<Lane>;
  /** One line when the second lane cannot be opened or is lost (its texts go to the first lane). */
  log?: (line: string) => void;
}

interface Pending {
  text: string;
  resolve: (v: Float32Array) => void;
  reject: (err: unknown) => void;
}

type Second =
  | { state: "unused" }
  | { state: "opening" }
  | { state: "open"; lane: Lane; busy: boolean }
  | { state: "gone" };

/**
 * Questions that arrive together share one model call. The model runs one call at a time; texts
 * that come in meanwhile wait for it to finish and then go together in the next call, so the
 * busier the engine, the larger (and cheaper per text) the batches.
 *
 * With a second lane, two calls can run at once: the embedder given here (the first lane, in
 * this thread) and the second lane's worker. Texts asked together are shared between the lanes
 * that are free; a text asked alone goes to the first, as without lanes. Each caller gets its own
 * vector whichever lane computed it; a model error fails only the callers of its call; a lane
 * that is lost (its worker crashed or exited) hands its texts back to the first lane.
 */
export class EmbedBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private running = false;
  private second: Second = { state: "unused" };
  private readonly waitMs: number;
  private readonly maxBatch: number;
  /** Model calls made (in both lanes), texts embedded and the calls made by the second lane, for benchmarks and tests. */
  readonly stats = { calls: 0, texts: 0, secondLaneCalls: 0 };

  constructor(
    private readonly embedder: Pick<Embedder, "embed">,
    private readonly opts: BatcherOptions = {},
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

  /** Closes the second lane, if one was opened; texts still go to the first lane. */
  async close(): Promise<void> {
    const second = this.second;
    this.second = { state: "gone" };
    if (second.state === "open") await second.lane.close();
  }

  private schedule(): void {
    // A running call takes the queue when it ends.
    if (this.scheduled || !this.laneFree()) return;
    if (this.queue.length >= this.maxBatch) {
      this.flush();
      return;
    }
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      this.flush();
    };
    if (this.waitMs > 0) setTimeout(go, this.waitMs);
    else setImmediate(go);
  }

  private laneFree(): boolean {
    return !this.running || (this.second.state === "open" && !this.second.busy);
  }

  /**
   * Hands the waiting texts to the free lanes. Texts asked together are split between the two
   * lanes when both are free (each half in a smaller but still shared call), and all go to the
   * lane that is free otherwise. The second lane's share is handed over first: its call only posts
   * a message, while the first lane's call holds this thread until its vectors are computed.
   */
  private flush(): void {
    while (this.queue.length > 0) {
      const together = this.queue.length > 1 || this.running || (this.second.state === "open" && this.second.busy);
      if (together && this.second.state === "unused" && this.opts.secondLane) this.openSecondLane(this.opts.secondLane);
      const second = this.second;
      if (together && second.state === "open" && !second.busy) {
        const share = this.running ? this.queue.length : Math.ceil(this.queue.length / 2);
        void this.runSecond(second, this.queue.splice(0, Math.min(share, this.maxBatch)));
      } else if (!this.running) {
        void this.runFirst(this.queue.splice(0, this.maxBatch));
      } else {
        return;
      }
    }
  }

  private async runFirst(batch: Pending[]): Promise<void> {
    this.running = true;
    try {
      await this.call(this.embedder, batch);
    } finally {
      this.running = false;
      // Whatever arrived during the call has waited long enough: it goes at the end of this turn of
      // the event loop, once a second lane that finished meanwhile has said so.
      this.schedule();
    }
  }

  private async runSecond(second: Extract<Second, { state: "open" }>, batch: Pending[]): Promise<void> {
    second.busy = true;
    this.stats.secondLaneCalls++;
    try {
      await this.call(second.lane, batch);
    } catch (err) {
      // The worker is gone, not the model failing on these texts: they go to the first lane.
      this.stats.secondLaneCalls--;
      this.queue.unshift(...batch);
      if (this.second === second) {
        this.second = { state: "gone" };
        this.opts.log?.(`dossier: the second model lane stopped (${(err as Error).message}); questions are embedded on the main thread only.`);
      }
    } finally {
      second.busy = false;
      this.schedule();
    }
  }

  /** One model call for a batch; a failure of the model rejects that batch only. A lost lane is thrown to the caller. */
  private async call(lane: Pick<Embedder, "embed">, batch: Pending[]): Promise<void> {
    this.stats.calls++;
    this.stats.texts += batch.length;
    let vectors: Float32Array[];
    try {
      vectors = await lane.embed(batch.map((p) => p.text));
      if (vectors.length !== batch.length) throw new Error(`The embedder returned ${vectors.length} vectors for ${batch.length} texts.`);
    } catch (err) {
      if (err instanceof LaneLostError) {
        this.stats.calls--;
        this.stats.texts -= batch.length;
        throw err;
      }
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => p.resolve(vectors[i]!));
  }

  private openSecondLane(open: () => Promise<Lane>): void {
    this.second = { state: "opening" };
    open().then(
      (lane) => {
        if (this.second.state !== "opening") {
          void lane.close(); // closed while opening
          return;
        }
        this.second = { state: "open", lane, busy: false };
        this.flush();
      },
      (err: unknown) => {
        if (this.second.state === "opening") this.second = { state: "gone" };
        this.opts.log?.(`dossier: the second model lane could not be started (${(err as Error).message}); questions are embedded on the main thread only.`);
      },
    );
  }
}
