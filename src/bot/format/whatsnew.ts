import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from "discord.js";
import type { AnswerItem } from "../../answer/types.js";
import type { NewItem, WhatsNew } from "../../story/whatsnew.js";
import { Citations, EMBED_COLOR, formatDate, itemBlock } from "./answer.js";
import { LIMITS, fitsLimits, shorten, type EmbedData } from "./limits.js";

/** At most this many new sentences a page; fewer when their citations would not fit. */
export const NEW_PER_PAGE = 5;

export function whatsNewButtonId(page: number, userId: string, since: string): string {
  return `wn:${page}:${userId}:${since}`;
}

export function parseWhatsNewButtonId(id: string): { page: number; userId: string; since: string } | null {
  const m = /^wn:(\d{1,4}):(\d{1,25}):(\d{4}-\d{2}-\d{2})$/.exec(id);
  return m ? { page: Number(m[1]), userId: m[2]!, since: m[3]! } : null;
}

const asItem = (n: NewItem): AnswerItem => ({ ...n, score: 1, highlight: null });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function summary(news: WhatsNew): string {
  return `${plural(news.articles.length, "article")} published since then ${news.articles.length === 1 ? "adds" : "add"} ${plural(news.items.length, "sentence")} that earlier articles had not reported.`;
}

function embedFor(news: WhatsNew, items: NewItem[]): EmbedData {
  const citations = new Citations();
  return {
    title: shorten(`What's new since ${formatDate(news.since) ?? news.since}`, LIMITS.title),
    description: [summary(news), ...items.map((i) => itemBlock(asItem(i), citations))].join("\n\n"),
    color: EMBED_COLOR,
    fields: [{ name: "Sources", value: citations.lines().join("\n") || "—" }],
    footer: { text: "Page 9999 of 9999" },
  };
}

export function whatsNewPages(news: WhatsNew): NewItem[][] {
  const pages: NewItem[][] = [];
  let current: NewItem[] = [];
  for (const item of news.items) {
    const next = [...current, item];
    if (current.length && (next.length > NEW_PER_PAGE || !fitsLimits(embedFor(news, next)))) {
      pages.push(current);
      current = [item];
    } else current = next;
  }
  if (current.length) pages.push(current);
  return pages;
}

export interface WhatsNewReply {
  content?: string;
  embeds: EmbedData[];
  components: ActionRowBuilder<ButtonBuilder>[];
}

/** One page of what the articles added since a date, cited like answers, with Previous/Next for the asker. */
export function whatsNewPage(news: WhatsNew, page: number, userId: string): WhatsNewReply {
  const when = formatDate(news.since) ?? news.since;
  if (!news.articles.length) return { content: `No articles published since ${when}.`, embeds: [], components: [] };
  const pages = whatsNewPages(news);
  if (!pages.length) return { content: `${plural(news.articles.length, "article")} published since ${when}, but nothing in them that earlier articles had not already reported.`, embeds: [], components: [] };
  const p = Math.min(Math.max(0, page), pages.length - 1);
  const embed = embedFor(news, pages[p]!);
  embed.footer = { text: `Page ${p + 1} of ${pages.length} · oldest article first` };
  if (!fitsLimits(embed)) {
    embed.description = shorten(embed.description!, LIMITS.description);
    for (const f of embed.fields ?? []) f.value = shorten(f.value, LIMITS.fieldValue);
  }
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(whatsNewButtonId(p - 1, userId, news.since)).setLabel("Previous").setStyle(ButtonStyle.Secondary).setDisabled(p === 0),
    new ButtonBuilder().setCustomId(whatsNewButtonId(p + 1, userId, news.since)).setLabel("Next").setStyle(ButtonStyle.Secondary).setDisabled(p >= pages.length - 1),
  );
  return { embeds: [embed], components: pages.length > 1 ? [row] : [] };
}
