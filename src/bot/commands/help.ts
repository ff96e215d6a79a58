import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import type { BotContext } from "../context.js";
import { helpEmbed, topSpeakers } from "../format/help.js";
import { NO_MENTIONS } from "../mentions.js";
import type { PolicyName } from "../ratelimit.js";

export const data = new SlashCommandBuilder().setName("help").setDescription("How to ask Dossier about the story");

export const rateLimit: PolicyName = "browse";

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const me = interaction.client.user ? `<@${interaction.client.user.id}>` : null;
  await interaction.reply({ embeds: [helpEmbed(me, topSpeakers(ctx))], flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}
