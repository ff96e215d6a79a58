/**
 * Custom ids of the bot's buttons and modals. Each carries what its handler needs (an answer id
 * kept in the store, a page, an offset), so a button still works after a restart; parse() decodes
 * an id once and returns data or null (Sapphire's InteractionHandler.parse()).
 */
export type AnswerAction = "up" | "down" | "para" | "more" | "follow";

export interface AnswerButton {
  action: AnswerAction;
  answerId: string;
  /** For "more" and "para": the first item of the page. */
  offset: number;
}

const ANSWER = /^ans:(up|down|para|more|follow):([A-Za-z0-9_-]{4,32})(?::(\d{1,3}))?$/;

export function answerButtonId(action: AnswerAction, answerId: string, offset = 0): string {
  return action === "para" || action === "more" ? `ans:${action}:${answerId}:${offset}` : `ans:${action}:${answerId}`;
}

export function parseAnswerButton(id: string): AnswerButton | null {
  const m = ANSWER.exec(id);
  return m ? { action: m[1] as AnswerAction, answerId: m[2]!, offset: Number(m[3] ?? 0) } : null;
}

/** The modal a private answer's "Follow up" opens. */
const FOLLOW_MODAL = /^fu:([A-Za-z0-9_-]{4,32})$/;
export const FOLLOW_INPUT = "question";

export function followModalId(answerId: string): string {
  return `fu:${answerId}`;
}

export function parseFollowModal(id: string): { answerId: string } | null {
  const m = FOLLOW_MODAL.exec(id);
  return m ? { answerId: m[1]! } : null;
}

export const REINDEX_NOW = "reindex:now";
