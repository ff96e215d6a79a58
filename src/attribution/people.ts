import { english } from "../lexicon/english.js";
import { foldWord } from "../text/terms.js";
import { compromise } from "../text/nlp.js";

/**
 * Named people in news prose, by rule: a run of capitalised words, minus the titles and
 * nationality words in front of it, is a name when what is left looks like one. A descriptor
 * before the name ("Chancellery foreign policy adviser") becomes the person's role.
 */

export interface PersonMention {
  /** Offsets of the name itself in the text given. */
  start: number;
  end: number;
  name: string;
  role: string | null;
}

/** Title words that precede a name and belong to a role, not the name. */
const TITLES: ReadonlySet<string> = english.titles;

/** Nouns that make a descriptor a role ("adviser", "envoy"); a role must contain one. */
export const ROLE_NOUNS: ReadonlySet<string> = english.roleNouns;

/** Honorifics that stay part of the name ("Pope Francis"). */
const NAME_HONORIFICS: ReadonlySet<string> = english.nameHonorifics;

/** Capitalised words that are never part of a person's name. */
const NOT_NAMES: ReadonlySet<string> = english.notNames;

const NATIONALITIES: ReadonlySet<string> = english.nationalities;
const PARTICLES: ReadonlySet<string> = english.nameParticles;
const ABBREV_ORG = /^(?:[A-Z]\.){2,}$|^[A-Z]{2,5}$/;

const NO_WORDS: ReadonlySet<string> = new Set();

const WORD = /[\p{L}][\p{L}'’.-]*/gu;

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let t = m[0];
    // A trailing full stop ends a sentence unless the token is an initial or abbreviation.
    if (t.endsWith(".") && !/^(?:[A-Z]\.)+$/.test(t) && !/^(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Jr|Sr|St|Prof)\.$/.test(t)) t = t.slice(0, -1);
    out.push({ text: t, start: m.index!, end: m.index! + t.length });
  }
  return out;
}

