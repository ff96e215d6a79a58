import type { Engine } from "../engine.js";
import type { AnswerSends } from "./answer-sends.js";
import type { BotConfig } from "./config.js";
import type { Logger } from "./logger.js";
import type { RateLimits } from "./ratelimit.js";
import type { BotStore } from "./store/store.js";

/** What the bot asks of the engine. */
export type BotEngine = Pick<
  Engine,
  "ask" | "articles" | "builtAt" | "quotesBy" | "speakers" | "paragraph" | "suggestions" | "articleFileFor" | "displayTitle" | "reindex" | "isReindexing" | "addArticle" | "addArticleFromUrl" | "removeArticle" | "timeline" | "whatsNew"
>;

/** What every command and event handler gets: the engine and the bot's own services. No globals. */
export interface BotContext {
  engine: BotEngine;
  config: BotConfig;
  logger: Logger;
  limits: RateLimits;
  store: BotStore;
  /** Answers being posted, so a reply that outruns one still finds its conversation. */
  sends: AnswerSends;
}
