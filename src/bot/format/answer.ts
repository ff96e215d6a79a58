import { escapeMarkdown } from "discord.js";
import type { Answer, AnswerItem, Source } from "../../answer/types.js";
import { answerButtonId } from "../interactions/ids.js";
import { LIMITS, fitsLimits, shorten, type EmbedData } from "./limits.js";

export const EMBED_COLOR = 0x2b6cb0;
export const MISS_COLOR = 0x718096;
/** Items shown at once; the rest are behind "More". */
export const PAGE_SIZE = 3;
const MAX_SOURCES_PER_ITEM = 4;

export interface ButtonData {
  type: 2;
  style: 1 | 2 | 3 | 4;
  label: string;
  custom_id: string;
  disabled?: boolean;
}
export interface RowData {
  type: 1;
  components: ButtonData[];
}

export interface ReplyData {
  content?: string;
  embeds?: EmbedData[];
  components?: RowData[];
}

/** What a stored answer carries that the view needs. */
export interface AnswerView {
  id: string;
  question: string;
  answer: Answer;
  private: boolean;
}

export interface ViewOptions {
  /** The first item shown (0 for the answer itself, more for a "More" page). */
  offset?: number;
  articlesSearched: number;
  /** The question as the bot read it, when it differs from what was typed. */
  readingAs?: string | null;
  /** A line about the conversation (e.g. it expired). */
  note?: string | null;
}

/** Block-quoted, markdown-escaped text: shown exactly as the article has it. */
export function blockQuote(text: string): string {
  return escapeMarkdown(text)
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

/** Escaped text with the span that answers the question (a duration, a date, a number) in bold. */
export function withHighlight(text: string, h: AnswerItem["highlight"]): string {
  if (!h || h.start < 0 || h.end > text.length || h.start >= h.end) return escapeMarkdown(text);
  const mid = text.slice(h.start, h.end).trim();
  if (!mid) return escapeMarkdown(text);
  return `${escapeMarkdown(text.slice(0, h.start))}**${escapeMarkdown(text.slice(h.start, h.end))}**${escapeMarkdown(text.slice(h.end))}`;
}

/** "25 Apr 2025" from an ISO date; null when there is none or it does not parse. */
export function formatDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return null;
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(d);
}

function linkedTitle(s: Pick<Source, "title" | "url" | "article">, max = 110): string {
  // Titles are filled from the text by the engine when an article has none; the file name is the last resort.
  const title = escapeMarkdown(shorten(s.title ?? "Untitled article", max)).replace(/[[\]]/g, "");
  return s.url && /^https?:\/\//.test(s.url) ? `[${title}](${s.url})` : `**${title}**`;
}

/** Citations grouped per article: "[1] Title — Reuters, 25 Apr 2025 · ¶1, ¶3". */
export class Citations {
  readonly articles: { source: Source; paragraphs: number[] }[] = [];

  /** The article's number, registering the paragraph cited. */
  cite(s: Source): number {
    let i = this.articles.findIndex((a) => a.source.article === s.article);
    if (i < 0) i = this.articles.push({ source: s, paragraphs: [] }) - 1;
    const a = this.articles[i]!;
    if (!a.paragraphs.includes(s.paragraph)) a.paragraphs.push(s.paragraph);
    return i + 1;
  }

  lines(): string[] {
    return this.articles.map(({ source: s, paragraphs }, i) => {
      const where = [s.outlet && escapeMarkdown(s.outlet), formatDate(s.published)].filter(Boolean).join(", ");
      const paras = [...paragraphs].sort((a, b) => a - b).map((p) => `¶${p}`).join(", ");
      return `[${i + 1}] ${linkedTitle(s)}${where ? ` — ${where}` : ""} · ${paras}`;
    });
  }
}

function speakerLabel(item: AnswerItem): string {
  const name = `**${escapeMarkdown(item.speaker ?? "Unattributed")}**`;
  return item.role ? `${name}, ${escapeMarkdown(item.role)}` : name;
}

/**
 * One item, shown by kind: a quote as a block quote signed by its speaker; reported speech
 * labelled with whom it reports; narration labelled as the outlet's own report, with no speaker.
 */
