import { randomBytes } from "node:crypto";
import { MessageFlags, type RepliableInteraction } from "discord.js";
import type { Logger } from "./logger.js";
import { NO_MENTIONS } from "./mentions.js";

export function errorId(): string {
  return randomBytes(4).toString("hex");
}

export function errorText(id: string): string {
  return `Something went wrong while answering (error ${id}). It has been logged; please try again.`;
}

/**
 * Answers a failed interaction with an error carrying a short id, and logs the full error under
 * that id. Never throws: a failure to report must not take the bot down.
 *
 * After a deferral the error replaces the "thinking…" message (editReply). A follow-up would not
 * do: Discord turns the first follow-up after a deferral into the deferred message itself, with
 * the deferral's visibility, so deleting the placeholder afterwards would delete the error too.
 */
export async function reportInteractionError(interaction: RepliableInteraction, err: unknown, logger: Logger): Promise<string> {
  const id = errorId();
  logger.error({ err, errorId: id, command: interaction.isChatInputCommand() ? interaction.commandName : undefined, user: interaction.user.id }, "handler failed");
  const content = errorText(id);
  try {
    if (interaction.deferred && !interaction.replied) {
      await interaction.editReply({ content, embeds: [], components: [], allowedMentions: NO_MENTIONS });
    } else if (interaction.replied) {
      await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    } else {
      await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    }
  } catch (replyErr) {
    logger.warn({ err: replyErr, errorId: id }, "could not tell the user about the error");
  }
  return id;
}
