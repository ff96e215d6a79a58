import { Client, Events, GatewayIntentBits, Options, type ClientOptions } from "discord.js";
import type { BotContext } from "./context.js";
import { events } from "./events/index.js";
import { NO_MENTIONS } from "./mentions.js";
import { allShards, type ProcessShards } from "./sharding/plan.js";

export const DISALLOWED_INTENTS = 4014;
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * discord.js keeps the last 200 messages of every channel by default: with the Message Content
 * intent that is every message posted in every server (about 2.7 KB each, measured), up to GBs for
 * a shard of busy servers. Dossier never reads a message back from that cache (replies are found
 * in its own store, and every message it acts on comes with the event), so it keeps none.
 */
const CACHE = Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 });

export interface Bot {
  client: Client;
  /** False when the application was not granted the Message Content intent. */
  messageContent: boolean;
  /** Finishes the replies under way, then disconnects. */
  stop(): Promise<void>;
}

class DisallowedIntentsError extends Error {}

/** Close codes after which Discord will not take the shard back as it is: what to change, in words. */
const REFUSED: Record<number, string> = {
  4004: "Discord refused the bot token (4004 Authentication failed): check DISCORD_TOKEN",
  4010: "Discord refused the shard (4010 Invalid shard): check DISCORD_SHARDS",
  4011: "Discord requires more shards (4011 Sharding required: at most 2,500 servers per shard): set DISCORD_SHARDS=auto or a larger number",
  4012: "Discord refused the gateway version (4012 Invalid API version)",
  4013: "Discord refused the gateway intents (4013 Invalid intents)",
};

/**
 * Logs in and resolves once the client is ready, that is once every shard of this process is
 * (discord.js internal sharding: one Client, one connection per shard). Asks for the Message
 * Content intent first; when Discord refuses it (close code 4014) the bot says so once and
 * connects without it: slash commands need no intent, and Discord still shows the bot messages
 * that mention it.
 *
 * `shards`: the shards this process runs; by default those the configuration names (DISCORD_SHARDS: all
 * of a fixed count, or "auto" for as many as Discord recommends).
 */
export async function startBot(ctx: BotContext, shards: ProcessShards = configuredShards(ctx.config.shards)): Promise<Bot> {
  const inflight = new Set<Promise<unknown>>();
  let stopping = false;

  const connect = async (intents: GatewayIntentBits[]): Promise<Client> => {
    const options: ClientOptions = { intents, allowedMentions: NO_MENTIONS, makeCache: CACHE, ...(shards === "auto" ? { shards: "auto" } : { shards: shards.ids, shardCount: shards.count }) };
    if (ctx.config.apiUrl) options.rest = { api: ctx.config.apiUrl };
    const client = new Client(options);
    for (const ev of events) {
      const run = (...args: unknown[]) => {
        if (stopping && ev.name !== Events.ClientReady) return;
        const p = ev.execute(ctx, ...(args as never[])).catch((err: unknown) => ctx.logger.error({ err, event: ev.name }, "event handler failed"));
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      };
      if (ev.once) client.once(ev.name, run);
      else client.on(ev.name, run);
    }
    client.on(Events.Error, (err) => ctx.logger.error({ err }, "discord client error"));
    client.on(Events.ShardError, (err) => ctx.logger.warn({ err }, "gateway error"));
    try {
      await new Promise<void>((resolve, reject) => {
        client.once(Events.ClientReady, () => resolve());
        client.on(Events.ShardDisconnect, (event, shardId) => {
          if (event.code === DISALLOWED_INTENTS) reject(new DisallowedIntentsError());
          // Otherwise the start would wait forever for a shard that will not come back.
          else if (REFUSED[event.code]) reject(new Error(`${REFUSED[event.code]} (shard ${shardId})`));
        });
        client.login(ctx.config.token).catch(reject);
      });
    } catch (err) {
      await client.destroy();
      throw err;
    }
    return client;
  };

  let client: Client;
  let messageContent = true;
  try {
    client = await connect([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]);
  } catch (err) {
    if (!(err instanceof DisallowedIntentsError)) throw err;
    messageContent = false;
    ctx.logger.warn(
      "The Message Content intent is not enabled for this application (Developer Portal > Bot > Privileged Gateway Intents). Serving slash commands; @mentions are answered only as far as Discord shows them to the bot.",
    );
    client = await connect([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
  }

  return {
    client,
    messageContent,
    async stop() {
      stopping = true;
      const grace = new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS).unref());
      await Promise.race([Promise.allSettled([...inflight]), grace]);
      await client.destroy();
    },
  };
}

function configuredShards(setting: number | "auto"): ProcessShards {
  return setting === "auto" ? "auto" : allShards(setting);
}
