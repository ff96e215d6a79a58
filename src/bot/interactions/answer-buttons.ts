import {
  ActionRowBuilder,
  ChannelType,
  DiscordAPIError,
  MessageFlags,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ButtonInteraction,
  type ModalSubmitInteraction,
} from "discord.js";
import { MAX_QUESTION_CHARS } from "../../answer/question.js";
import type { BotContext } from "../context.js";
import { ask } from "../conversation.js";
import { PAGE_SIZE, paragraphEmbed } from "../format/answer.js";
import { LIMITS, embedLength, shorten, type EmbedData } from "../format/limits.js";
import { NO_MENTIONS } from "../mentions.js";
import type { PolicyName } from "../ratelimit.js";
import { renderAnswer, renderPage } from "../render.js";
import type { StoredAnswer } from "../store/store.js";
import { whereOf } from "../where.js";
import { FOLLOW_INPUT, followModalId, parseAnswerButton, parseFollowModal, type AnswerButton } from "./ids.js";

const ephemeral = { flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
const GONE = "I no longer have this answer (answers are kept while their conversation is active). Ask again with `/ask`.";
/** Discord: a thread has already been created for this message. */
const THREAD_EXISTS = 160004;

/**
 * The buttons under every answer. Anyone who sees an answer may vote (one vote each, changeable),
 * read the paragraph, page on and follow up; the answer must still be stored, and a private
 * answer's buttons work only for its asker.
 */
export const answerButtons = {
  name: "answer buttons",
  rateLimit: "browse" as PolicyName,
  parse: parseAnswerButton,
  allowed(interaction: ButtonInteraction, data: AnswerButton, ctx: BotContext): string | null {
    const stored = ctx.store.answer(data.answerId);
    if (!stored) return GONE;
    if (stored.private && !ctx.store.isAsker(stored, interaction.user.id)) return "This was a private answer; ask your own with `/ask`.";
    return null;
  },
  async run(interaction: ButtonInteraction, data: AnswerButton, ctx: BotContext): Promise<void> {
    const stored = ctx.store.answer(data.answerId)!;
    switch (data.action) {
      case "up":
      case "down":
        return vote(interaction, stored, data.action === "up" ? 1 : -1, ctx);
      case "para":
        return showParagraphs(interaction, stored, data.offset, ctx);
      case "more":
        return more(interaction, stored, data.offset, ctx);
      case "follow":
        return followUp(interaction, stored, ctx);
    }
  },
};

async function vote(interaction: ButtonInteraction, stored: StoredAnswer, v: 1 | -1, ctx: BotContext): Promise<void> {
  const { previous } = ctx.store.vote(stored.id, interaction.user.id, v);
  const label = v === 1 ? "helpful" : "not helpful";
  const text = previous === v ? `You already marked this answer ${label}.` : previous ? `Changed your vote to ${label}. Thanks.` : `Thanks: marked ${label}.${v === -1 ? " Moderators see it in `/feedback`, so it can become a test question." : ""}`;
  await interaction.reply({ content: text, ...ephemeral });
}

/** The whole paragraph around each item on the page, the item in bold, ephemeral. */
async function showParagraphs(interaction: ButtonInteraction, stored: StoredAnswer, offset: number, ctx: BotContext): Promise<void> {
  const items = stored.answer.items.slice(offset, offset + PAGE_SIZE);
  const embeds: EmbedData[] = [];
  const seen = new Set<string>();
  let unavailable = 0;
  for (const item of items) {
    const s = item.sources[0];
    if (!s || seen.has(`${s.article}#${s.paragraph}`)) continue;
    seen.add(`${s.article}#${s.paragraph}`);
    const p = await ctx.engine.paragraph(s.article, s.paragraph);
    // After a reindex the same number may hold other words: show it only while it still holds the item.
    if (!p.ok || !p.text.includes(item.text)) {
      unavailable++;
      continue;
    }
    const embed = paragraphEmbed(p, item);
    if (embeds.reduce((n, e) => n + embedLength(e), 0) + embedLength(embed) > LIMITS.embedTotal) break;
    embeds.push(embed);
  }
  const note = unavailable ? `${unavailable === 1 ? "One article has" : `${unavailable} articles have`} changed or left the corpus since this answer; its paragraph is not shown.` : undefined;
  if (!embeds.length) {
    await interaction.reply({ content: note ?? "There is no paragraph to show for this answer.", ...ephemeral });
    return;
  }
  await interaction.reply({ ...(note ? { content: note } : {}), embeds, ...ephemeral });
}

/** The next items, privately, with a further "More" when there are still more. */
async function more(interaction: ButtonInteraction, stored: StoredAnswer, offset: number, ctx: BotContext): Promise<void> {
  if (offset >= stored.answer.items.length) {
    await interaction.reply({ content: "That was everything the articles have for this question.", ...ephemeral });
    return;
  }
  await interaction.reply({ ...renderPage(ctx, stored, offset), ...ephemeral });
}

/**
 * A public answer gets a thread where the conversation goes on; a private one a form, since an
 * ephemeral message cannot hold a thread. Asked inside a thread, the thread already is the place.
 */
async function followUp(interaction: ButtonInteraction, stored: StoredAnswer, ctx: BotContext): Promise<void> {
  const channel = interaction.channel;
  if (stored.private || interaction.message.flags.has(MessageFlags.Ephemeral)) {
    const modal = new ModalBuilder()
      .setCustomId(followModalId(stored.id))
      .setTitle("Follow-up question")
      .addComponents(
        new ActionRowBuilder<TextInputBuilder>().addComponents(
          new TextInputBuilder().setCustomId(FOLLOW_INPUT).setLabel(shorten(`After: ${stored.question}`, 45)).setStyle(TextInputStyle.Paragraph).setMaxLength(MAX_QUESTION_CHARS).setRequired(true),
        ),
      );
    await interaction.showModal(modal);
    return;
  }
  if (channel?.isThread()) {
    await interaction.reply({ content: "Ask your follow-up right here in this thread; I'll read it with this conversation.", ...ephemeral });
    return;
  }
  if (!channel || (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)) {
    await interaction.reply({ content: "Threads can't be opened here; reply to the answer instead, and I'll read it with this conversation.", ...ephemeral });
    return;
  }
  try {
    const thread = await interaction.message.startThread({ name: shorten(stored.question, 100), autoArchiveDuration: 1440 });
    ctx.store.linkThread(stored.conversationId, thread.id);
    await thread.send({ content: `Ask your follow-up here: I read every message in this thread with the conversation so far (“${shorten(stored.question, 200)}”).`, allowedMentions: NO_MENTIONS });
    await interaction.reply({ content: `Opened <#${thread.id}>: ask your follow-up there.`, ...ephemeral });
  } catch (err) {
    if (err instanceof DiscordAPIError && err.code === THREAD_EXISTS) {
      // A thread started from a message takes the message's id.
      await interaction.reply({ content: `This answer already has a thread: <#${interaction.message.id}>.`, ...ephemeral });
      return;
    }
    throw err;
  }
}

/** A private answer's follow-up form: answered privately, in the same conversation. */
export const followModal = {
  name: "follow-up form",
  rateLimit: "questions" as PolicyName,
  parse: parseFollowModal,
  allowed(interaction: ModalSubmitInteraction, data: { answerId: string }, ctx: BotContext): string | null {
    const stored = ctx.store.answer(data.answerId);
    if (!stored) return GONE;
    return ctx.store.isAsker(stored, interaction.user.id) ? null : "Only the person who asked can follow up on a private answer.";
  },
  async run(interaction: ModalSubmitInteraction, data: { answerId: string }, ctx: BotContext): Promise<void> {
    const stored = ctx.store.answer(data.answerId)!;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const r = await ask(ctx, {
      text: interaction.fields.getTextInputValue(FOLLOW_INPUT),
      userId: interaction.user.id,
      where: whereOf(interaction.guildId, interaction.channel, interaction.channelId ?? stored.channelId),
      conversationId: stored.conversationId,
      private: true,
    });
    if (!r.ok) {
      await interaction.editReply({ content: r.message, allowedMentions: NO_MENTIONS });
      return;
    }
    const reply = await renderAnswer(ctx, r);
    await ctx.sends.send(r.stored.id, () => interaction.editReply({ ...reply, allowedMentions: NO_MENTIONS }), (msg) => msg.id);
  },
};
