import path from "node:path";
import { Writable } from "node:stream";
import { startBot, type Bot } from "../../src/bot/bot.js";
import type { BotConfig } from "../../src/bot/config.js";
import type { BotContext, BotEngine } from "../../src/bot/context.js";
import { createLogger } from "../../src/bot/logger.js";
import { AnswerSends } from "../../src/bot/answer-sends.js";
import { RateLimits, policies } from "../../src/bot/ratelimit.js";
import { BotStore } from "../../src/bot/store/store.js";
import { nextId, type FakeDiscord, type FakeUser, type RestCall } from "../../src/fake-discord/server.js";
import { tempDir } from "./corpus.js";

export interface TestBot {
  bot: Bot;
  ctx: BotContext;
  logs: string[];
  stop(): Promise<void>;
}

export function testConfig(fake: FakeDiscord, over: Partial<BotConfig> = {}): BotConfig {
  return {
    token: fake.token,
    clientId: fake.botUser.id,
    guildId: fake.guildId,
    moderatorRoleId: fake.moderatorRoleId,
    rateLimit: { questions: 5, windowMs: 30_000, browse: 20 },
    conversationTtlMs: 3_600_000,
    dbPath: path.join(tempDir(), "bot.sqlite"),
    modLogChannelId: fake.logChannelId,
    logLevel: "info",
    apiUrl: fake.apiUrl,
    shards: "auto",
    shardsPerProcess: "auto",
    ...over,
  };
}

/** The real bot (discord.js client, SQLite store) against the fake Discord, logging into `logs`. */
export async function startTestBot(fake: FakeDiscord, engine: BotEngine, over: Partial<BotConfig> = {}, logs: string[] = []): Promise<TestBot> {
  const config = testConfig(fake, over);
  const sink = new Writable({ write: (c, _e, cb) => (logs.push(String(c)), cb()) });
  const logger = createLogger("info", sink);
  const store = BotStore.open(config.dbPath, { conversationTtlMs: config.conversationTtlMs, warn: (line) => logger.warn(line) });
  const ctx: BotContext = { engine, config, logger, limits: new RateLimits(policies(config.rateLimit)), store, sends: new AnswerSends(store) };
  const bot = await startBot(ctx);
  return {
    bot,
    ctx,
    logs,
    async stop() {
      await bot.stop();
      store.close();
    },
  };
}

export const ephemeral = (c: RestCall) => ((c.body?.data?.flags ?? c.body?.flags ?? 0) & 64) === 64;
export const isCallback = (token: string) => (c: RestCall) => c.method === "POST" && c.path.includes(`/${token}/callback`);
export const isEdit = (token: string) => (c: RestCall) => c.method === "PATCH" && c.path.includes(`/${token}/messages/@original`);
export const newUser = (): FakeUser => ({ id: nextId(), username: `reader${Math.floor(Math.random() * 1e6)}` });
/** The custom ids of a message's buttons, by label. */
export function buttons(message: { components: any[] }): Record<string, string> {
  return Object.fromEntries(message.components.flatMap((r: any) => r.components).map((c: any) => [c.label.replace(/ \(\d+\)$/, ""), c.custom_id]));
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
