import { ActionRowBuilder, ButtonBuilder, ButtonStyle, escapeMarkdown } from "discord.js";
import type { AnswerItem } from "../../answer/types.js";
import type { TimelineEvent } from "../../story/timeline.js";
import { Citations, EMBED_COLOR, formatDate, itemBlock } from "./answer.js";
import { LIMITS, fitsLimits, shorten, type EmbedData } from "./limits.js";

/** At most this many events a page; fewer when their citations would not fit. */
export const EVENTS_PER_PAGE = 6;
/** The longest `about:` a button id can carry. */
export const ABOUT_MAX = 40;

export interface TimelineQuery {
  since: string | null;
  until: string | null;
  about: string | null;
}

/** Previous/Next carry the page, the asker and the filter, so paging survives restarts. */
export function timelineButtonId(page: number, userId: string, q: TimelineQuery): string {
  return `tl:${page}:${userId}:${q.since ?? ""}:${q.until ?? ""}:${(q.about ?? "").slice(0, ABOUT_MAX)}`;
}

export function parseTimelineButtonId(id: string): ({ page: number; userId: string } & TimelineQuery) | null {
  const m = /^tl:(\d{1,4}):(\d{1,25}):(\d{4}-\d{2}-\d{2})?:(\d{4}-\d{2}-\d{2})?:(.*)$/s.exec(id);
  return m ? { page: Number(m[1]), userId: m[2]!, since: m[3] ?? null, until: m[4] ?? null, about: m[5] || null } : null;
}

/** An event as an answer item, so it is shown and cited the way answers are. */
export function eventItem(e: TimelineEvent): AnswerItem {
  return { text: e.text, kind: e.kind, speaker: e.speaker, role: e.role, sources: e.sources, score: e.weight, highlight: null };
}

function eventBlock(e: TimelineEvent, citations: Citations): string {
  return `**${formatDate(e.date) ?? e.date}**\n${itemBlock(eventItem(e), citations)}`;
}

function describe(q: TimelineQuery): string {
  const parts = [q.since ? `since ${formatDate(q.since)}` : "", q.until ? `until ${formatDate(q.until)}` : "", q.about ? `about “${q.about}”` : ""].filter(Boolean);
  return parts.length ? ` ${parts.join(", ")}` : "";
}

function embedFor(events: TimelineEvent[], q: TimelineQuery): EmbedData {
  const citations = new Citations();
  const description = events.map((e) => eventBlock(e, citations)).join("\n\n");
  return {
    title: shorten(`Timeline${describe(q)}`, LIMITS.title),
    description,
    color: EMBED_COLOR,
    fields: [{ name: "Sources", value: citations.lines().join("\n") || "—" }],
  };
}

/** Splits the events into pages of at most EVENTS_PER_PAGE that each fit Discord's embed limits. */
export function timelinePages(events: TimelineEvent[], q: TimelineQuery): TimelineEvent[][] {
  const pages: TimelineEvent[][] = [];
  let current: TimelineEvent[] = [];
  for (const e of events) {
    const next = [...current, e];
    if (current.length && (next.length > EVENTS_PER_PAGE || !fitsLimits(withFooter(embedFor(next, q))))) {
      pages.push(current);
      current = [e];
    } else current = next;
  }
  if (current.length) pages.push(current);
  return pages;
}

const withFooter = (e: EmbedData): EmbedData => ({ ...e, footer: { text: "Page 9999 of 9999 · 99999 events, oldest first" } });

export interface TimelineReply {
  content?: string;
  embeds: EmbedData[];
  components: ActionRowBuilder<ButtonBuilder>[];
}

/** One page of the timeline, with Previous/Next for the asker. */
export function timelinePage(events: TimelineEvent[], page: number, userId: string, q: TimelineQuery): TimelineReply {
  const pages = timelinePages(events, q);
  if (!pages.length) {
    const filtered = q.since || q.until || q.about;
    return { content: filtered ? `No dated events in the articles${escapeMarkdown(describe(q))}.` : "No dated events in the articles yet.", embeds: [], components: [] };
  }
  const p = Math.min(Math.max(0, page), pages.length - 1);
  const embed = embedFor(pages[p]!, q);
  embed.footer = { text: `Page ${p + 1} of ${pages.length} · ${events.length} event${events.length === 1 ? "" : "s"}, oldest first` };
  // A single event too long for an embed: only then is text shortened.
  if (!fitsLimits(embed)) {
    embed.description = shorten(embed.description!, LIMITS.description);
    for (const f of embed.fields ?? []) f.value = shorten(f.value, LIMITS.fieldValue);
  }
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(timelineButtonId(p - 1, userId, q)).setLabel("Previous").setStyle(ButtonStyle.Secondary).setDisabled(p === 0),
    new ButtonBuilder().setCustomId(timelineButtonId(p + 1, userId, q)).setLabel("Next").setStyle(ButtonStyle.Secondary).setDisabled(p >= pages.length - 1),
  );
  return { embeds: [embed], components: pages.length > 1 ? [row] : [] };
}
