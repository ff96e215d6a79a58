/** The answer contract shared by the CLI (--json), the Discord bot and the evaluation. */
export interface Source {
  article: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  /** 1-based paragraph number in the article, as shown to users. */
  paragraph: number;
  /** The article's publication date (ISO yyyy-mm-dd) when known. */
  published?: string | null;
}

/**
 * quote: words in quote marks (a short quote inside a sentence is shown with its sentence);
 * statement: reported speech ("the ministry said the positions had moved closer");
 * passage: the outlet's own narration, never attributed to anyone.
 */
export type ItemKind = "quote" | "statement" | "passage";

export interface AnswerItem {
  text: string;
  kind: ItemKind;
  speaker: string | null;
  role: string | null;
  sources: Source[];
  score: number;
  /** The part of `text` that answers the question's type (a duration, a date, a count), as offsets into `text`. */
  highlight?: { start: number; end: number } | null;
  /**
   * Outlets differ on this figure (src/answer/differ.ts): the same fact is given another figure by
   * the items at indices `with` (0-based, in this answer); `figure` is this item's, as written
   * ("just over two hours").
   */
  differs?: { with: number[]; figure: string };
}

/**
 * Why an answer looks the way it does. Callers decide what to show from this code, never by
 * comparing message strings.
 * - answered: items answer the question.
 * - overview: a broad question ("what happened?"), answered with the articles' lead sentences.
 * - not-mentioned: a name or rare word of the question is nowhere in the articles (`missing`).
 * - speaker-not-quoted: the person asked about is in the articles but nothing they said is.
 * - not-covered: the words are there but nothing answers; `nearest` may hold related passages.
 * - empty-corpus: there is nothing to answer from.
 * - invalid-question: empty or too long (`message` says which).
 */
export type ReasonCode = "answered" | "overview" | "not-mentioned" | "speaker-not-quoted" | "not-covered" | "empty-corpus" | "invalid-question";

export interface Answer {
  question: string;
  answered: boolean;
  reason: ReasonCode;
  /** A sentence for people, matching `reason`; present when not answered. */
  message?: string;
  /** For not-mentioned: the words of the question the articles never use. */
  missing?: string[];
  items: AnswerItem[];
  /** When not answered: the closest passages, shown as "nearest", never as the answer. */
  nearest?: AnswerItem[];
}
