import { QuestionError, validateQuestion } from "../answer/question.js";
import type { BotContext } from "./context.js";
import { answerReply, type ReplyData } from "./format/answer.js";

export type Checked = { ok: true; question: string } | { ok: false; message: string };

/** Length and rate checks shared by /ask and @mentions, before any work is done. */
export function checkQuestion(ctx: BotContext, userId: string, raw: string): Checked {
  let question: string;
  try {
    question = validateQuestion(raw);
  } catch (err) {
    if (err instanceof QuestionError) return { ok: false, message: err.message };
    throw err;
  }
  const limit = ctx.rateLimiter.take(userId);
  if (!limit.ok) {
    const seconds = Math.ceil(limit.retryAfterMs / 1000);
    return { ok: false, message: `You're asking faster than I can keep up: try again in ${seconds} s (at most ${ctx.config.rateLimit.questions} questions every ${ctx.config.rateLimit.windowMs / 1000} s).` };
  }
  return { ok: true, question };
}

export async function answerFor(ctx: BotContext, question: string): Promise<ReplyData> {
  const answer = await ctx.engine.ask(question);
  return answerReply(answer, ctx.engine.articles.length);
}
