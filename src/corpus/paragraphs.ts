import { english } from "../lexicon/english.js";
import type { Article, Paragraph } from "./types.js";

/** Lines that pages leave in scraped text but that are not part of the story: English ones and the story's own. */
function isFurniture(line: string, extra: readonly string[]): boolean {
  const t = line.toLowerCase().replace(/[\s:.»>›→-]+$/, "");
  const known = (l: string) => t === l || (t.startsWith(`${l}:`) && t.length < 160);
  return english.furnitureLines.some(known) || extra.some(known);
}

/** Each credit phrase where a credit starts: at the line's start or after "(", "[", ";" or ",". */
const CREDIT_PATTERNS = english.creditLines.map((c) => new RegExp(`(?:^|[(\\[;,]\\s*)${c} `));

/**
 * A wire credit line: "(Reporting by Levant Wire staff; Editing by the Gulf desk)", in brackets or
 * naming two credits; not a sentence that opens with "Reporting by state media…".
 */
function isCreditLine(t: string): boolean {
  if (t.length > 300) return false;
  const lower = t.toLowerCase();
  const bracketed = /^[(\[]/.test(t) && /[)\]]\s*$/.test(t);
  const unbracketed = lower.replace(/^[(\[]\s*/, "");
  const opens = english.creditLines.some((c) => unbracketed.startsWith(`${c} `));
  return opens && (bracketed || CREDIT_PATTERNS.filter((re) => re.test(lower)).length >= 2);
}

export function isStoryLine(line: string, furniture: readonly string[] = []): boolean {
  const t = line.trim();
  if (!t) return false;
  if (!/[\p{L}\p{N}]/u.test(t)) return false; // stray "." or "***"
  if (isFurniture(t, furniture)) return false;
  if (isCreditLine(t)) return false;
  if (/^#{1,6}\s/.test(t)) return false; // markdown sub-headings
  if (/\b(?:Photo|Picture|Image|File photo)\s*:\s*\p{Lu}[\p{L}\s/.&-]*\)?$/u.test(t)) return false; // photo captions
  // Datelines such as "LISBON/LONDON/ABOARD THE PRESIDENTIAL JET:" carry no lowercase story text.
  if (!/\p{Ll}/u.test(t) && t.split(/\s+/).length < 10) return false;
  return true;
}

const ENDS_LIKE_PARAGRAPH = /[.!?:"”’)\]…]\s*$/;

/**
 * Paragraphs from the article's line structure. Blank lines separate blocks; inside a block,
 * lines that each end like a sentence are paragraphs of their own (one-line-per-paragraph
 * files), otherwise the block is one hard-wrapped paragraph.
 */
export function splitParagraphs(article: Article, furniture: readonly string[] = []): Paragraph[] {
  const { content, bodyStart } = article;
  const lines: { start: number; end: number; text: string }[] = [];
  const re = /[^\r\n]*(\r?\n|$)/g;
  re.lastIndex = bodyStart;
  for (;;) {
    const m = re.exec(content);
    if (!m || m[0] === "") break;
    const raw = m[0].replace(/\r?\n$/, "");
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    lines.push({ start: m.index + lead, end: m.index + lead + text.length, text });
    if (re.lastIndex >= content.length) break;
  }
  const blocks: (typeof lines)[] = [];
  let current: typeof lines = [];
  for (const line of lines) {
    if (!line.text) {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length) blocks.push(current);

  const spans: { start: number; end: number }[] = [];
  for (const block of blocks) {
    const story = block.filter((l) => isStoryLine(l.text, furniture));
    if (!story.length) continue;
    const wrapped = story.length > 1 && story.slice(0, -1).some((l) => !ENDS_LIKE_PARAGRAPH.test(l.text));
    if (wrapped) spans.push({ start: story[0]!.start, end: story[story.length - 1]!.end });
    else for (const l of story) spans.push({ start: l.start, end: l.end });
  }
  return spans.map((s, i) => ({ ...s, number: i + 1, text: content.slice(s.start, s.end) }));
}
