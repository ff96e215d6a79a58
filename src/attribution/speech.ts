import { alternation, capitalisedAbbreviations, english } from "../lexicon/english.js";

/** Verbs that report speech or writing (english.yaml); a subject before them is a speaker. */
const VERBS = alternation(english.speechVerbs);
const PARTICIPLES = alternation(english.speechParticiples);

const VERB_RE = new RegExp(`\\b(?:${VERBS})\\b`, "g");

export interface VerbHit {
  index: number;
  end: number;
  verb: string;
}

/** Every speech verb of `text`, in order. */
export function findSpeechVerbs(text: string): VerbHit[] {
  return [...text.matchAll(VERB_RE)].map((m) => ({ index: m.index!, end: m.index! + m[0].length, verb: m[0] }));
}

/**
 * "…, saying that …" / "…, dismissing the plan as …": an -ing clause after a comma takes the
 * sentence's subject. `anyVerb` accepts every -ing word (next to a quote, the quote is what is said);
 * otherwise only the speech participles of english.yaml count.
 */
export function findParticiple(text: string, anyVerb: boolean): VerbHit | null {
  const re = anyVerb ? /,\s+(?:and\s+)?(\p{Ll}+ing)\b/gu : new RegExp(`,\\s+(?:and\\s+)?(${PARTICIPLES})\\b`, "g");
  let last: VerbHit | null = null;
  for (const m of text.matchAll(re)) last = { index: m.index!, end: m.index! + m[0].length, verb: m[1]! };
  return last;
}

/** A word of a subject: letters, or initials such as "U.S." (a full stop otherwise ends the sentence). */
const W = `(?:(?:\\p{Lu}\\.){1,3}|(?:${alternation(capitalisedAbbreviations)})\\.|[\\p{L}\\d'’-]+)`;

/** The attribution that follows a quote: `"…," he said` / `"…" Novak demanded` / `, said Varga`. */
export const SUBJECT_VERB_AFTER = new RegExp(
  `^[\\s,—–-]*((?:${W}\\s+){0,7}?${W}(?:\\s*,[^,"“”«»]{1,90},)?)\\s+(?:\\p{Ll}+ly\\s+|also\\s+|later\\s+|then\\s+|once\\s+more\\s+)?(${VERBS})\\b`,
  "u",
);
export const VERB_SUBJECT_AFTER = new RegExp(`^[\\s,—–-]*(${VERBS})\\s+((?:${W}\\s*){1,12}?)(?=\\s*(?:[,.;:!?—–()]|(?<=\\s)(?:who|which|that|on|in|at|after|before|during|when|while|to|of)\\b|$))`, "u");
/** `"…?" Novak demanded.`: a short subject and one verb, then the sentence ends. */
export const ANY_VERB_AFTER = /^[\s,—–-]*((?:[\p{L}'’-]+\s+){0,5}?[\p{L}'’-]+)\s+(\p{Ll}+)(?:\s+(?:back|again|out|up|on|in))?\s*[.!]/u;

export const ACCORDING_TO = new RegExp(`\\b(?:according to|in the words of)\\s+((?:${W}\\s*){1,10}?)(?=\\s*(?:[,.;:!?—–()]|(?<=\\s)(?:who|which|that|on|in|at|after|before|during|when|while|to)\\b|$))`, "giu");

/** "In Varga's words, …": the owner of the words. */
export const IN_WORDS = /\b[Ii]n\s+((?:[\p{Lu}][\p{L}.'’-]*\s+){0,3}[\p{Lu}][\p{L}.-]*|his|her)['’]s?\s+(?:own\s+)?words\b/gu;

/** "As President Novak put it, …": the words that follow are the one named. */
export const AS_X_PUT_IT = new RegExp(`\\b[Aa]s\\s+((?:${W}\\s+){0,5}?${W})\\s+(?:\\p{Ll}+ly\\s+)?(?:(?:has|had)\\s+)?(?:put|puts|phrased|phrases)\\s+it\\b`, "gu");
