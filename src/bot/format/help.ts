import { escapeMarkdown } from "discord.js";
import { EMBED_COLOR } from "./answer.js";
import type { BotContext } from "../context.js";
import type { EmbedData } from "./limits.js";

/**
 * `people`: the corpus's most quoted speakers, most first. The examples name them, so the help
 * fits whatever story the corpus covers instead of one written in.
 */
export function helpEmbed(botMention: string | null, people: readonly string[] = []): EmbedData {
  const mention = botMention ?? "@Dossier";
  const names = people.slice(0, 2).map((p) => escapeMarkdown(p));
  const askExample = names[0] ? `*What did ${names[0]} say?*` : "*What happened?*";
  const quotesExample = names.length ? ` (${names.map((p) => `*${p}*`).join(", ")})` : "";
  return {
    title: "Dossier answers questions about the story from its articles",
    color: EMBED_COLOR,
    description: [
      "Every answer is quoted word for word from the articles, with who said it and where it was published. When the articles don't say, neither do I.",
      "",
      `\`/ask question:\` ask anything about the story, e.g. ${askExample} (\`private:True\`: only you see it)`,
      `${mention} *your question*: the same, right in the conversation (🤷 means the articles don't say)`,
      "**Follow up** under an answer opens a thread: ask on there (\"what did he mean by that?\"), or reply to an answer",
      `\`/quotes speaker:\` every quote by a person or organisation${quotesExample}`,
      "`/people`: who is quoted, with role, number of quotes, first and last date; pick one to read their quotes",
      "`/timeline` (`since:` `until:` `about:`): the story's dated events, oldest first, each cited",
      "`/whatsnew since:` what the articles added since a date (*2025-12-01*, *last week*)",
      "Questions about time work too: *the latest meeting*, *in August*, *before the December talks*",
      "`/sources`: the articles I search and when they were indexed",
      "`/corpus add` / `/corpus remove` / `/reindex` / `/feedback`: moderators only",
    ].join("\n"),
  };
}

/** The two most quoted speakers, for the help's examples; none when the index cannot be read. */
export function topSpeakers(ctx: Pick<BotContext, "engine">): string[] {
  try {
    return ctx.engine.speakers().slice(0, 2).map((s) => s.name);
  } catch {
    return [];
  }
}
