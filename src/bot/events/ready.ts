import { Events, type Client } from "discord.js";
import type { BotContext } from "../context.js";

export const name = Events.ClientReady;
export const once = true;

export async function execute(ctx: BotContext, client: Client<true>): Promise<void> {
  // Emitted once every shard of this process is ready.
  const shards = [...client.ws.shards.keys()];
  ctx.logger.info({ user: client.user.tag, shards, shardCount: client.options.shardCount, guilds: client.guilds.cache.size, articles: ctx.engine.articles.length, sinceStartMs: Math.round(performance.now()) }, "ready");
}
