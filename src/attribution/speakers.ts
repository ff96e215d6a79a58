import { distance } from "fastest-levenshtein";
import { foldWord } from "../text/terms.js";

/**
 * One person, many spellings: "Oleksandr Kovalenko", "Kovalenka", "Alexander Kovalenko" and
 * "Kovalenko" are one speaker. Names are compared word by word after folding case and diacritics,
 * surnames within a small edit distance (transliterations differ by a letter or two), first names
 * equal, close, or absent on one side.
 */

export interface SpeakerName {
  name: string;
  role: string | null;
}

export interface SpeakerGroup {
  key: string;
  /** The spelling used most often. */
  name: string;
  /** The role given most often (spellings of one role, such as "U.S. President" and "US President", count together). */
  role: string | null;
  spellings: string[];
}

export function nameWords(name: string): string[] {
  return name.split(/[\s-]+/).map(foldWord).filter(Boolean);
}

/** Are two words spellings of one name? Equal, or a letter or two apart on a long enough word. */
export function closeSpelling(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  if (n < 5 || a[0] !== b[0]) return false;
  return distance(a, b) <= (n >= 8 ? 2 : 1);
}

/**
 * A name's consonants: transliterations of one Cyrillic name mostly differ in vowels
 * ("Dmytro" / "Dmitry", "Lysytsya" / "Lisitsa", "Oleksandr" / "Alexander").
 */
export function skeleton(word: string): string {
  return word.replace(/x/g, "ks").replace(/[aeiouy]/g, "").replace(/(.)\1+/g, "$1");
}

function sameFirstName(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true;
  if (skeleton(a).length >= 3 && skeleton(a) === skeleton(b)) return true;
  if (a[0] !== b[0]) return false;
  return a === b || closeSpelling(a, b) || a.length === 1 || b.length === 1 || distance(a, b) <= 3;
}

function sameSurname(a: string, b: string): boolean {
  return closeSpelling(a, b) || (a[0] === b[0] && skeleton(a).length >= 4 && skeleton(a) === skeleton(b));
}

/** Could these two names be the same person? */
export function sameSpeaker(a: string, b: string): boolean {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (!wa.length || !wb.length) return false;
  if (wa.join(" ") === wb.join(" ")) return true;
  // Organisations and other multi-word names that are not "First Last" match only exactly.
  if (wa.length > 3 || wb.length > 3) return false;
  const la = wa[wa.length - 1]!;
  const lb = wb[wb.length - 1]!;
  if (!sameSurname(la, lb)) return false;
  return sameFirstName(wa.length > 1 ? wa[0] : undefined, wb.length > 1 ? wb[0] : undefined);
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((x, y) => y[1] - x[1] || y[0].length - x[0].length || x[0].localeCompare(y[0]))[0]![0];
}

/**
 * Groups every attributed name of a corpus into speakers. Full names group first; a surname
 * alone joins the full name it matches when exactly one does (two Kovalenkos: it stays alone).
 */
export function groupSpeakers(names: SpeakerName[]): { groups: SpeakerGroup[]; keyOf: (name: string) => string } {
  const groups: { members: string[]; roles: string[] }[] = [];
  const groupOf = new Map<string, number>();
  // Longer names first, so that "Kovalenko" finds "Oleksandr Kovalenko" already grouped.
  const byLength = [...names].sort((a, b) => nameWords(b.name).length - nameWords(a.name).length);
  for (const n of byLength) {
    const words = nameWords(n.name);
    if (!words.length) continue;
    let g = groupOf.get(n.name);
    if (g === undefined) {
      const matches = groups.map((gr, i) => (gr.members.some((m) => sameSpeaker(m, n.name)) ? i : -1)).filter((i) => i >= 0);
      if (matches.length === 1 || (matches.length > 1 && words.length > 1)) g = matches[0];
      g ??= groups.push({ members: [], roles: [] }) - 1;
      groupOf.set(n.name, g);
      if (!groups[g]!.members.includes(n.name)) groups[g]!.members.push(n.name);
    }
    if (n.role) groups[g]!.roles.push(n.role);
  }
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
  const out: SpeakerGroup[] = groups.map((g) => {
    const weighted = g.members.flatMap((m) => Array<string>(counts.get(m) ?? 1).fill(m));
    // The display name is the most used full spelling (a surname alone only when nothing else).
    const fullNames = weighted.filter((m) => nameWords(m).length > 1);
    const name = mostCommon(fullNames.length ? fullNames : weighted);
    const roleKey = (r: string) => nameWords(r).join(" ");
    const roleByKey = new Map<string, string[]>();
    for (const r of g.roles) roleByKey.set(roleKey(r), [...(roleByKey.get(roleKey(r)) ?? []), r]);
    const bestRoleKey = g.roles.length ? mostCommon(g.roles.map(roleKey)) : null;
    return { key: nameWords(name).join(" "), name, role: bestRoleKey ? mostCommon(roleByKey.get(bestRoleKey)!) : null, spellings: [...new Set(g.members)].sort() };
  });
  // Two groups can fold to one key ("Chancellery" / "the Chancellery"): merge them.
  const byKey = new Map<string, SpeakerGroup>();
  for (const g of out) {
    const have = byKey.get(g.key);
    if (have) have.spellings = [...new Set([...have.spellings, ...g.spellings])].sort();
    else byKey.set(g.key, g);
  }
  const keyByName = new Map<string, string>();
  for (const g of byKey.values()) for (const s of g.spellings) keyByName.set(s, g.key);
  return { groups: [...byKey.values()], keyOf: (name) => keyByName.get(name) ?? nameWords(name).join(" ") };
}
