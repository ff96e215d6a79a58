/**
 * The messages between the ShardingManager's process and the bot processes it starts, over the
 * IPC channel Node opens for a forked child (discord.js's ShardingManager forks each process).
 * discord.js's own messages (_ready, _eval, …) travel on the same channel; ours carry `dossier`.
 */
import type { ShardSet } from "./plan.js";

export type ToManager =
  /** Every shard of the process is ready (discord.js ClientReady). */
  | { dossier: "ready"; shards: number[]; pid: number }
  /** This process rebuilt the index (a /reindex): the others should load it. */
  | { dossier: "reindexed" };

export type ToProcess =
  /** Another process rebuilt the index: load it from disk. */
  { dossier: "reload" };

export function isToManager(m: unknown): m is ToManager {
  return typeof m === "object" && m !== null && "dossier" in m && ((m as ToManager).dossier === "ready" || (m as ToManager).dossier === "reindexed");
}

export function isToProcess(m: unknown): m is ToProcess {
  return typeof m === "object" && m !== null && (m as ToProcess).dossier === "reload";
}

/** Environment variables that tell a process started by the manager which shards it runs. */
export const SHARDS_ENV = "DOSSIER_SHARDS";
export const SHARD_COUNT_ENV = "DOSSIER_SHARD_COUNT";

export function shardEnv(set: ShardSet): Record<string, string> {
  return { [SHARDS_ENV]: JSON.stringify(set.ids), [SHARD_COUNT_ENV]: String(set.count) };
}

/** The shards the manager gave this process, or null when it was not started by the manager. */
export function shardsFromEnv(env: NodeJS.ProcessEnv): ShardSet | null {
  const ids = env[SHARDS_ENV];
  const count = Number(env[SHARD_COUNT_ENV]);
  if (!ids || !process.send) return null;
  const parsed = JSON.parse(ids) as unknown;
  if (!Array.isArray(parsed) || !parsed.length || !parsed.every((i) => Number.isInteger(i) && i >= 0 && i < count)) {
    throw new Error(`${SHARDS_ENV}=${ids} and ${SHARD_COUNT_ENV}=${env[SHARD_COUNT_ENV]} do not name shards of the bot`);
  }
  return { ids: parsed as number[], count };
}
