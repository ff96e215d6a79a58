import { randomBytes } from "node:crypto";
import { MessageFlags, type RepliableInteraction } from "discord.js";
import type { Logger } from "./logger.js";

export function errorId(): string {
  return randomBytes(4).toString("hex");
}

export function errorText(id: string): string {
  return `Something went wrong while answering (error ${id}). It has been logged; please try again.`;
}

/**
 * Answers a failed interaction with an ephemeral error carrying a short id, and logs the full
 * error under that id. Never throws: a failure to report must not take the bot down.
 */
export async function reportInteractionError(interaction: RepliableInteraction, err: unknown, logger: Logger): Promise<string> {
  const id = errorId();
  logger.error({ err, errorId: id, command: interaction.isChatInputCommand() ? interaction.commandName : undefined, user: interaction.user.id }, "handler failed");
  const payload = { content: errorText(id), flags: MessageFlags.Ephemeral as const, allowedMentions: { parse: [] } };
  try {
    if (interaction.deferred || interaction.replied) {
      // A deferred reply shows "thinking…" to everyone; once the error is out, take it away.
      const placeholder = interaction.deferred && !interaction.replied;
      await interaction.followUp(payload);
      if (placeholder) await interaction.deleteReply().catch(() => {});
    } else {
      await interaction.reply(payload);
    }
  } catch (replyErr) {
    logger.warn({ err: replyErr, errorId: id }, "could not tell the user about the error");
  }
  return id;
}
