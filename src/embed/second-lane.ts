import { LANE_COST_MB, embedWorkers, laneFits } from "../config.js";
import type { Embedder } from "./embedder.js";
import { WorkerLane, type Lane } from "./lanes.js";

export interface SecondLaneSettings {
  /** 0 or 1 workers; unset: EMBED_WORKERS (auto: 1 on two cores or more). */
  embedWorkers?: number;
  /** The memory budget (MB) the lane must fit in when it would start; null or unset: none. */
  laneBudgetMb?: number | null;
}

/**
 * How to open a worker thread with its own copy of the model, for questions asked together
 * (batcher.ts) and for indexing (parallel.ts); undefined when the model runs in one place only
 * or EMBED_WORKERS is 0. The memory budget is checked when the lane would start, not before.
 */
export function secondLane(embedder: Embedder, opts: SecondLaneSettings): (() => Promise<Lane>) | undefined {
  const model = embedder.worker;
  if (!model || (opts.embedWorkers ?? embedWorkers()) < 1) return undefined;
  const budget = opts.laneBudgetMb ?? null;
  return () => {
    const rss = process.memoryUsage().rss / 1e6;
    if (!laneFits(rss, budget)) {
      return Promise.reject(new Error(`this process uses ${Math.round(rss)} MB and a lane adds about ${LANE_COST_MB} MB, over EMBED_WORKERS_MAX_RSS_MB=${budget}`));
    }
    return WorkerLane.start(model);
  };
}
