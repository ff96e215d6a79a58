import { ActionRowBuilder, ButtonBuilder, ButtonStyle, escapeMarkdown } from "discord.js";
import type { QuoteEntry, SpeakerSummary } from "../../engine.js";
import { EMBED_COLOR, blockQuote } from "./answer.js";
import { LIMITS, fitsLimits, shorten, type EmbedData } from "./limits.js";

export const QUOTES_PER_PAGE = 3;
export const SPEAKER_MAX = 60;
const PREFIX = "quotes";

/** Button ids carry everything needed to redraw a page, so paging survives restarts. */
export function pageButtonId(page: number, userId: string, speaker: string): string {
  return `${PREFIX}:${page}:${userId}:${speaker.slice(0, SPEAKER_MAX)}`;
}

export function parsePageButtonId(id: string): { page: number; userId: string; speaker: string } | null {
  const m = /^quotes:(\d+):(\d+):(.+)$/s.exec(id);
  return m ? { page: Number(m[1]), userId: m[2]!, speaker: m[3]! } : null;
}

/** Splits quotes into pages of at most QUOTES_PER_PAGE that each fit in one embed. */
export function paginate(entries: QuoteEntry[]): QuoteEntry[][] {
  const pages: QuoteEntry[][] = [];
  let current: QuoteEntry[] = [];
  let size = 0;
  for (const e of entries) {
    const len = quoteBlock(e).length + 2;
    if (current.length && (current.length >= QUOTES_PER_PAGE || size + len > LIMITS.description - 200)) {
      pages.push(current);
      current = [];
      size = 0;
    }
    current.push(e);
    size += len;
  }
  if (current.length) pages.push(current);
  return pages;
}

function quoteBlock(e: QuoteEntry): string {
  const s = e.sources[0];
  const where = s ? ` · ${escapeMarkdown(shorten(s.title ?? s.article, 80))}${s.outlet ? ` (${escapeMarkdown(s.outlet)})` : ""} ¶${s.paragraph}` : "";
  const also = e.sources.length > 1 ? ` +${e.sources.length - 1}` : "";
  const text = shorten(e.text, LIMITS.description - 400);
  const who = `**${escapeMarkdown(e.speaker)}**${e.role ? `, ${escapeMarkdown(e.role)}` : ""}`;
  // Reported speech is the outlet's wording, not the speaker's: never shown as their quote.
  if (e.kind === "statement") return `${who}, as reported: ${escapeMarkdown(text)}\n${where.replace(/^ · /, "")}${also}`;
  return `${blockQuote(text)}\n— ${who}${where}${also}`;
}

export interface QuotesPage {
  content?: string;
  embeds: EmbedData[];
  components: ActionRowBuilder<ButtonBuilder>[];
}

export function quotesPage(speaker: string, entries: QuoteEntry[], page: number, userId: string, known: SpeakerSummary[] = []): QuotesPage {
  const pages = paginate(entries);
  if (!pages.length) {
    const quoted = known.slice(0, 5).map((s) => escapeMarkdown(s.name));
    const hint = quoted.length ? ` The articles quote ${quoted.join(", ")}.` : "";
    return { content: `No quotes or statements attributed to “${escapeMarkdown(shorten(speaker, SPEAKER_MAX))}” in the articles.${hint} Try \`/ask\` for what the articles say about them.`, embeds: [], components: [] };
  }
  const p = Math.min(Math.max(0, page), pages.length - 1);
  const embed: EmbedData = {
    title: shorten(`Quotes from “${speaker}”`, LIMITS.title),
    description: pages[p]!.map(quoteBlock).join("\n\n"),
    color: EMBED_COLOR,
    footer: { text: `Page ${p + 1} of ${pages.length} · ${countLine(entries)}` },
  };
  if (!fitsLimits(embed)) embed.description = shorten(embed.description!, LIMITS.description);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(pageButtonId(p - 1, userId, speaker)).setLabel("Previous").setStyle(ButtonStyle.Secondary).setDisabled(p === 0),
    new ButtonBuilder().setCustomId(pageButtonId(p + 1, userId, speaker)).setLabel("Next").setStyle(ButtonStyle.Secondary).setDisabled(p >= pages.length - 1),
  );
  return { embeds: [embed], components: pages.length > 1 ? [row] : [] };
}

function countLine(entries: QuoteEntry[]): string {
  const q = entries.filter((e) => e.kind === "quote").length;
  const s = entries.length - q;
  const parts = [q ? `${q} quote${q === 1 ? "" : "s"}` : "", s ? `${s} reported statement${s === 1 ? "" : "s"}` : ""].filter(Boolean);
  return parts.join(", ");
}
