import { escapeMarkdown, MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { IngestError } from "../ingest/errors.js";
import type { AddedFromUrl } from "../ingest/ingest.js";
import type { BotContext } from "./context.js";
import { NO_MENTIONS } from "./mentions.js";

/**
 * /corpus add url: fetching and reading a page can take seconds, so the reply is deferred
 * (ephemeral) and then edited with what was saved, or with why the link was refused.
 */
export async function addFromLink(interaction: ChatInputCommandInteraction, ctx: BotContext, url: string): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let content: string;
  try {
    content = addedText(await ctx.engine.addArticleFromUrl(url));
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
    ctx.logger.info({ code: err.code, user: interaction.user.id }, "link refused");
    content = `Not added: ${err.message}`;
  }
  await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
}

/** What a moderator reads after adding a link; page text is escaped, the link shown without a preview. */
export function addedText(a: AddedFromUrl): string {
  const title = a.title ? ` “${escapeMarkdown(a.title)}”` : "";
  const about = [a.outlet && escapeMarkdown(a.outlet), a.published].filter(Boolean).join(", ");
  const link = a.url.length <= 300 ? ` from <${a.url}>` : "";
  const what = a.updated ? `Updated \`${a.file}\` (this link was already in the corpus):` : `Added \`${a.file}\`:`;
  return `${what}${title}${about ? ` (${about})` : ""}, ${a.paragraphs} paragraphs${link}. Run \`/reindex\` to answer from it.`;
}
