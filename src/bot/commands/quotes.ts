import { SlashCommandBuilder, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction } from "discord.js";
import type { BotContext } from "../context.js";
import { SPEAKER_MAX, parsePageButtonId, quotesPage } from "../format/quotes.js";
import { NO_MENTIONS } from "../mentions.js";
import type { PolicyName } from "../ratelimit.js";
import { speakerChoices } from "../format/choices.js";

export const data = new SlashCommandBuilder()
  .setName("quotes")
  .setDescription("Every quote and reported statement attributed to a person or organisation")
  .addStringOption((o) =>
    o.setName("speaker").setDescription("A name, part of one, or an organisation (e.g. kremlin)").setRequired(true).setMaxLength(SPEAKER_MAX).setAutocomplete(true),
  );

export const rateLimit: PolicyName = "browse";

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const speaker = interaction.options.getString("speaker", true).trim();
  const page = quotesPage(speaker, ctx.engine.quotesBy(speaker), 0, interaction.user.id, ctx.engine.speakers());
  await interaction.reply({ ...page, allowedMentions: NO_MENTIONS });
}

/** Speakers as typed so far: merged spellings, most quoted first. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  await interaction.respond(speakerChoices(ctx.engine.speakers(), interaction.options.getFocused()));
}

/** Previous/Next: only the person who asked turns the pages. */
export const pages = {
  name: "quotes pages",
  rateLimit: "browse" as PolicyName,
  parse: parsePageButtonId,
  allowed(interaction: ButtonInteraction, data: { userId: string }): string | null {
    return data.userId === interaction.user.id ? null : "Only the person who asked can turn these pages. Run `/quotes` yourself to browse.";
  },
  async run(interaction: ButtonInteraction, data: { page: number; userId: string; speaker: string }, ctx: BotContext): Promise<void> {
    const page = quotesPage(data.speaker, ctx.engine.quotesBy(data.speaker), data.page, data.userId, ctx.engine.speakers());
    await interaction.update({ ...page, allowedMentions: NO_MENTIONS });
  },
};
