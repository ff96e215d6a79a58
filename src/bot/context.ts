import type { Engine } from "../engine.js";
import type { BotConfig } from "./config.js";
import type { Logger } from "./logger.js";
import type { RateLimiter } from "./ratelimit.js";

/** What every command and event handler gets: the engine and the bot's own services. */
export interface BotContext {
  engine: Pick<Engine, "ask" | "articles" | "builtAt" | "quotesBy" | "reindex" | "isReindexing" | "addArticle" | "addArticleFromUrl" | "removeArticle">;
  config: BotConfig;
  logger: Logger;
  rateLimiter: RateLimiter;
}
