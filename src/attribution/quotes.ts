/** Direct quotes in a paragraph: straight or curly marks, possibly left open at its end. */
export interface QuoteSpan {
  /** Offsets of the opening and closing marks (close = paragraph end when left open). */
  open: number;
  close: number;
  /** Offsets of the quoted words, without the marks. */
  start: number;
  end: number;
  /** True when the paragraph ends before the quote closes (news style for a continued quote). */
  runsOn: boolean;
}

const OPENERS = new Set(['"', "“", "«", "„"]);
const CLOSERS: Record<string, string[]> = { '"': ['"', "”"], "“": ["”", '"'], "«": ["»"], "„": ["“", "”"] };

export function findQuotes(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (!OPENERS.has(ch)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && !CLOSERS[ch]!.includes(text[j]!)) j++;
    const runsOn = j >= text.length;
    const inner = trimSpan(text, i + 1, runsOn ? text.length : j);
    if (inner.end > inner.start) out.push({ open: i, close: runsOn ? text.length : j, ...inner, runsOn });
    i = j + 1;
  }
  return out;
}

/**
 * Quotes in single marks ('…' or ‘…’), as headlines and British copy write them, outside the
 * double-quoted spans already found. An apostrophe inside a word ("Norway's", "don't") is never a
 * mark: an opening mark follows a space or punctuation, a closing one precedes it. A span must
 * hold two words or more and stay inside the paragraph.
 */
export function findSingleQuotes(text: string, taken: QuoteSpan[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const inside = (i: number) => taken.some((q) => i >= q.open && i <= q.close);
  const re = /(^|[\s(\[—–-])(['‘])(?=\p{L}|\d)/gu;
  for (const m of text.matchAll(re)) {
    const open = m.index! + m[1]!.length;
    if (inside(open) || out.some((q) => open <= q.close)) continue;
    const closers = m[2] === "‘" ? "’" : "'";
    const close = new RegExp(`(?<=[\\p{L}\\d.,!?])[${closers}](?=[\\s.,;:!?)\\]—–*-]|$)`, "u").exec(text.slice(open + 1));
    if (!close) continue;
    const end = open + 1 + close.index;
    const inner = trimSpan(text, open + 1, end);
    if (inside(end) || text.slice(inner.start, inner.end).split(/\s+/).length < 2) continue;
    out.push({ open, close: end, ...inner, runsOn: false });
  }
  return out;
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,]/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Masks quoted words with spaces so that names inside quotes are not taken as speakers. */
export function maskQuotes(text: string, quotes: QuoteSpan[]): string {
  let out = text;
  for (const q of quotes) out = out.slice(0, q.open) + " ".repeat(q.close - q.open) + out.slice(q.close);
  return out;
}
