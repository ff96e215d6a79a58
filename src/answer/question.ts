export const MAX_QUESTION_CHARS = 1000;

export class QuestionError extends Error {
  constructor(
    message: string,
    readonly kind: "empty" | "too-long",
  ) {
    super(message);
  }
}

/** Trims a question and refuses empty or over-long ones with a message fit for a user. */
export function validateQuestion(raw: string): string {
  const q = raw.replace(/\s+/g, " ").trim();
  if (!q) throw new QuestionError("Ask a question, e.g. \"What did the Kremlin say?\"", "empty");
  if (q.length > MAX_QUESTION_CHARS) {
    throw new QuestionError(`That question is ${q.length} characters long; please keep it under ${MAX_QUESTION_CHARS}.`, "too-long");
  }
  return q;
}
