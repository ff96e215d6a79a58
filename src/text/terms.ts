import { stemmer } from "stemmer";
import { eng } from "stopword";
import lemmatizer from "wink-lemmatizer";
import { english } from "../lexicon/english.js";

/**
 * THE tokenizer. Every place that compares words (the BM25 index, its document frequencies,
 * questions, overlap between a question and a sentence, fuzzy name matching) goes through
 * `terms`/`termSpans`, so "U.S.", "US" and "u.s." are one term everywhere, "Russia's" is
 * "russia", and "Zelenskyy" with or without diacritics is one spelling.
 */

export const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...english.questionStopWords]);

export interface TermSpan {
  /** The stemmed term. */
  term: string;
  /** The word before stemming: lower case, no diacritics or possessive. */
  word: string;
  /** Offsets of the word in the text given. */
  start: number;
  end: number;
}

// A word: letters/digits, inner apostrophes ("don't", "Russia's"), or a dotted acronym ("U.S.").
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

const ORDINALS = [...english.ordinals];

/**
 * Lower case without diacritics, so "Zelenskyy" and "Zelenskyý" meet; an ordinal in figures as
 * the word ("4th" is "fourth"), as outlets write either.
 */
export function foldWord(raw: string): string {
  const word = raw
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/['’]s$/, "")
    .replace(/['’]/g, "");
  const ordinal = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(word);
  return (ordinal && ORDINALS[Number(ordinal[1]) - 1]) || word;
}

/**
 * A word's term: digits as they are; other words stemmed (Porter) after irregular verb forms are
 * lemmatised (WordNet's exceptions, via wink-lemmatizer), so "met" meets "meeting" and "flew" "fly".
 */
function stemOf(word: string): string {
  if (/^\d+$/.test(word)) return word;
  const lemma = lemmatizer.verb(word);
  const stem = stemmer(lemma);
  // Porter cuts short words to stems other words have: "use", "used" and "using" would be "us", the
  // United States' term, and "gas" "ga". A stem under three letters keeps the lemma.
  return stem.length < 3 && stem !== lemma ? lemma : stem;
}

/**
 * A pronoun's contraction ("he'd", "they're", "we'll", "I've") is as much a stop word as the
 * pronoun: folded, it would be a term ("hed", "theyr") that no other spelling meets, or another
 * word ("she'd" as "shed", "we'd" as "wed").
 */
const CONTRACTION = /^(\p{L}+)['’](?:d|ll|re|ve|m)$/u;
const isStop = (raw: string, word: string) => {
  if (word.length < 2 || STOP_WORDS.has(word)) return true;
  const c = CONTRACTION.exec(raw.toLowerCase());
  return !!c && (STOP_WORDS.has(c[1]!) || english.personPronouns.has(c[1]!));
};

/** The term for one word, or null for stop words and single letters. */
export function termOf(raw: string): string | null {
  const word = foldWord(raw);
  if (isStop(raw, word)) return null;
  return stemOf(word);
}

export function termSpans(text: string): TermSpan[] {
  const out: TermSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = foldWord(m[0]);
    if (isStop(m[0], word)) continue;
    out.push({ term: stemOf(word), word, start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

export function terms(text: string): string[] {
  return termSpans(text).map((t) => t.term);
}

/** The first `n` terms of a text, as `terms(text).slice(0, n)`, without reading the rest of it. */
export function firstTerms(text: string, n: number): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    if (out.length >= n) break;
    const term = termOf(m[0]);
    if (term !== null) out.push(term);
  }
  return out;
}

/** Every word folded, stop words included: for phrases ("the talks in march") and names. */
export function foldedWords(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => foldWord(m[0])).filter(Boolean);
}
