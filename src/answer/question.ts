import { stripVTControlCharacters } from "node:util";

export const MAX_QUESTION_CHARS = 1000;

export class QuestionError extends Error {
  constructor(
    message: string,
    readonly kind: "empty" | "too-long",
  ) {
    super(message);
  }
}

const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF]/g;
const SQL_START = /^\s*['"`)]*\s*(?:select|insert|update|delete|drop|union|alter|create|truncate|exec|execute|declare)\b/i;
const SQL_TAUTOLOGY = /\b(?:or|and)\s+['"]?\w+['"]?\s*=\s*['"]?\w+['"]?/i;

/**
 * The words of a question without what was pasted around them: terminal escapes and other
 * controls, HTML tags and scripts, Discord mentions and emoji, markdown markers, and SQL or
 * comment fragments ("'; DROP TABLE users; -- what did the Chancellery say?" asks what the Chancellery
 * said). Pure.
 */
export function cleanQuestion(raw: string): string {
  let q = stripVTControlCharacters(raw).replace(CONTROLS, " ");
  q = q.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ");
  q = q.replace(/<\/?[a-z!][^<>]*>/gi, " ");
  q = q.replace(/<(?:@[!&]?|#|a?:\w+:)\d+>/g, " ");
  q = q.replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/g, (e) => ({ "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'", "&nbsp;": " " })[e] ?? " ");
  q = q.replace(/```\w*|`|\*\*|__|~~|\|\|/g, " ");
  // SQL pasted before or after: keep the parts that read like words.
  const parts = q.split(/;|--|\/\*|\*\//);
  if (parts.length > 1) {
    const kept = parts.filter((p) => /\p{L}{2}/u.test(p) && !SQL_START.test(p) && !SQL_TAUTOLOGY.test(p));
    q = kept.join(" ");
  }
  return q.replace(/^[\s'"`)]+(?=\p{L})/u, "").replace(/\s+/g, " ").trim();
}

/** Cleans a question and refuses empty or over-long ones with a message fit for a user. */
export function validateQuestion(raw: string): string {
  const typed = raw.replace(/\s+/g, " ").trim();
  if (typed.length > MAX_QUESTION_CHARS) {
    throw new QuestionError(`That question is ${typed.length} characters long; please keep it under ${MAX_QUESTION_CHARS}.`, "too-long");
  }
  const q = cleanQuestion(typed);
  if (!q) throw new QuestionError("Ask a question about the articles, e.g. \"Who met whom, and when?\"", "empty");
  return q;
}
