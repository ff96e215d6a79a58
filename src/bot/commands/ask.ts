import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import { MAX_QUESTION_CHARS } from "../../answer/question.js";
import { answerFor, checkQuestion } from "../ask-flow.js";
import type { BotContext } from "../context.js";
import { NO_MENTIONS } from "../mentions.js";

export const data = new SlashCommandBuilder()
  .setName("ask")
  .setDescription("Ask a question about the story; the answer quotes the articles")
  .addStringOption((o) => o.setName("question").setDescription("e.g. What did the Kremlin say?").setRequired(true).setMaxLength(MAX_QUESTION_CHARS));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const checked = checkQuestion(ctx, interaction.user.id, interaction.options.getString("question", true));
  if (!checked.ok) {
    await interaction.reply({ content: checked.message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.deferReply();
  const reply = await answerFor(ctx, checked.question);
  await interaction.editReply({ ...reply, allowedMentions: NO_MENTIONS });
}
