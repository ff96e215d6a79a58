import { escapeMarkdown, MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { IngestError } from "../ingest/errors.js";
import type { AddedFromUrl } from "../ingest/ingest.js";
import type { BotContext } from "./context.js";
import { REINDEX_NOW } from "./interactions/ids.js";
import { NO_MENTIONS } from "./mentions.js";

/** The "Reindex now" row under a corpus change (handled in interactions/). */
export const REINDEX_BUTTON = { type: 1 as const, components: [{ type: 2 as const, style: 1 as const, label: "Reindex now", custom_id: REINDEX_NOW }] };

/**
 * /corpus add url: fetching and reading a page can take seconds, so the reply is deferred
 * (ephemeral) and then edited with what was saved, or with why the link was refused.
 */
export async function addFromLink(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  url: string,
  record: (action: string, detail: string) => () => Promise<unknown>,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let added: AddedFromUrl;
  try {
    added = await ctx.engine.addArticleFromUrl(url);
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
    ctx.logger.info({ code: err.code, user: interaction.user.id }, "link refused");
    await interaction.editReply({ content: `Not added: ${err.message}`, allowedMentions: NO_MENTIONS });
    return;
  }
  const post = record(added.updated ? "replace" : "add", `${added.updated ? "updated" : "added"} \`${added.file}\` from <${added.url.slice(0, 300)}>.`);
  await interaction.editReply({ content: addedText(added), components: [REINDEX_BUTTON], allowedMentions: NO_MENTIONS });
  await post();
}

/** What a moderator reads after adding a link; page text is escaped, the link shown without a preview. */
export function addedText(a: AddedFromUrl): string {
  const title = a.title ? ` “${escapeMarkdown(a.title)}”` : "";
  const about = [a.outlet && escapeMarkdown(a.outlet), a.published].filter(Boolean).join(", ");
  const link = a.url.length <= 300 ? ` from <${a.url}>` : "";
  const what = a.updated ? `Updated \`${a.file}\` (this link was already in the corpus):` : `Added \`${a.file}\`:`;
  return `${what}${title}${about ? ` (${about})` : ""}, ${a.paragraphs} paragraphs${link}. Reindex to answer from it.`;
}
