import { MessageFlags, SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from "discord.js";
import { parseSince } from "../../story/whatsnew.js";
import type { BotContext } from "../context.js";
import { ABOUT_MAX, parseTimelineButtonId, timelinePage, type TimelineQuery } from "../format/timeline.js";
import { NO_MENTIONS } from "../mentions.js";
import type { PolicyName } from "../ratelimit.js";

export const data = new SlashCommandBuilder()
  .setName("timeline")
  .setDescription("The story's dated events, oldest first, each with the sentence that reports it")
  .addStringOption((o) => o.setName("since").setDescription("Only events from this date on: 2025-12-01, december, last week").setMaxLength(40))
  .addStringOption((o) => o.setName("until").setDescription("Only events up to this date").setMaxLength(40))
  .addStringOption((o) => o.setName("about").setDescription("Only events whose sentence has these words (e.g. alaska)").setMaxLength(ABOUT_MAX));

export const rateLimit: PolicyName = "browse";

const ephemeral = { flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const q: TimelineQuery = { since: null, until: null, about: interaction.options.getString("about")?.trim() || null };
  for (const k of ["since", "until"] as const) {
    const raw = interaction.options.getString(k)?.trim();
    if (!raw) continue;
    q[k] = parseSince(raw);
    if (!q[k]) {
      await interaction.reply({ content: `I can't read “${raw.slice(0, 40)}” as a date. Try \`2025-12-01\`, \`december\` or \`last week\`.`, ...ephemeral });
      return;
    }
  }
  // The first timeline after an index is loaded is worked out then (a second or more): defer.
  await interaction.deferReply();
  await interaction.editReply({ ...timelinePage(ctx.engine.timeline(q), 0, interaction.user.id, q), allowedMentions: NO_MENTIONS });
}

/** Previous/Next: only the person who asked turns the pages. */
export const pages = {
  name: "timeline pages",
  rateLimit: "browse" as PolicyName,
  parse: parseTimelineButtonId,
  allowed(interaction: ButtonInteraction, data: { userId: string }): string | null {
    return data.userId === interaction.user.id ? null : "Only the person who asked can turn these pages. Run `/timeline` yourself to browse.";
  },
  async run(interaction: ButtonInteraction, data: { page: number; userId: string } & TimelineQuery, ctx: BotContext): Promise<void> {
    // After a reindex the timeline is worked out again, which may take longer than Discord waits.
    await interaction.deferUpdate();
    await interaction.editReply({ ...timelinePage(ctx.engine.timeline(data), data.page, data.userId, data), allowedMentions: NO_MENTIONS });
  },
};
