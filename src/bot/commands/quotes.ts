import { MessageFlags, SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from "discord.js";
import type { BotContext } from "../context.js";
import { SPEAKER_MAX, parsePageButtonId, quotesPage } from "../format/quotes.js";
import { NO_MENTIONS } from "../mentions.js";

export const data = new SlashCommandBuilder()
  .setName("quotes")
  .setDescription("Every quote attributed to a person or organisation")
  .addStringOption((o) => o.setName("speaker").setDescription("A name, part of one, or an organisation (e.g. kremlin)").setRequired(true).setMaxLength(SPEAKER_MAX));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const speaker = interaction.options.getString("speaker", true).trim();
  const page = quotesPage(speaker, ctx.engine.quotesBy(speaker), 0, interaction.user.id);
  await interaction.reply({ ...page, allowedMentions: NO_MENTIONS });
}

export const buttonPrefix = "quotes:";

/** Previous/Next: only the person who asked turns the pages. */
export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const parsed = parsePageButtonId(interaction.customId);
  if (!parsed) return;
  if (parsed.userId !== interaction.user.id) {
    await interaction.reply({ content: "Only the person who asked can turn these pages. Run `/quotes` yourself to browse.", flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const page = quotesPage(parsed.speaker, ctx.engine.quotesBy(parsed.speaker), parsed.page, parsed.userId);
  await interaction.update({ ...page, allowedMentions: NO_MENTIONS });
}
