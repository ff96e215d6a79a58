import { MessageFlags, SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from "discord.js";
import { parseSince } from "../../story/whatsnew.js";
import type { BotContext } from "../context.js";
import { parseWhatsNewButtonId, whatsNewPage } from "../format/whatsnew.js";
import { NO_MENTIONS } from "../mentions.js";
import type { PolicyName } from "../ratelimit.js";

export const data = new SlashCommandBuilder()
  .setName("whatsnew")
  .setDescription("What the articles added since a date: what earlier articles had not reported")
  .addStringOption((o) => o.setName("since").setDescription("A date: 2025-12-01, december, last week, 3 days ago").setRequired(true).setMaxLength(40));

export const rateLimit: PolicyName = "browse";

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const raw = interaction.options.getString("since", true).trim();
  const since = parseSince(raw);
  if (!since) {
    await interaction.reply({ content: `I can't read “${raw.slice(0, 40)}” as a date. Try \`2025-12-01\`, \`december\` or \`last week\`.`, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  // Every new sentence is compared with the earlier articles': on a large corpus that takes a moment.
  await interaction.deferReply();
  await interaction.editReply({ ...whatsNewPage(ctx.engine.whatsNew(since), 0, interaction.user.id), allowedMentions: NO_MENTIONS });
}

/** Previous/Next: only the person who asked turns the pages. */
export const pages = {
  name: "whatsnew pages",
  rateLimit: "browse" as PolicyName,
  parse: parseWhatsNewButtonId,
  allowed(interaction: ButtonInteraction, data: { userId: string }): string | null {
    return data.userId === interaction.user.id ? null : "Only the person who asked can turn these pages. Run `/whatsnew` yourself to browse.";
  },
  async run(interaction: ButtonInteraction, data: { page: number; userId: string; since: string }, ctx: BotContext): Promise<void> {
    await interaction.deferUpdate();
    await interaction.editReply({ ...whatsNewPage(ctx.engine.whatsNew(data.since), data.page, data.userId), allowedMentions: NO_MENTIONS });
  },
};
