import { Events, type Message } from "discord.js";
import type { BotContext } from "../context.js";
import { ask } from "../conversation.js";
import { errorId, errorText } from "../errors.js";
import { helpEmbed, topSpeakers } from "../format/help.js";
import { NO_MENTIONS } from "../mentions.js";
import { renderAnswer } from "../render.js";
import { whereOf } from "../where.js";

export const name = Events.MessageCreate;

/** Reactions stand in for replies that would only be noise in a channel. */
export const MISS_REACTION = "🤷";
export const SLOW_DOWN_REACTION = "⏳";

/**
 * Messages the bot answers, with the same answer as /ask:
 * - "@Dossier question" anywhere (a bare mention gets help);
 * - a reply to one of its answers (continues that answer's conversation);
 * - any message in a thread the bot opened for a conversation.
 * Other bots are never answered, wherever they post (no bot loops).
 */
export async function execute(ctx: BotContext, message: Message): Promise<void> {
  const me = message.client.user;
  if (!me || message.author.bot || message.system) return;
  const mentioned = message.mentions.users.has(me.id);
  const repliedTo = message.reference?.messageId ? await ctx.sends.byMessage(message.reference.messageId) : null;
  const channel = message.channel;
  // The bot opens threads only for conversations, so each one it owns is one (even once the store has let it go).
  const ownThread = channel.isThread() && channel.ownerId === me.id;
  if (!mentioned && !repliedTo && !ownThread) return;

  const text = message.content.replace(new RegExp(`<@!?${me.id}>`, "g"), " ").trim();
  // In its own thread the bot is part of the conversation, so a reply there is not noise.
  const quiet = !ownThread;
  try {
    if (!text) {
      if (mentioned) await message.reply({ embeds: [helpEmbed(`<@${me.id}>`, topSpeakers(ctx))], allowedMentions: NO_MENTIONS });
      return;
    }
    const taken = ctx.limits.take("questions", message.author.id);
    if (!taken.ok) {
      await message.react(SLOW_DOWN_REACTION).catch(() => {});
      return;
    }
    if ("sendTyping" in channel) await channel.sendTyping().catch(() => {});
    const r = await ask(ctx, {
      text,
      userId: message.author.id,
      where: whereOf(message.guildId, channel, message.channelId),
      conversationId: repliedTo?.conversationId ?? null,
      private: false,
    });
    if (!r.ok) {
      await message.reply({ content: r.message, allowedMentions: NO_MENTIONS });
      return;
    }
    if (r.miss && quiet) {
      await message.react(MISS_REACTION).catch(() => {});
      return;
    }
    const reply = await renderAnswer(ctx, r);
    await ctx.sends.send(r.stored.id, () => message.reply({ ...reply, allowedMentions: NO_MENTIONS }), (sent) => sent.id);
  } catch (err) {
    const id = errorId();
    ctx.logger.error({ err, errorId: id, user: message.author.id }, "message handler failed");
    await message.reply({ content: errorText(id), allowedMentions: NO_MENTIONS }).catch(() => {});
  }
}
