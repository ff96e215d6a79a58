import type { Embedder } from "./embedder.js";
import { LaneLostError, type Lane } from "./lanes.js";

export interface ParallelOptions {
  /**
   * Opens a second lane (a worker thread with its own copy of the model). The first lane starts
   * at once; the second joins when its model has loaded, so a short job never waits for it.
   */
  secondLane?: () => Promise<Lane>;
  /** One line when the second lane cannot be opened or is lost (its batches go to the first). */
  log?: (line: string) => void;
}

/**
 * Embeds batches of texts in the embedder's own thread and, when a second lane opens, in its
 * worker at the same time: each lane takes the next batch as soon as it is free. `onBatch` gets
 * each batch's vectors as it finishes, not in order. A lost second lane hands its batch back; a
 * model error stops both lanes and is thrown. Returns how many batches the second lane embedded.
 */
export async function embedBatches(
  embedder: Pick<Embedder, "embed">,
  batches: string[][],
  onBatch: (index: number, vectors: Float32Array[]) => void,
  opts: ParallelOptions = {},
): Promise<{ secondLaneBatches: number }> {
  const queue = batches.map((_, i) => i);
  let failed = false;
  let secondLaneBatches = 0;
  const run = async (embed: (texts: string[]) => Promise<Float32Array[]>, second: boolean) => {
    for (let i = queue.shift(); i !== undefined && !failed; i = queue.shift()) {
      let vectors: Float32Array[];
      try {
        vectors = await embed(batches[i]!);
      } catch (err) {
        if (second && err instanceof LaneLostError) {
          queue.unshift(i);
          opts.log?.(`dossier: ${err.message}; embedding goes on in one lane.`);
          return;
        }
        failed = true;
        throw err;
      }
      if (second) secondLaneBatches++;
      onBatch(i, vectors);
      // The model in this thread resolves without ever returning to the event loop, so the
      // worker's messages (its model loaded, a batch done) would wait until this lane ran dry.
      if (!second && opts.secondLane) await new Promise((r) => setImmediate(r));
    }
  };
  const first = run((t) => embedder.embed(t), false);
  // One batch is not worth loading a second copy of the model for.
  const second = opts.secondLane && batches.length > 1
    ? opts.secondLane().then(
        async (lane) => {
          try {
            await run((t) => lane.embed(t), true);
          } finally {
            await lane.close();
          }
        },
        (err: unknown) => opts.log?.(`dossier: no second model lane for indexing (${err instanceof Error ? err.message : String(err)}); one lane.`),
      )
    : Promise.resolve();
  const settled = await Promise.allSettled([first, second]);
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (rejected) throw rejected.reason;
  // The second lane was lost after the first had run out of batches: what it handed back.
  await run((t) => embedder.embed(t), false);
  return { secondLaneBatches };
}
