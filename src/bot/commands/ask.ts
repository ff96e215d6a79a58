import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import { MAX_QUESTION_CHARS } from "../../answer/question.js";
import type { BotContext } from "../context.js";
import { ask } from "../conversation.js";
import { NO_MENTIONS } from "../mentions.js";
import type { PolicyName } from "../ratelimit.js";
import { renderAnswer } from "../render.js";
import { whereOf } from "../where.js";

export const data = new SlashCommandBuilder()
  .setName("ask")
  .setDescription("Ask a question about the story; the answer quotes the articles")
  .addStringOption((o) => o.setName("question").setDescription("e.g. Who met whom, and when? What did they say?").setRequired(true).setMaxLength(MAX_QUESTION_CHARS))
  .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer"));

export const rateLimit: PolicyName = "questions";

/**
 * Answers given within this time are sent as the reply itself, so a miss can be private (an
 * ephemeral reply); slower ones are deferred first, as Discord wants an acknowledgement within 3 s.
 */
export const ANSWER_BEFORE_DEFER_MS = 1500;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const priv = interaction.options.getBoolean("private") ?? false;
  const where = whereOf(interaction.guildId, interaction.channel, interaction.channelId);
  const work = ask(ctx, { text: interaction.options.getString("question", true), userId: interaction.user.id, where, private: priv });
  const quick = await Promise.race([work, new Promise<null>((r) => setTimeout(() => r(null), ANSWER_BEFORE_DEFER_MS).unref())]);
  if (quick) {
    if (!quick.ok) {
      await interaction.reply({ content: quick.message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    // Misses are private by default: they would only add noise to the channel.
    const ephemeral = priv || quick.miss;
    const reply = await renderAnswer(ctx, quick);
    await ctx.sends.send(
      quick.stored.id,
      () => interaction.reply({ ...reply, ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}), allowedMentions: NO_MENTIONS, withResponse: true }),
      (res) => res.resource?.message?.id,
    );
    return;
  }
  await interaction.deferReply(priv ? { flags: MessageFlags.Ephemeral } : {});
  const r = await work;
  if (!r.ok) {
    await interaction.editReply({ content: r.message, allowedMentions: NO_MENTIONS });
    return;
  }
  const reply = await renderAnswer(ctx, r);
  await ctx.sends.send(r.stored.id, () => interaction.editReply({ ...reply, allowedMentions: NO_MENTIONS }), (msg) => msg.id);
}
