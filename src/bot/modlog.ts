import type { Client, Message } from "discord.js";
import type { BotContext } from "./context.js";
import { shorten } from "./format/limits.js";
import { NO_MENTIONS } from "./mentions.js";

/**
 * Posts to the moderator log channel when one is configured (MOD_LOG_CHANNEL_ID); returns the
 * message so progress can be edited into it. Never throws: the log is a courtesy.
 */
export async function postModLog(ctx: BotContext, client: Client, content: string): Promise<Message | null> {
  const id = ctx.config.modLogChannelId;
  if (!id) return null;
  try {
    // With several processes, the log channel's server may belong to a shard of another process,
    // so this client may not know it: the channel is fetched and written to over REST regardless.
    const channel = await client.channels.fetch(id, { allowUnknownGuild: true });
    if (!channel || !("send" in channel) || typeof channel.send !== "function") throw new Error(`channel ${id} cannot take messages`);
    return await channel.send({ content: shorten(content, 2000), allowedMentions: NO_MENTIONS });
  } catch (err) {
    ctx.logger.warn({ err, channel: id }, "could not post to the moderator log channel");
    return null;
  }
}

export async function editModLog(ctx: BotContext, message: Message | null, content: string): Promise<void> {
  if (!message) return;
  await message.edit({ content: shorten(content, 2000), allowedMentions: NO_MENTIONS }).catch((err: unknown) => ctx.logger.warn({ err }, "could not update the moderator log"));
}

/** "<@id> (name)": a mention that pings nobody (every message sets allowedMentions to none). */
export function who(user: { id: string; username: string }): string {
  return `<@${user.id}> (${user.username})`;
}
