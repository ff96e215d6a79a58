import { resolveFollowUp, type PreviousTurn } from "../answer/followup.js";
import { QuestionError, validateQuestion } from "../answer/question.js";
import type { BotContext } from "./context.js";
import type { StoredAnswer } from "./store/store.js";

/** Items fetched per question: the first page is shown, the rest wait behind "More". */
export const ITEMS_PER_QUESTION = 9;
/** Earlier turns a follow-up is read against. */
const TURNS_READ = 4;

export interface Where {
  guildId: string | null;
  channelId: string;
  /** Set when the question was asked inside a thread. */
  threadId: string | null;
}

export interface AskRequest {
  text: string;
  userId: string;
  where: Where;
  /** Continue this conversation (a reply to an answer, a follow-up button); else the thread's, else a new one. */
  conversationId?: string | null;
  private: boolean;
}

export type AskResult =
  | { ok: true; stored: StoredAnswer; readingAs: string | null; note: string | null; miss: boolean }
  | { ok: false; message: string };

/**
 * One question in its conversation: the follow-up resolved from earlier turns, the engine asked,
 * the answer stored under an id (so buttons and replies resolve after a restart). Discord-free:
 * the callers format and send.
 */
export async function ask(ctx: BotContext, req: AskRequest): Promise<AskResult> {
  let typed: string;
  try {
    typed = validateQuestion(req.text);
  } catch (err) {
    if (err instanceof QuestionError) return { ok: false, message: err.message };
    throw err;
  }
  const { conversationId, note } = pickConversation(ctx, req);
  const turns: PreviousTurn[] = ctx.store.turns(conversationId, TURNS_READ).map((t) => ({
    question: t.askedAs,
    items: t.answer.items.map((i) => ({ text: i.text, speaker: i.speaker })),
  }));
  const names = ctx.engine.speakers().flatMap((s) => s.spellings);
  const resolved = resolveFollowUp(turns, typed, { names });
  const answer = await ctx.engine.ask(resolved.question, ITEMS_PER_QUESTION);
  const id = ctx.store.saveAnswer({
    conversationId,
    guildId: req.where.guildId,
    channelId: req.where.threadId ?? req.where.channelId,
    userId: req.userId,
    question: typed,
    askedAs: resolved.question,
    answer,
    private: req.private,
  });
  const stored = ctx.store.answer(id)!;
  return { ok: true, stored, readingAs: resolved.rewritten ? resolved.question : null, note, miss: !answer.answered || answer.items.length === 0 };
}

function pickConversation(ctx: BotContext, req: AskRequest): { conversationId: string; note: string | null } {
  const fresh = () => ctx.store.newConversation({ guildId: req.where.guildId, channelId: req.where.channelId, threadId: req.where.threadId });
  const expiredNote = "That conversation has expired, so I read this as a new question.";
  if (req.conversationId) {
    const c = ctx.store.conversation(req.conversationId);
    if (c && !c.expired) return { conversationId: c.id, note: null };
    // A reply to an old answer: start over, in the thread when there is one.
    const id = req.where.threadId ? threadConversation(ctx, req) : fresh();
    return { conversationId: id, note: c ? expiredNote : "I no longer have that conversation, so I read this as a new question." };
  }
  if (req.where.threadId) {
    const c = ctx.store.conversationByThread(req.where.threadId);
    if (c && !c.expired) return { conversationId: c.id, note: null };
    return { conversationId: threadConversation(ctx, req), note: c ? expiredNote : null };
  }
  return { conversationId: fresh(), note: null };
}

/** A new conversation that owns the thread (an expired one gives the thread up). */
function threadConversation(ctx: BotContext, req: AskRequest): string {
  const id = ctx.store.newConversation({ guildId: req.where.guildId, channelId: req.where.channelId });
  ctx.store.releaseThread(req.where.threadId!);
  ctx.store.linkThread(id, req.where.threadId!);
  return id;
}

