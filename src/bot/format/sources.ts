import { escapeMarkdown, time } from "discord.js";
import type { ArticleRecord } from "../../index/schema.js";
import { EMBED_COLOR } from "./answer.js";
import { LIMITS, shorten, type EmbedData } from "./limits.js";

export function sourcesEmbed(articles: ArticleRecord[], builtAt: string): EmbedData {
  const built = new Date(builtAt);
  const lines = articles.map((a) => {
    const title = escapeMarkdown(shorten(a.title ?? a.file, 120));
    const linked = a.url && /^https?:\/\//.test(a.url) ? `[${title.replace(/[[\]]/g, "")}](${a.url})` : `**${title}**`;
    const bits = [a.outlet && escapeMarkdown(a.outlet), a.published, `${a.paragraphs} paragraphs`, `${a.quotes} quotes`, `\`${a.file}\``].filter(Boolean);
    return `${linked}\n${bits.join(" · ")}`;
  });
  let description = "";
  let shown = 0;
  for (const line of lines) {
    const more = `\n\n*+${lines.length - shown - 1} more*`;
    if (description.length + line.length + 2 + more.length > LIMITS.description) break;
    description += (description ? "\n\n" : "") + line;
    shown++;
  }
  if (shown < lines.length) description += `\n\n*+${lines.length - shown} more*`;
  return {
    title: `${articles.length} indexed article${articles.length === 1 ? "" : "s"}`,
    description: description || "No articles yet. Moderators can add files to the corpus folder and run `/reindex`.",
    color: EMBED_COLOR,
    fields: [{ name: "Index built", value: Number.isNaN(built.getTime()) ? "unknown" : `${time(built, "f")} (${time(built, "R")})` }],
  };
}
