import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from "discord.js";
import { ReindexInProgressError } from "../engine.js";
import type { BotContext } from "./context.js";
import { errorId } from "./errors.js";
import { NO_MENTIONS } from "./mentions.js";
import { editModLog, postModLog, who } from "./modlog.js";

const PROGRESS_EVERY_MS = 2000;

/**
 * Runs the incremental reindex for /reindex and the "Reindex now" button: progress in the
 * moderator's ephemeral reply and, when configured, in the moderator log channel.
 */
export async function runReindex(ctx: BotContext, interaction: ChatInputCommandInteraction | ButtonInteraction): Promise<void> {
  const ephemeral = { flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
  if (ctx.engine.isReindexing) {
    await interaction.reply({ content: "A reindex is already running; its progress is in the moderator log channel and the reply to whoever started it.", ...ephemeral });
    return;
  }
  let replied = false;
  let last = Date.now();
  let logMessage: Awaited<ReturnType<typeof postModLog>> = null;
  const progress = (done: number, total: number) => {
    const now = Date.now();
    if (!replied || now - last < PROGRESS_EVERY_MS || done === total) return;
    last = now;
    const line = `Reindexing… ${done}/${total} new paragraphs embedded.`;
    interaction.editReply({ content: line }).catch(() => {});
    void editModLog(ctx, logMessage, `Reindex started by ${who(interaction.user)}: ${done}/${total} new paragraphs embedded…`);
  };
  // Started before the reply is awaited, so a second /reindex arriving meanwhile sees it running.
  const job = ctx.engine.reindex(progress);
  job.catch(() => {}); // handled below, once the reply is out
  await interaction.reply({ content: "Reindexing… reading the corpus. Questions are still answered from the current index.", ...ephemeral });
  replied = true;
  logMessage = await postModLog(ctx, interaction.client, `Reindex started by ${who(interaction.user)}…`);
  try {
    const s = await job;
    const skipped = s.warnings.length ? `\nSkipped: ${s.warnings.map((w) => `${w.file} (${w.reason})`).join(", ")}` : "";
    const what = s.upToDate ? "Already up to date" : "Reindexed";
    const line = `${what}: ${s.articles} articles, ${s.paragraphs} paragraphs, ${s.quotes} quotes (${s.embedded} embedded, ${s.reused} reused) in ${s.seconds.toFixed(1)} s. The new index is live.${skipped}`;
    await interaction.editReply({ content: line.slice(0, 2000) });
    await editModLog(ctx, logMessage, `Reindex started by ${who(interaction.user)}. ${line}`);
  } catch (err) {
    if (err instanceof ReindexInProgressError) {
      await interaction.editReply({ content: "A reindex is already running." });
      return;
    }
    const id = errorId();
    ctx.logger.error({ err, errorId: id }, "reindex failed");
    await interaction.editReply({ content: `Reindex failed (error ${id}); the previous index is still in use.` });
    await editModLog(ctx, logMessage, `Reindex started by ${who(interaction.user)} failed (error ${id}); the previous index is still in use.`);
  }
}
