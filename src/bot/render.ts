import type { AskResult } from "./conversation.js";
import type { BotContext } from "./context.js";
import { answerReply, missReply, type ReplyData } from "./format/answer.js";
import type { StoredAnswer } from "./store/store.js";

type Answered = Extract<AskResult, { ok: true }>;

/** An answered question as Discord shows it: the answer with its buttons, or a miss with what to try. */
export async function renderAnswer(ctx: BotContext, r: Pick<Answered, "stored" | "readingAs" | "note" | "miss">): Promise<ReplyData> {
  const opts = { articlesSearched: ctx.engine.articles.length, readingAs: r.readingAs, note: r.note };
  if (r.miss) return missReply(r.stored, await ctx.engine.suggestions(), opts);
  return answerReply(r.stored, opts);
}

/** A "More" page of a stored answer. */
export function renderPage(ctx: BotContext, stored: StoredAnswer, offset: number): ReplyData {
  return answerReply(stored, { articlesSearched: ctx.engine.articles.length, offset });
}
