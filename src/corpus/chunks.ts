import type { Paragraph, Span } from "./types.js";
import { splitSentences } from "./sentences.js";

/**
 * Splits a paragraph into pieces that fit the model's window, only between sentences. A single
 * sentence longer than the window stays whole (the model truncates it) rather than be cut.
 */
export function chunkParagraph(p: Paragraph, maxTokens: number, countTokens: (t: string) => number): Span[] {
  if (countTokens(p.text) <= maxTokens) return [{ start: p.start, end: p.end }];
  const sentences = splitSentences(p.text, p.start);
  const chunks: Span[] = [];
  let current: Span | null = null;
  let used = 0;
  for (const s of sentences) {
    const n = countTokens(s.text);
    if (current && used + n <= maxTokens) {
      current.end = s.end;
      used += n;
    } else {
      if (current) chunks.push(current);
      current = { start: s.start, end: s.end };
      used = n;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
