import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import { maxArticleBytes, tooLargeReason } from "../../corpus/limits.js";
import { CorpusChangeError } from "../../corpus/manage.js";
import type { BotContext } from "../context.js";
import { addFromLink } from "../corpus-url.js";
import { NO_MENTIONS } from "../mentions.js";
import { isModerator } from "../permissions.js";

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
      .addStringOption((o) => o.setName("article").setDescription("The file name, as /sources shows it").setRequired(true).setMaxLength(200)),
  );

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const ephemeral = { flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
  if (!isModerator(interaction, ctx.config)) {
    await interaction.reply({ content: "Only moderators (Manage Server, or the moderator role) can change the corpus.", ...ephemeral });
    return;
  }
  try {
    if (interaction.options.getSubcommand() === "add") {
      const file = interaction.options.getAttachment("file");
      const url = interaction.options.getString("url");
      if (url && !file) {
        await addFromLink(interaction, ctx, url);
        return;
      }
      if (!file || url) {
        await interaction.reply({ content: file ? "Give `file:` or `url:`, not both." : "Give `file:` (a .txt or .md article) or `url:` (a link to an article).", ...ephemeral });
        return;
      }
      const maxBytes = maxArticleBytes();
      if (file.size > maxBytes) {
        await interaction.reply({ content: `${file.name} is ${tooLargeReason(maxBytes, file.size)}.`, ...ephemeral });
        return;
      }
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const res = await fetch(file.url);
      if (!res.ok) {
        await interaction.editReply({ content: `Could not download ${file.name} from Discord (HTTP ${res.status}); try again.` });
        return;
      }
      const added = await ctx.engine.addArticle(file.name, Buffer.from(await res.arrayBuffer()), { replace: interaction.options.getBoolean("replace") ?? false });
      const title = added.title ? ` (“${added.title}”)` : "";
      await interaction.editReply({ content: `${added.replaced ? "Replaced" : "Added"} \`${added.file}\`${title}. Run \`/reindex\` to answer from it.` });
    } else {
      const removed = await ctx.engine.removeArticle(interaction.options.getString("article", true));
      await interaction.reply({ content: `Removed \`${removed.file}\` from the corpus (a copy is kept in .removed/). Run \`/reindex\` to stop answering from it.`, ...ephemeral });
    }
  } catch (err) {
    if (!(err instanceof CorpusChangeError)) throw err;
    const payload = { content: err.message };
    if (interaction.deferred) await interaction.editReply(payload);
    else await interaction.reply({ ...payload, ...ephemeral });
  }
}
