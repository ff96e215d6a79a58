import { escapeMarkdown, time } from "discord.js";
import type { ArticleRecord } from "../../index/schema.js";
import { EMBED_COLOR, formatDate } from "./answer.js";
import { LIMITS, shorten, type EmbedData } from "./limits.js";

function linked(title: string, url: string | null): string {
  const t = escapeMarkdown(shorten(title, 120));
  return url && /^https?:\/\//.test(url) ? `[${t.replace(/[[\]]/g, "")}](${url})` : `**${t}**`;
}

function details(a: ArticleRecord): string {
  return [a.outlet && escapeMarkdown(a.outlet), formatDate(a.published), `${a.paragraphs} paragraphs`, `${a.quotes} quotes`, `\`${a.file}\``].filter(Boolean).join(" · ");
}

export function sourcesEmbed(articles: ArticleRecord[], builtAt: string, titleOf: (file: string) => string | null): EmbedData {
  const built = new Date(builtAt);
  const lines = articles.map((a) => `${linked(titleOf(a.file) ?? a.file, a.url)}\n${details(a)}`);
  let description = "";
  let shown = 0;
  for (const line of lines) {
    const more = `\n\n*+${lines.length - shown - 1} more*`;
    if (description.length + line.length + 2 + more.length > LIMITS.description) break;
    description += (description ? "\n\n" : "") + line;
    shown++;
  }
  if (shown < lines.length) description += `\n\n*+${lines.length - shown} more; \`/sources article:\` finds one*`;
  return {
    title: `${articles.length} indexed article${articles.length === 1 ? "" : "s"}`,
    description: description || "No articles yet. Moderators can add them with `/corpus add` and `/reindex`.",
    color: EMBED_COLOR,
    fields: [{ name: "Index built", value: Number.isNaN(built.getTime()) ? "unknown" : `${time(built, "f")} (${time(built, "R")})` }],
  };
}

/** One article: its title (or one made from its text), outlet, date, link and counts. */
export function articleEmbed(a: ArticleRecord, title: string | null): EmbedData {
  const url = a.url && /^https?:\/\//.test(a.url) ? a.url : undefined;
  return {
    title: shorten(title ?? a.file, LIMITS.title),
    ...(url ? { url } : {}),
    description: details(a),
    color: EMBED_COLOR,
  };
}
