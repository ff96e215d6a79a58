import { MessageFlags, SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction, type StringSelectMenuInteraction } from "discord.js";
import type { BotContext } from "../context.js";
import { PEOPLE_PICK, parsePeopleButtonId, peoplePage } from "../format/people.js";
import { quotesPage } from "../format/quotes.js";
import { NO_MENTIONS } from "../mentions.js";
import type { PolicyName } from "../ratelimit.js";

export const data = new SlashCommandBuilder().setName("people").setDescription("Who is quoted in the articles: role, number of quotes, first and last date");

export const rateLimit: PolicyName = "browse";

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({ ...peoplePage(ctx.engine.speakers(), 0, interaction.user.id), allowedMentions: NO_MENTIONS });
}

/** Previous/Next: only the person who asked turns the pages. */
export const pages = {
  name: "people pages",
  rateLimit: "browse" as PolicyName,
  parse: parsePeopleButtonId,
  allowed(interaction: ButtonInteraction, data: { userId: string }): string | null {
    return data.userId === interaction.user.id ? null : "Only the person who asked can turn these pages. Run `/people` yourself to browse.";
  },
  async run(interaction: ButtonInteraction, data: { page: number; userId: string }, ctx: BotContext): Promise<void> {
    await interaction.update({ ...peoplePage(ctx.engine.speakers(), data.page, data.userId), allowedMentions: NO_MENTIONS });
  },
};

/** Picking someone shows their quotes (the /quotes page) to whoever picked, privately, with pages they can turn. */
export const pick = {
  name: "people pick",
  rateLimit: "browse" as PolicyName,
  parse: (id: string) => (id === PEOPLE_PICK ? {} : null),
  allowed: () => null,
  async run(interaction: StringSelectMenuInteraction, _data: object, ctx: BotContext): Promise<void> {
    const name = interaction.values[0] ?? "";
    const page = quotesPage(name, ctx.engine.quotesBy(name), 0, interaction.user.id, ctx.engine.speakers());
    await interaction.reply({ ...page, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  },
};
