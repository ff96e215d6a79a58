import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { ShardingManager, type Shard } from "discord.js";
import type { BotConfig } from "../config.js";
import type { Logger } from "../logger.js";
import { BotStore } from "../store/store.js";
import { isToManager, shardEnv } from "./ipc.js";
import { shardRange, type ShardSet } from "./plan.js";

/** A process that dies more often than this is not restarted again: something is wrong with it. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** How long the processes get to finish their replies and disconnect on SIGTERM. */
const STOP_GRACE_MS = 20_000;

export interface ManagerPlan {
  groups: ShardSet[];
  /** Wait after a process is ready before starting the next (Discord's identify limit). */
  spacingMs: number;
}

/**
 * Several bot processes through discord.js's ShardingManager: each process (a manager "shard")
 * runs a group of gateway shards with internal sharding and loads its own engine. This process
 * loads no model and connects to no gateway: it starts the processes one after another (the next
 * once the previous is ready, so only the first builds a missing index and IDENTIFYs keep to
 * Discord's limit), restarts one that dies, passes "the index was rebuilt" from one process to the
 * others, and on SIGINT/SIGTERM stops them all gracefully before exiting.
 */
export async function runManager(config: BotConfig, logger: Logger, entry: string, plan: ManagerPlan): Promise<void> {
  // One process checks and migrates the shared store before several open it.
  if (config.dbPath !== ":memory:") BotStore.open(config.dbPath, { conversationTtlMs: config.conversationTtlMs, warn: (line) => logger.warn(line) }).close();

  const manager = new ShardingManager(entry, {
    totalShards: plan.groups.length,
    mode: "process",
    // Off while starting: a process that dies before it is ready is a failed start, not a crash to retry.
    respawn: false,
    execArgv: process.execArgv,
    token: config.token,
  });
  const groupOf = (shard: Shard) => plan.groups[shard.id]!;
  const label = (shard: Shard) => `shards ${shardRange(groupOf(shard).ids)}`;
  const deaths = new Map<number, number[]>();
  let stopping = false;

  const stopAll = async (why: string, code: number): Promise<never> => {
    stopping = true;
    manager.respawn = false;
    logger.info({ signal: why }, "stopping every bot process");
    const children = [...manager.shards.values()].map((s) => s.process).filter((p): p is ChildProcess => !!p && p.exitCode === null && p.signalCode === null);
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
            child.once("exit", () => (clearTimeout(timer), resolve()));
            child.kill("SIGTERM");
          }),
      ),
    );
    logger.info("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll("SIGINT", 0));
  process.on("SIGTERM", () => void stopAll("SIGTERM", 0));

  const started = Date.now();
  for (const [i, group] of plan.groups.entries()) {
    const shard = manager.createShard(i);
    Object.assign(shard.env as NodeJS.ProcessEnv, shardEnv(group));
    const ready = new Promise<void>((resolve, reject) => {
      shard.on("message", (m: unknown) => {
        if (!isToManager(m)) return;
        if (m.dossier === "ready") {
          logger.info({ process: i, pid: m.pid, shards: m.shards }, `bot process for ${label(shard)} ready`);
          resolve();
        } else {
          // Every other process loads the index this one rebuilt.
          for (const other of manager.shards.values()) if (other !== shard && other.process) other.send({ dossier: "reload" }).catch(() => {});
        }
      });
      shard.on("death", (died) => {
        const child = died as ChildProcess;
        if (stopping) return;
        if (!manager.respawn) {
          reject(new Error(`the bot process for ${label(shard)} exited (code ${child.exitCode ?? child.signalCode}) before it was ready`));
          return;
        }
        const recent = [...(deaths.get(i) ?? []), Date.now()].filter((t) => Date.now() - t < RESTART_WINDOW_MS);
        deaths.set(i, recent);
        if (recent.length > MAX_RESTARTS) {
          logger.fatal({ process: i }, `the bot process for ${label(shard)} died ${recent.length} times within a minute; stopping`);
          manager.respawn = false;
          void stopAll("restart loop", 1);
          return;
        }
        logger.warn({ process: i, code: child.exitCode, signal: child.signalCode }, `the bot process for ${label(shard)} exited; restarting it`);
      });
    });
    await shard.spawn(-1);
    try {
      await ready;
    } catch (err) {
      logger.fatal({ err }, "could not start");
      process.stderr.write(`dossier: could not start: ${(err as Error).message}\n`);
      await stopAll("failed start", 1);
    }
    if (plan.spacingMs && i < plan.groups.length - 1) await sleep(plan.spacingMs);
  }
  manager.respawn = true;
  logger.info({ processes: plan.groups.length, shardCount: plan.groups[0]!.count, sinceStartMs: Date.now() - started }, "all shards ready");
}
