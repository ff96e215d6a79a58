import { stemmer } from "stemmer";
import { eng } from "stopword";
import lemmatizer from "wink-lemmatizer";
import { alternation, english } from "../lexicon/english.js";

/**
 * THE tokenizer. Every place that compares words (the BM25 index, its document frequencies,
 * questions, overlap between a question and a sentence, fuzzy name matching) goes through
 * `terms`/`termSpans`, so "U.S.", "US" and "u.s." are one term everywhere, "Norway's" is
 * "norway", and "Dvořák" with or without diacritics is one spelling.
 */

export const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...english.functionWords, ...english.questionStopWords]);

export interface TermSpan {
  /** The stemmed term. */
  term: string;
  /** The word before stemming: lower case, no diacritics or possessive. */
  word: string;
  /** Offsets of the word in the text given. */
  start: number;
  end: number;
}

// A word: letters/digits, inner apostrophes ("don't", "Norway's"), a dotted acronym ("U.S."), or
// a number with thousands separators ("1,000", one term with "1000", not "1" and "000").
const WORD = /(?:\p{L}\.){2,}|\d{1,3}(?:,\d{3})+(?![\d,]*\d)|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

const ORDINALS = [...english.ordinals];

/**
 * Lower case without diacritics, so "Dvorak" and "Dvořák" meet; an ordinal in figures as
 * the word ("4th" is "fourth"), as outlets write either.
 */
export function foldWord(raw: string): string {
  const word = raw
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/(?<=\d),(?=\d{3})/g, "")
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

/** The lexicon's long and short forms of one name ("United States", "USA"), each to its short form. */
const NAME_FORM = new Map(Object.entries(english.nameForms).flatMap(([short, forms]) => forms.map((f) => [foldedWords(f).join(" "), short] as const)));
/** A name's form starting right where it is tried (sticky), longest first. */
const NAME_FORM_AT = new RegExp(`(?<![\\p{L}.])(?:${alternation(new Set(Object.values(english.nameForms).flat())).replace(/ /g, "\\s+")})(?![\\p{L}])`, "iuy");

/**
 * Every term of `text` in order, to `visit`, until it returns false. A name's written-out form
 * ("the United States") is one term, its short form's, tried at each word as the walk reaches it,
 * so a walk that stops early reads no further.
 */
function walk(text: string, visit: (t: TermSpan) => boolean | void): void {
  let inName = -1;
  for (const m of text.matchAll(WORD)) {
    const start = m.index!;
    // The first word of a name's form stands for all of it; the rest are inside it.
    if (start < inName) continue;
    NAME_FORM_AT.lastIndex = start;
    const name = NAME_FORM_AT.exec(text);
    const short = name ? NAME_FORM.get(foldedWords(name[0]).join(" ")) : undefined;
    if (name && short) {
      inName = start + name[0].length;
      if (visit({ term: short, word: short, start, end: inName }) === false) return;
      continue;
    }
    const word = foldWord(m[0]);
    if (isStop(m[0], word)) continue;
    if (visit({ term: stemOf(word), word, start, end: start + m[0].length }) === false) return;
  }
}

export function termSpans(text: string): TermSpan[] {
  const out: TermSpan[] = [];
  walk(text, (t) => void out.push(t));
  return out;
}

export function terms(text: string): string[] {
  return termSpans(text).map((t) => t.term);
}

/** The first `n` terms of a text, as `terms(text).slice(0, n)`, without reading the rest of it. */
export function firstTerms(text: string, n: number): string[] {
  const out: string[] = [];
  if (n > 0) walk(text, (t) => out.push(t.term) < n);
  return out;
}

/** Every word folded, stop words included: for phrases ("the talks in march") and names. */
export function foldedWords(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => foldWord(m[0])).filter(Boolean);
}
