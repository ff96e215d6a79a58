import { GuildMemberRoleManager, PermissionFlagsBits, type Interaction } from "discord.js";
import type { BotConfig } from "./config.js";

/**
 * Moderators: Manage Server, or the configured role. Checked at run time as well as through the
 * commands' default permissions, which server admins can change.
 */
export function isModerator(interaction: Interaction, config: Pick<BotConfig, "moderatorRoleId">): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roleId = config.moderatorRoleId;
  const roles = interaction.member?.roles;
  if (!roleId || !roles) return false;
  return roles instanceof GuildMemberRoleManager ? roles.cache.has(roleId) : roles.includes(roleId);
}
