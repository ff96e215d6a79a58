import type { Channel } from "discord.js";
import type { Where } from "./conversation.js";

/** Where a question was asked: a thread is its own place, inside its parent channel. */
export function whereOf(guildId: string | null, channel: Channel | null, channelId: string): Where {
  if (channel?.isThread()) return { guildId, channelId: channel.parentId ?? channel.id, threadId: channel.id };
  return { guildId, channelId, threadId: null };
}
