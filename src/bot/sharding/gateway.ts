import { REST, Routes, type RESTGetAPIGatewayBotResult } from "discord.js";

export interface GatewayInfo {
  /** The shard count Discord recommends for the bot's current number of servers. */
  shards: number;
  /** IDENTIFYs allowed per 5 s (1 for most bots; 16 or more for very large ones). */
  maxConcurrency: number;
  /** Session starts left today (Discord resets the token past 0). */
  remaining: number;
}

/** GET /gateway/bot: what the multi-process start needs to know before any process connects. */
export async function gatewayInfo(token: string, apiUrl: string | null): Promise<GatewayInfo> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  try {
    const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return { shards: info.shards, maxConcurrency: info.session_start_limit.max_concurrency, remaining: info.session_start_limit.remaining };
  } catch (err) {
    if ((err as { status?: number }).status === 401) throw new Error("Discord refused the bot token (401): check DISCORD_TOKEN");
    throw err;
  }
}
