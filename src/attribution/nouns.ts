import { compromise } from "../text/nlp.js";

/**
 * What kind of thing a short capitalised or plural subject names, from compromise's lexicon and
 * tagger: "Sources", "Critics" and "officials" are plural (unnamed people); "Paris", "NATO" and
 * "Sky News" are places or organisations; "Wrzosek" is a person (a word the lexicon does not know,
 * written with a capital, is most likely a name).
 */
export type NounKind = "person" | "org" | "plural" | "common";

let lexicon: Record<string, unknown> | null = null;
const lexiconOf = () => (lexicon ??= (compromise().world() as { model: { one: { lexicon: Record<string, unknown> } } }).model.one.lexicon);

const kinds = new Map<string, NounKind>();

export function nounKind(phrase: string): NounKind {
  let k = kinds.get(phrase);
  if (!k) {
    k = tagKind(phrase);
    if (kinds.size > 50_000) kinds.clear();
    kinds.set(phrase, k);
  }
  return k;
}

function tagKind(phrase: string): NounKind {
  const doc = compromise()(phrase);
  if (doc.has("(#Place|#Organization|#Country|#Acronym)")) return "org";
  if (doc.has("#Person") && !doc.has("#Plural")) return "person";
  const words = phrase.split(/\s+/);
  const last = words[words.length - 1]!.toLowerCase().replace(/['’]s?$/, "");
  if (compromise()(last).has("#Plural")) return "plural";
  const known = last in lexiconOf() || compromise()(last).has("(#Pronoun|#Determiner|#Preposition|#Conjunction|#Verb)");
  if (words.length === 1) return known ? "common" : "person";
  return known ? "common" : "org";
}

/** Is the word a verb when read alone ("had", "said", "took")? For telling a subject from an object. */
export function looksLikeVerb(word: string): boolean {
  const w = word.toLowerCase();
  return compromise()(w).has("#Verb") && !compromise()(w).has("(#Noun|#Adjective)");
}