export function stripPossessive(word: string): string {
  return word.replace(/['’]s?$/, "");
}

const isCap = (t: string) => /^\p{Lu}/u.test(t);
const bare = (t: string) => stripPossessive(t).replace(/\.$/, "").toLowerCase();

/** Person mentions in `text` (one sentence or paragraph). Known names extend single-word matches. */
export function findPeople(text: string, known: ReadonlyMap<string, string> = new Map(), notNames: ReadonlySet<string> = NO_WORDS): PersonMention[] {
  const notName = (w: string) => NOT_NAMES.has(w) || notNames.has(w);
  const toks = tokens(text);
  const out: PersonMention[] = [];
  let i = 0;
  while (i < toks.length) {
    if (!isCap(toks[i]!.text)) {
      i++;
      continue;
    }
    // A run of capitalised tokens separated only by spaces.
    // Lower-case particles join a run when a capitalised word follows ("Marta van der Linden").
    let j = i;
    const spaced = (a: number) => /^\s+$/.test(text.slice(toks[a]!.end, toks[a + 1]!.start)) && !/['’]s?$/.test(toks[a]!.text);
    for (;;) {
      if (j + 1 < toks.length && isCap(toks[j + 1]!.text) && spaced(j)) {
        j++;
        continue;
      }
      let p = j + 1;
      while (p < toks.length && PARTICLES.has(toks[p]!.text) && spaced(p - 1)) p++;
      if (p > j + 1 && p < toks.length && isCap(toks[p]!.text) && spaced(p - 1)) {
        j = p;
        continue;
      }
      break;
    }
    const run = toks.slice(i, j + 1);
    i = j + 1;
    let k = 0;
    while (k < run.length && (isTitleLike(run[k]!.text) || notName(bare(run[k]!.text)))) k++;
    // "Central Bank Governor Marta van der Linden": the name starts after the last title.
    for (let t = run.length - 2; t >= k; t--) {
      if (TITLES.has(bare(run[t]!.text)) && !NAME_HONORIFICS.has(bare(run[t]!.text))) {
        k = t + 1;
        break;
      }
    }
    let nameToks = run.slice(k);
    if (nameToks.length && NAME_HONORIFICS.has(bare(run[k - 1]?.text ?? ""))) nameToks = run.slice(k - 1);
    while (nameToks.length && notName(bare(nameToks[nameToks.length - 1]!.text))) nameToks = nameToks.slice(0, -1);
    if (!nameToks.length || nameToks.some((t) => notName(bare(t.text)) || ABBREV_ORG.test(t.text))) continue;
    if (nameToks.length > 4) continue;
    // "National Wealth Fund", "Security Council": an institution, not a person.
    if (nameToks.some((t) => english.orgNouns.has(bare(t.text)))) continue;
    const first = nameToks[0]!;
    const last = nameToks[nameToks.length - 1]!;
    const name = stripPossessive(text.slice(first.start, last.end));
    // A title, not a mere "The" or "Norwegian", makes one capitalised word a name ("President Novak").
    const titled = run.slice(0, k).some((t) => TITLES.has(bare(t.text)));
    if (nameToks.length === 1) {
      // One word is a person only when it is a known surname or follows a title ("President Novak").
      const full = known.get(name.toLowerCase());
      if (!full && !titled) continue;
    }
    const role = roleBefore(text, first.start);
    out.push({ start: first.start, end: first.start + name.length, name, role });
  }
  return out;
}

function isTitleLike(t: string): boolean {
  const b = bare(t);
  return TITLES.has(b) || NOT_NAMES.has(b) || NATIONALITIES.has(bare(t)) || ABBREV_ORG.test(t);
}

/**
 * The descriptor right before a name: capitalised words, role words and possessives
 * ("U.S. President Carl Brandt's special envoy"), kept only when it names a role.
 */
export function roleBefore(text: string, nameStart: number): string | null {
  const before = text.slice(0, nameStart);
  const parts = before.split(/(\s+)/);
  let startIdx = before.length;
  let sawRoleNoun = false;
  let pendingOf = false;
  let pos = before.length;
  for (let p = parts.length - 1; p >= 0; p--) {
    const part = parts[p]!;
    pos -= part.length;
    if (!part || /^\s+$/.test(part)) continue;
    const word = part;
    if (/[,;:()"“”«»]|—|–|^-$/.test(word) && !/^[\p{L}.'’-]+$/u.test(word)) break;
    // A full stop that is not an initial ("U.S.") ends the sentence before the role.
    if (/\.$/.test(word) && !/^(?:\p{Lu}\.)+$/u.test(word) && !english.abbreviations.has(word.slice(0, -1).toLowerCase())) break;
    const b = bare(word);
    // "chief of staff", "Secretary of State": "of" joins two parts of one title.
    if (b === "of" && !pendingOf) {
      pendingOf = true;
      continue;
    }
    const accept =
      TITLES.has(b) ||
      ROLE_NOUNS.has(b) ||
      // "Foreign ministry spokeswoman": the institution named in lower case is part of the role.
      (english.orgNouns.has(b) && !pendingOf) ||
      (!pendingOf && isCap(word) && !NOT_NAMES.has(b) && /^[\p{L}.'’-]+$/u.test(word));
    if (!accept) break;
    pendingOf = false;
    if (ROLE_NOUNS.has(b)) sawRoleNoun = true;
    startIdx = pos;
  }
  if (!sawRoleNoun) return null;
  const role = before.slice(startIdx).trim();
  return role || null;
}

/** Appositive role after a name: "Janos Varga, a Chancellery aide," -> "Chancellery aide". */
export function roleAfter(text: string, nameEnd: number): string | null {
  const m = /^,\s+(?:the |a |an )?((?:[\p{L}'’.-]+\s+){0,8}?[\p{L}'’.-]+)\s*(?:,|\.|$)/u.exec(text.slice(nameEnd));
  if (!m) return null;
  const words = m[1]!.split(/\s+/).map(bare);
  if (!words.some((w) => ROLE_NOUNS.has(w))) return null;
  if (words.some((w) => ["who", "which", "that", "said", "says"].includes(w))) return null;
  return m[1]!;
}

/**
 * Words of the places and organisations compromise finds in a text ("Paris", "Buenos Aires",
 * "NATO"): capitalised, but never part of a person's name.
 */
export function placeWords(text: string): Set<string> {
  const doc = compromise()(text);
  const out = new Set<string>();
  const clean = (w: string) => foldWord(w.replace(/[^\p{L}'’.-]+/gu, "").replace(/['’]s?$/, "").replace(/\.$/, ""));
  // "the Brandt administration", "Kovalenko's office" are organisations named after a person:
  // their words stay names.
  const orgs = (doc.organizations().out("array") as string[]).filter((o) => !o.split(/\s+/).some((w) => english.orgNouns.has(clean(w))));
  for (const phrase of [...(doc.places().out("array") as string[]), ...orgs]) {
    for (const w of phrase.split(/\s+/)) {
      const f = clean(w);
      // The tagger sometimes runs a place into the name after it ("Secretary of State Grace
      // Okafor" gives "State Grace"): a given name it knows is never taken for a place.
      if (f && !isGivenName(f)) out.add(f);
    }
  }
  return out;
}

/** "m", "f" or null, from the first name as compromise's lexicon of given names knows it. */
const genders = new Map<string, "m" | "f" | null>();

export function genderOf(name: string): "m" | "f" | null {
  const words = name.split(/\s+/);
  if (words.length < 2) return null;
  const first = words[0]!;
  if (!genders.has(first)) {
    const tags = compromise()(first).json()[0]?.terms?.[0]?.tags as string[] | undefined;
    genders.set(first, tags?.includes("MaleName") ? "m" : tags?.includes("FemaleName") ? "f" : null);
  }
  return genders.get(first)!;
}

/**
 * A descriptor set before a name by a comma: "Norway's lead negotiator, Ingrid Haugen," ->
 * "Norway's lead negotiator". Only when the name is followed by a comma too (an appositive) and
 * the descriptor holds a role noun.
 */
export function roleBeforeAppositive(text: string, nameStart: number, nameEnd: number): string | null {
  if (!/^\s*,/.test(text.slice(nameEnd))) return null;
  const m = /(?:^\s*|[.;:—–(]\s*|,\s*)((?:(?:\p{Lu}\.){1,3}\s+|[\p{L}'’-]+\s+){0,7}[\p{L}'’-]+),\s*$/u.exec(text.slice(0, nameStart));
  if (!m) return null;
  const words = m[1]!.split(/\s+/);
  const first = words[0]!.toLowerCase();
  if (!words.some((w) => ROLE_NOUNS.has(bare(w)))) return null;
  if (words.some((w) => ["who", "which", "that", "said", "says", "when", "after", "while"].includes(w.toLowerCase()))) return null;
  const start = ["the", "a", "an"].includes(first) ? 1 : 0;
  return words.slice(start).join(" ") || null;
}

const givenNames = new Map<string, boolean>();
function isGivenName(word: string): boolean {
  if (!givenNames.has(word)) givenNames.set(word, compromise()(word).has("#FirstName"));
  return givenNames.get(word)!;
}
