/**
 * How a bot's gateway shards are spread over processes. Pure: the numbers come from the settings
 * (DISCORD_SHARDS, DISCORD_SHARDS_PER_PROCESS) and from Discord's GET /gateway/bot.
 */

/** Shards one process connects: their ids and the bot's total, as IDENTIFY's `shard: [id, count]` wants them. */
export interface ShardSet {
  ids: number[];
  count: number;
}

/** "auto": discord.js asks Discord for the recommended count and runs every shard in this process. */
export type ProcessShards = ShardSet | "auto";

/** Discord allows max_concurrency IDENTIFYs per 5 s (per bucket shard_id % max_concurrency). */
export const IDENTIFY_WINDOW_MS = 5000;

/** Every shard of `count`, in one process. */
export function allShards(count: number): ShardSet {
  return { ids: Array.from({ length: count }, (_, i) => i), count };
}

/**
 * Consecutive groups of `perProcess` shards, one per process (the last may be smaller): 5 shards,
 * 2 per process -> [0, 1], [2, 3], [4].
 */
export function processGroups(count: number, perProcess: number | "auto"): ShardSet[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count must be a whole number, 1 or more (got ${count})`);
  const per = perProcess === "auto" ? count : Math.max(1, Math.floor(perProcess));
  const groups: ShardSet[] = [];
  for (let first = 0; first < count; first += per) {
    groups.push({ ids: Array.from({ length: Math.min(per, count - first) }, (_, i) => first + i), count });
  }
  return groups;
}

/**
 * How long to wait after one process is ready before starting the next. Each process paces its
 * own IDENTIFYs (discord.js queues them per bucket), but two processes don't see each other's:
 * when every shard has a bucket of its own (max_concurrency >= shards) nothing can collide and no
 * wait is needed; otherwise the next process waits one identify window past the last IDENTIFY.
 */
export function spawnSpacingMs(count: number, maxConcurrency: number): number {
  return maxConcurrency >= count ? 0 : IDENTIFY_WINDOW_MS + 500;
}

/** "0-3" or "4": a short name for a group of shards, for logs. */
export function shardRange(ids: number[]): string {
  if (!ids.length) return "none";
  const lo = Math.min(...ids);
  const hi = Math.max(...ids);
  return lo === hi ? String(lo) : hi - lo + 1 === ids.length ? `${lo}-${hi}` : ids.join(",");
}
