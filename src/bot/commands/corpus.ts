import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, escapeMarkdown, type AutocompleteInteraction, type ChatInputCommandInteraction } from "discord.js";
import { maxArticleBytes, tooLargeReason } from "../../corpus/limits.js";
import { CorpusChangeError } from "../../corpus/manage.js";
import type { BotContext } from "../context.js";
import { REINDEX_BUTTON, addFromLink } from "../corpus-url.js";
import { downloadCapped } from "../download.js";
import { articleChoices } from "../format/choices.js";
import { NO_MENTIONS } from "../mentions.js";
import { postModLog, who } from "../modlog.js";
import { isModerator } from "../permissions.js";
import type { PolicyName } from "../ratelimit.js";

export const data = new SlashCommandBuilder()
  .setName("corpus")
  .setDescription("Moderators: add or remove articles (then /reindex)")
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    s
      .setName("add")
      .setDescription("Add an article from a .txt or .md file, or from a link")
      .addAttachmentOption((o) => o.setName("file").setDescription("The article (.md may carry title, outlet, url, published as front matter)"))
      .addStringOption((o) => o.setName("url").setDescription("A link to a news article (the same link again updates it)").setMaxLength(2000))
      .addBooleanOption((o) => o.setName("replace").setDescription("Overwrite an article with the same file name")),
  )
  .addSubcommand((s) =>
    s
      .setName("remove")
      .setDescription("Remove an article (kept aside in the corpus folder's .removed/)")
      .addStringOption((o) => o.setName("article").setDescription("The article, as uploaded or as /sources shows it").setRequired(true).setMaxLength(200).setAutocomplete(true)),
  );

export const rateLimit: PolicyName = "moderate";


export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const ephemeral = { flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
  if (!isModerator(interaction, ctx.config)) {
    await interaction.reply({ content: "Only moderators (Manage Server, or the moderator role) can change the corpus.", ...ephemeral });
    return;
  }
  // Stored at once (who, what, when); posted to the moderator log once the moderator has the reply.
  const record = (action: string, detail: string) => {
    ctx.store.logCorpusChange({ guildId: interaction.guildId, userId: interaction.user.id, userName: interaction.user.username, action, detail });
    return () => postModLog(ctx, interaction.client, `${who(interaction.user)} ${detail}`);
  };
  try {
    if (interaction.options.getSubcommand() === "add") {
      const file = interaction.options.getAttachment("file");
      const url = interaction.options.getString("url");
      if (url && !file) {
        await addFromLink(interaction, ctx, url, record);
        return;
      }
      if (!file || url) {
        await interaction.reply({ content: file ? "Give `file:` or `url:`, not both." : "Give `file:` (a .txt or .md article) or `url:` (a link to an article).", ...ephemeral });
        return;
      }
      const name = escapeMarkdown(file.name);
      const maxBytes = maxArticleBytes();
      if (file.size > maxBytes) {
        await interaction.reply({ content: `${name} is ${tooLargeReason(maxBytes, file.size)}.`, ...ephemeral });
        return;
      }
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      // The declared size can lie: the download itself stops at the limit.
      const got = await downloadCapped(file.url, maxBytes);
      if (!got.ok) {
        const why =
          got.reason === "too-large" ? `${name} is ${tooLargeReason(maxBytes)}.` : `Could not download ${name} from Discord (${got.reason === "http" ? `HTTP ${got.status}` : "network error"}); try again.`;
        await interaction.editReply({ content: why });
        return;
      }
      const added = await ctx.engine.addArticle(file.name, got.bytes, { replace: interaction.options.getBoolean("replace") ?? false });
      const title = added.title ? ` (“${escapeMarkdown(added.title)}”)` : "";
      const verb = added.replaced ? "Replaced" : "Added";
      const post = record(added.replaced ? "replace" : "add", `${verb.toLowerCase()} \`${added.file}\`${title} (uploaded as \`${file.name.replace(/`/g, "'")}\`).`);
      await interaction.editReply({ content: `${verb} \`${added.file}\`${title}. Reindex to answer from it.`, components: [REINDEX_BUTTON] });
      await post();
    } else {
      const asked = interaction.options.getString("article", true);
      const removed = await ctx.engine.removeArticle(ctx.engine.articleFileFor(asked) ?? asked);
      const post = record("remove", `removed \`${removed.file}\` (kept in .removed/).`);
      await interaction.reply({ content: `Removed \`${removed.file}\` from the corpus (a copy is kept in .removed/). Reindex to stop answering from it.`, components: [REINDEX_BUTTON], ...ephemeral });
      await post();
    }
  } catch (err) {
    if (!(err instanceof CorpusChangeError)) throw err;
    const payload = { content: err.message };
    if (interaction.deferred) await interaction.editReply(payload);
    else await interaction.reply({ ...payload, ...ephemeral });
  }
}

/** Article names for /corpus remove: moderators only (others get no list). */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  if (!isModerator(interaction, ctx.config)) {
    await interaction.respond([]);
    return;
  }
  await interaction.respond(articleChoices(ctx.engine.articles, interaction.options.getFocused(), (f) => ctx.engine.displayTitle(f)));
}