export function itemBlock(item: AnswerItem, citations: Citations, all: AnswerItem[] = []): string {
  const shown = item.sources.slice(0, MAX_SOURCES_PER_ITEM);
  const extra = item.sources.length - shown.length;
  const refs = [...new Set(shown.map((s) => citations.cite(s)))].map((n) => `[${n}]`).join("") + (extra > 0 ? ` +${extra} more` : "");
  const text = withHighlight(item.text, item.highlight);
  // The note goes under the first item of the figures that differ (the others are in it).
  const at = all.indexOf(item);
  const note = item.differs && (at < 0 || item.differs.with.every((k) => k > at)) ? `\n${differsNote(item, all)}` : "";
  if (item.kind === "quote") {
    const quoted = text
      .split("\n")
      .map((l) => `> ${l}`)
      .join("\n");
    return `${quoted}\n— ${speakerLabel(item)} ${refs}${note}`;
  }
  if (item.kind === "statement" && item.speaker) return `${speakerLabel(item)}, as reported: ${text} ${refs}${note}`;
  const outlet = item.sources[0]?.outlet;
  return `*Reported${outlet ? ` by ${escapeMarkdown(outlet)}` : ""}:* ${text} ${refs}${note}`;
}

/** "⚖️ Outlets differ: just over two hours (Continental Desk) · three-hour (Continental Desk, Panorama-Inform)". */
export function differsNote(item: AnswerItem, all: AnswerItem[]): string {
  const outlets = (i: AnswerItem) => [...new Set(i.sources.map((s) => s.outlet ?? s.title ?? "an article"))].map((o) => escapeMarkdown(o)).join(", ");
  const figures = [item, ...(item.differs?.with ?? []).map((k) => all[k]).filter((i): i is AnswerItem => !!i?.differs)];
  return `⚖️ *Outlets differ:* ${figures.map((i) => `**${escapeMarkdown(i.differs!.figure)}** (${outlets(i)})`).join(" · ")}`;
}

function header(opts: ViewOptions): string[] {
  const lines: string[] = [];
  if (opts.note) lines.push(`*${escapeMarkdown(opts.note)}*`);
  if (opts.readingAs) lines.push(`*Reading this as:* ${escapeMarkdown(shorten(opts.readingAs, 300))}`);
  return lines;
}

function button(label: string, custom_id: string, style: ButtonData["style"] = 2, disabled = false): ButtonData {
  return { type: 2, style, label, custom_id, ...(disabled ? { disabled } : {}) };
}

/** The buttons under an answer: feedback, the paragraph, the next items, a follow-up. */
export function answerButtons(view: AnswerView, offset: number, shownCount: number): RowData[] {
  const remaining = view.answer.items.length - offset - shownCount;
  const row: ButtonData[] = [];
  if (offset === 0) {
    row.push(button("Helpful", answerButtonId("up", view.id), 3), button("Not helpful", answerButtonId("down", view.id), 4));
  }
  if (shownCount > 0) row.push(button("Show paragraph", answerButtonId("para", view.id, offset)));
  if (remaining > 0) row.push(button(`More (${remaining})`, answerButtonId("more", view.id, offset + shownCount), 1));
  if (offset === 0) row.push(button("Follow up", answerButtonId("follow", view.id)));
  return row.length ? [{ type: 1, components: row }] : [];
}

/** An answer (or one of its "More" pages) as Discord shows it. */
export function answerReply(view: AnswerView, opts: ViewOptions): ReplyData {
  const offset = opts.offset ?? 0;
  const pageItems = view.answer.items.slice(offset, offset + PAGE_SIZE);
  const total = view.answer.items.length;
  for (let k = pageItems.length; k >= 1; k--) {
    const embed = answerEmbed(view, pageItems.slice(0, k), offset, total, opts);
    if (fitsLimits(embed)) return { embeds: [embed], components: answerButtons(view, offset, k) };
  }
  // One quote longer than a whole embed: the only case where text is shortened, at a word boundary.
  const first = pageItems[0]!;
  const trimmed = { ...first, text: shorten(first.text, LIMITS.description - 600), highlight: null };
  const embed = answerEmbed(view, [trimmed], offset, total, opts);
  for (const f of embed.fields ?? []) f.value = shorten(f.value, LIMITS.fieldValue);
  return { embeds: [embed], components: answerButtons(view, offset, 1) };
}

