import { escapeMarkdown } from "discord.js";
import type { Answer, AnswerItem, Source } from "../../answer/types.js";
import { LIMITS, fitsLimits, shorten, type EmbedData } from "./limits.js";

export const EMBED_COLOR = 0x2b6cb0;
const MAX_SOURCES_PER_ITEM = 4;
const GENERIC_MISS = "The articles don't cover that.";

export interface ReplyData {
  content?: string;
  embeds?: EmbedData[];
}

/** Block-quoted, markdown-escaped text: shown exactly as the article has it. */
export function blockQuote(text: string): string {
  return escapeMarkdown(text)
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

function who(item: AnswerItem): string | null {
  if (!item.speaker) return null;
  return item.role ? `**${escapeMarkdown(item.speaker)}**, ${escapeMarkdown(item.role)}` : `**${escapeMarkdown(item.speaker)}**`;
}

function sourceLine(n: number, s: Source): string {
  const title = escapeMarkdown(shorten(s.title ?? s.article, 120)).replace(/[[\]]/g, "");
  const link = s.url && /^https?:\/\//.test(s.url) ? `[${title}](${s.url})` : `**${title}**`;
  return `[${n}] ${link}${s.outlet ? ` — ${escapeMarkdown(s.outlet)}` : ""}`;
}

/** The answer as Discord shows it: an embed when answered, a plain "the articles don't say" otherwise. */
export function answerReply(answer: Answer, articlesSearched: number): ReplyData {
  if (!answer.answered || answer.items.length === 0) {
    const detail = answer.message && answer.message !== GENERIC_MISS ? ` ${answer.message}` : "";
    return { content: shorten(`The articles don't say.${detail} Use \`/sources\` to see which articles I search.`, LIMITS.content) };
  }
  const footer = { text: `Searched ${articlesSearched} article${articlesSearched === 1 ? "" : "s"}` };
  for (let k = answer.items.length; k >= 1; k--) {
    const embed = buildAnswerEmbed(answer, k, footer);
    if (fitsLimits(embed)) return { embeds: [embed] };
  }
  // One quote longer than a whole embed: the only case where text is shortened, at a word boundary.
  const first = answer.items[0]!;
  const room = LIMITS.description - 400;
  const trimmed = { ...answer, items: [{ ...first, text: shorten(first.text, room) }] };
  const embed = buildAnswerEmbed(trimmed, 1, footer, answer.items.length - 1);
  for (const f of embed.fields ?? []) f.value = shorten(f.value, LIMITS.fieldValue);
  return { embeds: [embed] };
}

function buildAnswerEmbed(answer: Answer, k: number, footer: { text: string }, extraMore = 0): EmbedData {
  const sources: Source[] = [];
  const keyOf = (s: Source) => `${s.article}#${s.paragraph}`;
  const numberOf = (s: Source) => {
    const i = sources.findIndex((x) => keyOf(x) === keyOf(s));
    return i >= 0 ? i + 1 : sources.push(s);
  };
  const blocks = answer.items.slice(0, k).map((item) => {
    // A passage syndicated to many outlets: cite the first few, count the rest.
    const shown = item.sources.slice(0, MAX_SOURCES_PER_ITEM);
    const extra = item.sources.length - shown.length;
    const refs = [...new Set(shown.map(numberOf))].map((n) => `[${n}]`).join("") + (extra > 0 ? ` +${extra} more` : "");
    const by = who(item);
    return `${blockQuote(item.text)}\n${by ? `— ${by} ` : ""}${refs}`;
  });
  const more = answer.items.length - k + extraMore;
  if (more > 0) blocks.push(`*+${more} more*`);
  // One numbered line per cited article paragraph.
  const lines = sources.map((s, i) => `${sourceLine(i + 1, s)} ¶${s.paragraph}`);
  return {
    title: shorten(answer.question, LIMITS.title),
    description: blocks.join("\n\n"),
    color: EMBED_COLOR,
    fields: [{ name: "Sources", value: lines.join("\n") }],
    footer,
  };
}
