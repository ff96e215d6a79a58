import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import { ReindexInProgressError } from "../../engine.js";
import type { BotContext } from "../context.js";
import { errorId } from "../errors.js";
import { NO_MENTIONS } from "../mentions.js";
import { isModerator } from "../permissions.js";

export const data = new SlashCommandBuilder()
  .setName("reindex")
  .setDescription("Moderators: pick up added, changed or removed articles")
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

const PROGRESS_EVERY_MS = 2000;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const ephemeral = { flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
  if (!isModerator(interaction, ctx.config)) {
    await interaction.reply({ content: "Only moderators (Manage Server, or the moderator role) can reindex.", ...ephemeral });
    return;
  }
  if (ctx.engine.isReindexing) {
    await interaction.reply({ content: "A reindex is already running; its progress is in the reply to whoever started it.", ...ephemeral });
    return;
  }
  let replied = false;
  let last = Date.now();
  const progress = (done: number, total: number) => {
    const now = Date.now();
    if (!replied || now - last < PROGRESS_EVERY_MS || done === total) return;
    last = now;
    interaction.editReply({ content: `Reindexing… ${done}/${total} new paragraphs embedded.` }).catch(() => {});
  };
  // Started before the reply is awaited, so a second /reindex arriving meanwhile sees it running.
  const job = ctx.engine.reindex(progress);
  job.catch(() => {}); // handled below, once the reply is out
  await interaction.reply({ content: "Reindexing… reading the corpus. Questions are still answered from the current index.", ...ephemeral });
  replied = true;
  try {
    const s = await job;
    const skipped = s.warnings.length ? `\nSkipped: ${s.warnings.map((w) => `${w.file} (${w.reason})`).join(", ")}` : "";
    const what = s.upToDate ? "Already up to date" : "Reindexed";
    await interaction.editReply({
      content: `${what}: ${s.articles} articles, ${s.paragraphs} paragraphs, ${s.quotes} quotes (${s.embedded} embedded, ${s.reused} reused) in ${s.seconds.toFixed(1)} s. The new index is live.${skipped}`.slice(0, 2000),
    });
  } catch (err) {
    if (err instanceof ReindexInProgressError) {
      await interaction.editReply({ content: "A reindex is already running." });
      return;
    }
    const id = errorId();
    ctx.logger.error({ err, errorId: id }, "reindex failed");
    await interaction.editReply({ content: `Reindex failed (error ${id}); the previous index is still in use.` });
  }
}
