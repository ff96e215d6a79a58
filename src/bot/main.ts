import { fileURLToPath } from "node:url";
import { loadEnv } from "../config.js";
import { ConfigError, botConfig, type BotConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { gatewayInfo } from "./sharding/gateway.js";
import { shardsFromEnv } from "./sharding/ipc.js";
import { allShards, processGroups, shardRange, spawnSpacingMs } from "./sharding/plan.js";

// Imported when needed: the manager process never loads the engine (model, index, NLP), which
// would cost it some 150 MB for nothing.
const runBotProcess: typeof import("./sharding/process.js").runBotProcess = async (...args) => (await import("./sharding/process.js")).runBotProcess(...args);
const runManager: typeof import("./sharding/manager.js").runManager = async (...args) => (await import("./sharding/manager.js")).runManager(...args);

loadEnv();
let config: BotConfig;
try {
  config = botConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`dossier: ${err.message}\n`);
  process.exit(1);
}
let logger = createLogger(config.logLevel);
// Whatever goes wrong in one handler, the bot keeps serving.
process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));
process.on("uncaughtException", (err) => logger.error({ err }, "uncaught exception"));

/**
 * npm start. Three ways to run, from DISCORD_SHARDS and DISCORD_SHARDS_PER_PROCESS:
 * - one process, every shard in it (the default; shards as Discord recommends, or DISCORD_SHARDS);
 * - a ShardingManager that starts one bot process per group of DISCORD_SHARDS_PER_PROCESS shards;
 * - one of those bot processes (started by the manager with its shards in the environment).
 */
try {
  const given = shardsFromEnv(process.env);
  if (given) {
    logger = logger.child({ shardGroup: shardRange(given.ids) });
    await runBotProcess(config, logger, given, true);
  } else if (config.shardsPerProcess === "auto") {
    await runBotProcess(config, logger, config.shards === "auto" ? "auto" : allShards(config.shards), false);
  } else {
    const info = await gatewayInfo(config.token, config.apiUrl);
    const count = config.shards === "auto" ? info.shards : config.shards;
    const groups = processGroups(count, config.shardsPerProcess);
    logger.info({ shardCount: count, recommended: info.shards, maxConcurrency: info.maxConcurrency, processes: groups.length, shardsPerProcess: config.shardsPerProcess }, "sharding");
    if (groups.length === 1) await runBotProcess(config, logger, groups[0]!, false);
    else await runManager(config, logger, fileURLToPath(import.meta.url), { groups, spacingMs: spawnSpacingMs(count, info.maxConcurrency) });
  }
} catch (err) {
  logger.fatal({ err }, "could not start");
  process.stderr.write(`dossier: could not start: ${(err as Error).message}\n`);
  process.exit(1);
}
