import { Events, type Message } from "discord.js";
import { answerFor, checkQuestion } from "../ask-flow.js";
import type { BotContext } from "../context.js";
import { errorId, errorText } from "../errors.js";
import { helpEmbed } from "../format/help.js";
import { NO_MENTIONS } from "../mentions.js";

export const name = Events.MessageCreate;

/** "@Dossier what did Trump say?" gets the same answer as /ask, as a reply; a bare mention gets help. */
export async function execute(ctx: BotContext, message: Message): Promise<void> {
  const me = message.client.user;
  if (message.author.bot || !me || !message.mentions.users.has(me.id)) return;
  const question = message.content.replace(new RegExp(`<@!?${me.id}>`, "g"), " ").trim();
  try {
    if (!question) {
      await message.reply({ embeds: [helpEmbed(`<@${me.id}>`)], allowedMentions: NO_MENTIONS });
      return;
    }
    const checked = checkQuestion(ctx, message.author.id, question);
    if (!checked.ok) {
      await message.reply({ content: checked.message, allowedMentions: NO_MENTIONS });
      return;
    }
    await message.reply({ ...(await answerFor(ctx, checked.question)), allowedMentions: NO_MENTIONS });
  } catch (err) {
    const id = errorId();
    ctx.logger.error({ err, errorId: id, user: message.author.id }, "mention handler failed");
    await message.reply({ content: errorText(id), allowedMentions: NO_MENTIONS }).catch(() => {});
  }
}
