import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from "discord.js";
import type { BotContext } from "../context.js";
import { REINDEX_NOW } from "../interactions/ids.js";
import { NO_MENTIONS } from "../mentions.js";
import { isModerator } from "../permissions.js";
import type { PolicyName } from "../ratelimit.js";
import { runReindex } from "../reindex-run.js";

export const data = new SlashCommandBuilder()
  .setName("reindex")
  .setDescription("Moderators: pick up added, changed or removed articles")
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export const rateLimit: PolicyName = "moderate";

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!isModerator(interaction, ctx.config)) {
    await interaction.reply({ content: "Only moderators (Manage Server, or the moderator role) can reindex.", flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  await runReindex(ctx, interaction);
}

/** The "Reindex now" button under /corpus add's confirmation: moderators only, like /reindex. */
export const reindexNow = {
  name: "reindex now",
  rateLimit: "moderate" as PolicyName,
  parse: (id: string) => (id === REINDEX_NOW ? {} : null),
  allowed: (interaction: ButtonInteraction, _data: object, ctx: BotContext) => (isModerator(interaction, ctx.config) ? null : "Only moderators (Manage Server, or the moderator role) can reindex."),
  run: (interaction: ButtonInteraction, _data: object, ctx: BotContext) => runReindex(ctx, interaction),
};
