import { engineConfig } from "../../config.js";
import { embedderForIndex } from "../../embed/select.js";
import { Engine } from "../../engine.js";
import { ingestConfig } from "../../ingest/config.js";
import { startBot } from "../bot.js";
import type { BotConfig } from "../config.js";
import type { BotContext, BotEngine } from "../context.js";
import type { Logger } from "../logger.js";
import { AnswerSends } from "../answer-sends.js";
import { RateLimits, policies } from "../ratelimit.js";
import { BotStore } from "../store/store.js";
import { isToProcess, type ToManager } from "./ipc.js";
import type { ProcessShards } from "./plan.js";

const PURGE_EVERY_MS = 3_600_000;

/**
 * One bot process: the engine (model and index, loaded once and shared by every shard of the
 * process), the store, the rate limits and one discord.js Client running `shards`. Resolves once
 * every shard is ready; SIGINT/SIGTERM then finish the replies in flight, disconnect every shard
 * and exit 0.
 *
 * Started by the ShardingManager (`managed`), it also tells the manager when it is ready and when
 * it rebuilt the index, loads the index another process rebuilt, and stops when the manager is
 * gone (so no process outlives it).
 */
export async function runBotProcess(config: BotConfig, logger: Logger, shards: ProcessShards, managed: boolean): Promise<void> {
  const cfg = engineConfig();
  const ingest = ingestConfig();
  const { embedder, remember } = await embedderForIndex({ setting: cfg.embeddingModel, indexDir: cfg.indexDir, hubUrl: cfg.hubUrl, warn: (line) => logger.warn(line) });
  const engine = await Engine.open({ ...cfg, embedder, ingest, log: (line) => logger.info(line) });
  await remember();
  logger.info({ articles: engine.articles.length, model: embedder.id, index: cfg.indexDir }, "index loaded");
  const store = BotStore.open(config.dbPath, { conversationTtlMs: config.conversationTtlMs, warn: (line) => logger.warn(line) });
  // Purging is the same work whichever process does it: the one holding shard 0 does.
  if (shards === "auto" || shards.ids.includes(0)) {
    const purge = () => {
      try {
        store.purgeExpired();
      } catch (err) {
        logger.warn({ err }, "could not purge expired conversations");
      }
    };
    purge();
    setInterval(purge, PURGE_EVERY_MS).unref();
  }
  const tell = (m: ToManager) => process.send?.(m, undefined, {}, (err) => err && logger.warn({ err }, "could not reach the sharding manager"));
  const botEngine = managed ? announcingReindex(engine, () => tell({ dossier: "reindexed" })) : engine;
  const ctx: BotContext = { engine: botEngine, config, logger, limits: new RateLimits(policies(config.rateLimit)), store, sends: new AnswerSends(store) };
  const bot = await startBot(ctx, shards);
  // Once connected, in the background: the first askers then find the model and the answer code warm.
  engine.warmUp().then(
    (ms) => logger.info({ ms: Math.round(ms) }, "warmed up"),
    (err: unknown) => logger.warn({ err }, "could not warm up; the first questions will take longer"),
  );

  let stopping = false;
  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal: why }, "shutting down: finishing replies in flight");
    await bot.stop();
    store.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  if (managed) {
    process.on("message", (m) => {
      if (!isToProcess(m)) return;
      engine.reload().then(
        (changed) => changed && logger.info({ articles: engine.articles.length, builtAt: engine.builtAt }, "loaded the index another process rebuilt"),
        (err: unknown) => logger.warn({ err }, "could not load the index another process rebuilt; answering from the one in use"),
      );
    });
    process.on("disconnect", () => void shutdown("manager gone"));
    tell({ dossier: "ready", shards: [...bot.client.ws.shards.keys()], pid: process.pid });
  }
}

/** The engine, with every finished reindex announced (so the other processes load the new index). */
function announcingReindex(engine: Engine, announce: () => void): BotEngine {
  return new Proxy(engine, {
    get(target, prop) {
      if (prop === "reindex") {
        return async (...args: Parameters<Engine["reindex"]>) => {
          const summary = await target.reindex(...args);
          announce();
          return summary;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
