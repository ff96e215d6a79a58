import { engineConfig, loadEnv } from "../config.js";
import { embedderForIndex } from "../embed/select.js";
import { Engine } from "../engine.js";
import { ingestConfig } from "../ingest/config.js";
import { startBot } from "./bot.js";
import { ConfigError, botConfig, type BotConfig } from "./config.js";
import type { BotContext } from "./context.js";
import { createLogger } from "./logger.js";
import { RateLimits, policies } from "./ratelimit.js";
import { BotStore } from "./store/store.js";

loadEnv();
let config: BotConfig;
try {
  config = botConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`dossier: ${err.message}\n`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
// Whatever goes wrong in one handler, the bot keeps serving.
process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));
process.on("uncaughtException", (err) => logger.error({ err }, "uncaught exception"));

try {
  const cfg = engineConfig();
  const ingest = ingestConfig();
  const { embedder, remember } = await embedderForIndex({ setting: cfg.embeddingModel, indexDir: cfg.indexDir, hubUrl: cfg.hubUrl, warn: (line) => logger.warn(line) });
  const engine = await Engine.open({ ...cfg, embedder, ingest, log: (line) => logger.info(line) });
  await remember();
  logger.info({ articles: engine.articles.length, model: embedder.id, index: cfg.indexDir }, "index loaded");
  const store = BotStore.open(config.dbPath, { conversationTtlMs: config.conversationTtlMs, warn: (line) => logger.warn(line) });
  const purge = () => {
    try {
      store.purgeExpired();
    } catch (err) {
      logger.warn({ err }, "could not purge expired conversations");
    }
  };
  purge();
  setInterval(purge, 3_600_000).unref();
  const ctx: BotContext = { engine, config, logger, limits: new RateLimits(policies(config.rateLimit)), store };
  const bot = await startBot(ctx);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing replies in flight");
    await bot.stop();
    store.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
} catch (err) {
  logger.fatal({ err }, "could not start");
  process.stderr.write(`dossier: could not start: ${(err as Error).message}\n`);
  process.exit(1);
}
