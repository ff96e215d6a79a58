import { english } from "../lexicon/english.js";

/**
 * Transcript lines: "QUESTION: …", "LINDQVIST: …", "Q: …", "A: …". A label is capitals (or Q / A)
 * before a colon at the start of a paragraph; an article is read as a transcript only when at
 * least two of its paragraphs carry one (a single "ANALYSIS:" is not a transcript).
 */
export interface TranscriptLabel {
  text: string;
  kind: "question" | "answer" | "name";
  /** Offset just after the label and the spaces that follow its colon. */
  end: number;
  /** Written in capitals ("LINDQVIST"), as transcripts write speakers. */
  capitals: boolean;
}

const LABEL = /^\s*(?:\*\*)?(\p{Lu}[\p{Lu}.'’ -]{0,40}?|Q|A|\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,2})(?:\*\*)?\s*:(?:\*\*)?\s+/u;

export function transcriptLabel(paragraph: string): TranscriptLabel | null {
  const m = LABEL.exec(paragraph);
  if (!m) return null;
  const text = m[1]!.trim();
  if (!/\p{Lu}/u.test(text)) return null;
  const low = text.toLowerCase();
  const kind = english.questionLabels.has(low) ? "question" : english.answerLabels.has(low) ? "answer" : "name";
  // "Lindqvist:" in title case is a label only if it names someone (checked by the caller); "Photo:"
  // or "Update:" never is.
  return { text, kind, end: m[0].length, capitals: text === text.toUpperCase() };
}
