import { SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import type { BotContext } from "../context.js";
import { sourcesEmbed } from "../format/sources.js";
import { NO_MENTIONS } from "../mentions.js";

export const data = new SlashCommandBuilder().setName("sources").setDescription("The articles Dossier searches, and when they were indexed");

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({ embeds: [sourcesEmbed(ctx.engine.articles, ctx.engine.builtAt)], allowedMentions: NO_MENTIONS });
}
