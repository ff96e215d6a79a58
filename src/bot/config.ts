import path from "node:path";
import { z } from "zod";

export class ConfigError extends Error {}

/** "auto" (or empty) or a whole number from 1 to `max`. */
const autoOrCount = (what: string, max: number) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => (!v || v === "auto" ? ("auto" as const) : v))
    .refine((v) => v === "auto" || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max), `must be auto or a whole number of ${what} from 1 to ${max}`)
    .transform((v) => (v === "auto" ? v : Number(v)));

const BotEnv = z.object({
  DISCORD_TOKEN: z.string({ required_error: "missing" }).trim().min(1, "missing"),
  DISCORD_CLIENT_ID: z.string().trim().regex(/^\d{15,25}$/, "must be the application's numeric id").optional().or(z.literal("")),
  DISCORD_GUILD_ID: z.string().trim().regex(/^\d{15,25}$/, "must be a numeric server id").optional().or(z.literal("")),
  MODERATOR_ROLE_ID: z.string().trim().regex(/^\d{15,25}$/, "must be a numeric role id").optional().or(z.literal("")),
  RATE_LIMIT_QUESTIONS: z.coerce.number().int().min(1).max(1000).default(5),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  RATE_LIMIT_BROWSE: z.coerce.number().int().min(1).max(1000).default(20),
  CONVERSATION_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 90).default(24),
  BOT_DB: z.string().trim().default(path.join("data", "bot.sqlite")),
  MOD_LOG_CHANNEL_ID: z.string().trim().regex(/^\d{15,25}$/, "must be a numeric channel id").optional().or(z.literal("")),
  // Not SHARDS / SHARD_COUNT: discord.js's ShardingManager sets those in each process it starts.
  DISCORD_SHARDS: autoOrCount("shards", 10_000),
  DISCORD_SHARDS_PER_PROCESS: autoOrCount("shards", 10_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Only for tests and self-hosted gateways: where the Discord REST API lives. */
  DISCORD_API_URL: z.string().url().optional().or(z.literal("")),
});

export interface BotConfig {
  token: string;
  clientId: string;
  guildId: string | null;
  moderatorRoleId: string | null;
  rateLimit: { questions: number; windowMs: number; browse: number };
  /** A follow-up can continue a conversation this long after its last question. */
  conversationTtlMs: number;
  /** The bot's SQLite file (conversations, answers, feedback, corpus changes). */
  dbPath: string;
  /** Where reindex progress and corpus changes are posted for moderators; null for nowhere. */
  modLogChannelId: string | null;
  logLevel: string;
  apiUrl: string | null;
  /** Gateway shards in all; "auto": as many as Discord recommends (GET /gateway/bot), 1 for most bots. */
  shards: number | "auto";
  /**
   * Shards one process runs (discord.js internal sharding); "auto": all of them. When there are
   * more shards than this, a ShardingManager starts one process per group of shards.
   */
  shardsPerProcess: number | "auto";
}

/** The application id is the first part of a bot token, base64-encoded. */
export function clientIdFromToken(token: string): string | null {
  const first = token.split(".")[0];
  if (!first) return null;
  const decoded = Buffer.from(first, "base64").toString("utf8");
  return /^\d{15,25}$/.test(decoded) ? decoded : null;
}

/** Validates the bot's environment; every problem becomes one readable line. */
export function botConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const parsed = BotEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = String(i.path[0]);
      if (key === "DISCORD_TOKEN") return "DISCORD_TOKEN is not set: put your bot's token in .env (see .env.example and the README's Discord setup)";
      return `${key} ${i.message}`;
    });
    throw new ConfigError(problems.join("; "));
  }
  const e = parsed.data;
  const clientId = e.DISCORD_CLIENT_ID || clientIdFromToken(e.DISCORD_TOKEN);
  if (!clientId) throw new ConfigError("DISCORD_CLIENT_ID is not set and cannot be read from the token: set it to your application's id");
  return {
    token: e.DISCORD_TOKEN,
    clientId,
    guildId: e.DISCORD_GUILD_ID || null,
    moderatorRoleId: e.MODERATOR_ROLE_ID || null,
    rateLimit: { questions: e.RATE_LIMIT_QUESTIONS, windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000, browse: e.RATE_LIMIT_BROWSE },
    conversationTtlMs: e.CONVERSATION_TTL_HOURS * 3_600_000,
    dbPath: e.BOT_DB,
    modLogChannelId: e.MOD_LOG_CHANNEL_ID || null,
    logLevel: e.LOG_LEVEL,
    apiUrl: e.DISCORD_API_URL || null,
    shards: e.DISCORD_SHARDS,
    shardsPerProcess: e.DISCORD_SHARDS_PER_PROCESS,
  };
}