function answerEmbed(view: AnswerView, items: AnswerItem[], offset: number, total: number, opts: ViewOptions): EmbedData {
  const citations = new Citations();
  const blocks = [...header(opts), ...items.map((i) => itemBlock(i, citations, view.answer.items))];
  const range = total <= items.length ? "" : items.length === 1 ? ` · item ${offset + 1} of ${total}` : ` · items ${offset + 1}–${offset + items.length} of ${total}`;
  const n = opts.articlesSearched;
  return {
    title: shorten(offset > 0 ? `More: ${view.question}` : view.question, LIMITS.title),
    description: blocks.join("\n\n"),
    color: EMBED_COLOR,
    fields: [{ name: "Sources", value: citations.lines().join("\n") || "—" }],
    footer: { text: `Searched ${n} article${n === 1 ? "" : "s"}${range}` },
  };
}

/** What a miss offers: questions this corpus answers and its most quoted people. */
export interface MissHelp {
  questions: string[];
  people: { name: string; count: number }[];
}

/** The one sentence that says what is missing, chosen by the reason code. */
export function missSentence(answer: Answer): string {
  switch (answer.reason) {
    case "not-mentioned": {
      const words = (answer.missing ?? []).slice(0, 4).map((w) => `“${escapeMarkdown(w)}”`);
      if (words.length) return `The articles never mention ${words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`}.`;
      return "The articles don't mention that.";
    }
    case "speaker-not-quoted":
      return escapeMarkdown(answer.message ?? "The articles mention that person but don't quote them.");
    case "empty-corpus":
      return "There are no articles to answer from yet. Moderators can add some with `/corpus add`.";
    case "invalid-question":
      return escapeMarkdown(answer.message ?? "That is not a question I can answer.");
    default:
      return "The articles don't cover that.";
  }
}

/** A miss: what is missing (once), the closest passages clearly marked, and what to try instead. */
export function missReply(view: AnswerView, help: MissHelp, opts: ViewOptions): ReplyData {
  const lines = [...header(opts), missSentence(view.answer)];
  const nearest = view.answer.reason === "not-covered" ? (view.answer.nearest ?? []).slice(0, 2) : [];
  if (nearest.length) {
    lines.push("", "**Closest passages, not an answer:**");
    for (const n of nearest) {
      const s = n.sources[0];
      lines.push(`${blockQuote(shorten(n.text, 400))}\n— ${s ? `${linkedTitle(s, 80)}${s.outlet ? `, ${escapeMarkdown(s.outlet)}` : ""} ¶${s.paragraph}` : ""}`);
    }
  }
  if (help.questions.length) lines.push("", "**Questions these articles answer:**", ...help.questions.slice(0, 3).map((q) => `• ${escapeMarkdown(q)}`));
  if (help.people.length) lines.push("", `**Most quoted:** ${help.people.map((p) => `${escapeMarkdown(p.name)} (${p.count})`).join(", ")}`);
  lines.push("", "`/sources` lists the articles I search.");
  const embed: EmbedData = {
    title: shorten(view.question, LIMITS.title),
    description: shorten(lines.join("\n"), LIMITS.description),
    color: MISS_COLOR,
    footer: { text: `Searched ${opts.articlesSearched} article${opts.articlesSearched === 1 ? "" : "s"}` },
  };
  const row: ButtonData[] = [button("Helpful", answerButtonId("up", view.id), 3), button("Not helpful", answerButtonId("down", view.id), 4)];
  return { embeds: [embed], components: [{ type: 1, components: row }] };
}

/** One paragraph around a cited item, the item in bold, with the article's title, outlet, date and link. */
export function paragraphEmbed(p: { text: string; paragraph: number; article: { title: string | null; outlet: string | null; url: string | null; published: string | null } }, item: AnswerItem): EmbedData {
  const at = p.text.indexOf(item.text);
  const marked = at >= 0 ? withHighlight(p.text, { start: at, end: at + item.text.length }) : escapeMarkdown(p.text);
  let description = marked;
  if (description.length > LIMITS.description - 10) description = at >= 0 ? `**${escapeMarkdown(shorten(item.text, LIMITS.description - 20))}**` : escapeMarkdown(shorten(p.text, LIMITS.description - 10));
  const where = [p.article.outlet, formatDate(p.article.published), `¶${p.paragraph}`].filter(Boolean).join(" · ");
  const url = p.article.url && /^https?:\/\//.test(p.article.url) ? p.article.url : undefined;
  return {
    title: shorten(p.article.title ?? "Untitled article", LIMITS.title),
    ...(url ? { url } : {}),
    description,
    color: EMBED_COLOR,
    footer: { text: where },
  };
}
