import { MessageFlags, SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from "discord.js";
import type { BotContext } from "../context.js";
import { articleChoices } from "../format/choices.js";
import { articleEmbed, sourcesEmbed } from "../format/sources.js";
import { NO_MENTIONS } from "../mentions.js";
import type { PolicyName } from "../ratelimit.js";

export const data = new SlashCommandBuilder()
  .setName("sources")
  .setDescription("The articles Dossier searches, and when they were indexed")
  .addStringOption((o) => o.setName("article").setDescription("One article's details").setAutocomplete(true).setMaxLength(200));

export const rateLimit: PolicyName = "browse";

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const wanted = interaction.options.getString("article");
  const titleOf = (f: string) => ctx.engine.displayTitle(f);
  if (wanted) {
    const file = ctx.engine.articleFileFor(wanted);
    const record = file ? ctx.engine.articles.find((a) => a.file === file) : undefined;
    if (!record) {
      await interaction.reply({ content: "No indexed article by that name; `/sources` lists them all.", flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    await interaction.reply({ embeds: [articleEmbed(record, titleOf(record.file))], allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.reply({ embeds: [sourcesEmbed(ctx.engine.articles, ctx.engine.builtAt, titleOf)], allowedMentions: NO_MENTIONS });
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  await interaction.respond(articleChoices(ctx.engine.articles, interaction.options.getFocused(), (f) => ctx.engine.displayTitle(f)));
}
