import { AttachmentBuilder, InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, escapeMarkdown, time, type ChatInputCommandInteraction } from "discord.js";
import type { BotContext } from "../context.js";
import { EMBED_COLOR } from "../format/answer.js";
import { LIMITS, shorten, type EmbedData } from "../format/limits.js";
import { NO_MENTIONS } from "../mentions.js";
import { isModerator } from "../permissions.js";
import type { PolicyName } from "../ratelimit.js";
import type { FeedbackSummary } from "../store/store.js";

export const data = new SlashCommandBuilder()
  .setName("feedback")
  .setDescription("Moderators: answers people found not helpful, and totals")
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addBooleanOption((o) => o.setName("export").setDescription("Attach them as questions in the evaluation format (test/gold/questions.json)"));

export const rateLimit: PolicyName = "moderate";

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!isModerator(interaction, ctx.config)) {
    await interaction.reply({ content: "Only moderators (Manage Server, or the moderator role) can read the feedback.", flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const exporting = interaction.options.getBoolean("export") ?? false;
  const summary = ctx.store.feedbackSummary(interaction.guildId, exporting ? 200 : 10);
  const files = exporting ? [new AttachmentBuilder(Buffer.from(`${JSON.stringify(evalExport(summary), null, 2)}\n`), { name: "feedback-questions.json" })] : [];
  await interaction.reply({ embeds: [feedbackEmbed(summary)], files, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

export function feedbackEmbed(s: FeedbackSummary): EmbedData {
  const lines = s.recentNotHelpful.slice(0, 10).map((r) => {
    const asked = r.askedAs !== r.question ? ` (read as “${escapeMarkdown(shorten(r.askedAs, 120))}”)` : "";
    const shown = r.got[0] ? `\n> ${escapeMarkdown(shorten(r.got[0], 140))}` : `\n> *(no answer: ${r.reason})*`;
    return `**${escapeMarkdown(shorten(r.question, 150))}**${asked} · ${r.votes} not helpful · ${time(new Date(r.at), "R")}${shown}`;
  });
  const totals = `${s.answers} answers, ${s.rated} rated: ${s.helpful} helpful, ${s.notHelpful} not helpful.`;
  return {
    title: "Feedback",
    description: shorten([totals, "", lines.length ? "**Recent answers found not helpful:**" : "No answer has been found not helpful yet.", ...lines].join("\n"), LIMITS.description),
    color: EMBED_COLOR,
    footer: { text: "export:True attaches them as evaluation questions: fill in `expect`, then add them to test/gold/questions.json" },
  };
}

/** The not-helpful answers as evaluation questions (the format of test/gold/questions.json). */
export function evalExport(s: FeedbackSummary): { answerable: { q: string; expect: string[]; note: string }[]; outOfScope: string[] } {
  return {
    answerable: s.recentNotHelpful.map((r) => ({
      q: r.askedAs,
      expect: [],
      note: `${r.votes} not helpful; answered ${r.reason}${r.got[0] ? `, first item: ${shorten(r.got[0], 160)}` : ""}`,
    })),
    outOfScope: [],
  };
}
