/**
 * Named people in news prose, by rule: a run of capitalised words, minus the titles and
 * nationality words in front of it, is a name when what is left looks like one. A descriptor
 * before the name ("Kremlin foreign policy adviser") becomes the person's role.
 */

export interface PersonMention {
  /** Offsets of the name itself in the text given. */
  start: number;
  end: number;
  name: string;
  role: string | null;
}

/** Title words that precede a name and belong to a role, not the name. */
const TITLES = new Set(
  "president vice prime minister secretary chancellor senator governor mayor envoy ambassador spokesman spokeswoman spokesperson adviser advisor aide general gen lieutenant colonel commander chief head leader director official officer premier king queen prince princess pope cardinal archbishop bishop judge justice chairman chairwoman chair ceo founder deputy foreign special senior press defence defense state national security top former interior finance economy trade military intelligence negotiator representative rep sen gov mr mrs ms dr prof sir lord lady dame sheikh emir sultan crown first lady policy presidential white house executive".split(" "),
);

/** Nouns that make a descriptor a role ("adviser", "envoy"); a role must contain one. */
export const ROLE_NOUNS = new Set(
  "president minister secretary chancellor senator governor mayor envoy ambassador spokesman spokeswoman spokesperson adviser advisor aide general lieutenant colonel commander chief head leader director official officer premier king queen prince princess pope cardinal archbishop bishop judge justice chairman chairwoman chair ceo founder negotiator representative correspondent analyst diplomat lawmaker legislator prosecutor lawyer economist expert professor researcher editor reporter".split(" "),
);

/** Honorifics that stay part of the name ("Pope Francis"). */
const NAME_HONORIFICS = new Set(["pope", "king", "queen", "prince", "princess", "sheikh", "emir", "sultan", "cardinal"]);

/** Capitalised words that are never part of a person's name. */
const NOT_NAMES = new Set(
  "the a an in on at by for from to of and but or as after before during with without while when since until this that these those his her their its our my your it he she they we i there here what who which where how why monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december russia russian ukraine ukrainian moscow kyiv kiev kremlin washington america american europe european union nations united states state kingdom britain british london paris france french germany german china chinese rome crimea federation house force one two three air war world council ministry party parliament congress senate court army navy republic democratic republican administration government photo reuters ap afp cgtn news story load next read more advertisement christmas easter north south east west eastern western northern southern new old great national international district city county province region sea ocean river island bay gulf street avenue road university college school hospital church bank company group inc corp ltd day night week month year today yesterday tomorrow shortly meanwhile however also still even just only by contrast success".split(" "),
);

const NATIONALITIES = new Set(
  "afghan albanian algerian american argentine argentinian armenian australian austrian azerbaijani belarusian belgian brazilian british bulgarian canadian chilean chinese colombian croatian cuban czech danish dutch egyptian emirati english estonian ethiopian european finnish french georgian german greek hungarian indian indonesian iranian iraqi irish israeli italian japanese jordanian kazakh korean kurdish latvian lebanese libyan lithuanian malaysian mexican moldovan nigerian norwegian pakistani palestinian polish portuguese qatari romanian russian saudi scottish serbian slovak slovenian somali spanish sudanese swedish swiss syrian taiwanese thai turkish ukrainian venezuelan vietnamese welsh yemeni soviet western eastern nato".split(" "),
);
const ABBREV_ORG = /^(?:[A-Z]\.){2,}$|^[A-Z]{2,5}$/;

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
export function findPeople(text: string, known: ReadonlyMap<string, string> = new Map()): PersonMention[] {
  const toks = tokens(text);
  const out: PersonMention[] = [];
  let i = 0;
  while (i < toks.length) {
    if (!isCap(toks[i]!.text)) {
      i++;
      continue;
    }
    // A run of capitalised tokens separated only by spaces.
    let j = i;
    while (
      j + 1 < toks.length &&
      isCap(toks[j + 1]!.text) &&
      /^\s+$/.test(text.slice(toks[j]!.end, toks[j + 1]!.start)) &&
      !/['’]s?$/.test(toks[j]!.text)
    ) j++;
    const run = toks.slice(i, j + 1);
    i = j + 1;
    let k = 0;
    while (k < run.length && isTitleLike(run[k]!.text)) k++;
    let nameToks = run.slice(k);
    if (nameToks.length && NAME_HONORIFICS.has(bare(run[k - 1]?.text ?? ""))) nameToks = run.slice(k - 1);
    while (nameToks.length && NOT_NAMES.has(bare(nameToks[nameToks.length - 1]!.text))) nameToks = nameToks.slice(0, -1);
    if (!nameToks.length || nameToks.some((t) => NOT_NAMES.has(bare(t.text)) || ABBREV_ORG.test(t.text))) continue;
    if (nameToks.length > 4) continue;
    const first = nameToks[0]!;
    const last = nameToks[nameToks.length - 1]!;
    const name = stripPossessive(text.slice(first.start, last.end));
    const titled = k > 0;
    if (nameToks.length === 1) {
      // One word is a person only when it is a known surname or follows a title ("President Putin").
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
 * ("U.S. President Donald Trump's special envoy"), kept only when it names a role.
 */
export function roleBefore(text: string, nameStart: number): string | null {
  const before = text.slice(0, nameStart);
  const parts = before.split(/(\s+)/);
  let startIdx = before.length;
  let sawRoleNoun = false;
  let pos = before.length;
  for (let p = parts.length - 1; p >= 0; p--) {
    const part = parts[p]!;
    pos -= part.length;
    if (!part || /^\s+$/.test(part)) continue;
    const word = part;
    if (/[,;:()"“”]|—|–|^-$/.test(word) && !/^[\p{L}.'’-]+$/u.test(word)) break;
    const b = bare(word);
    const accept =
      TITLES.has(b) ||
      ROLE_NOUNS.has(b) ||
      (isCap(word) && !["the", "a", "an", "in", "on", "at", "by", "after", "before", "but", "and", "as", "with", "shortly", "his", "her", "their"].includes(b) && /^[\p{L}.'’-]+$/u.test(word));
    if (!accept) break;
    if (ROLE_NOUNS.has(b)) sawRoleNoun = true;
    startIdx = pos;
  }
  if (!sawRoleNoun) return null;
  const role = before.slice(startIdx).trim();
  return role || null;
}

/** Appositive role after a name: "Yuri Ushakov, a Kremlin aide," -> "Kremlin aide". */
export function roleAfter(text: string, nameEnd: number): string | null {
  const m = /^,\s+(?:the |a |an )?((?:[\p{L}'’.-]+\s+){0,5}?[\p{L}'’.-]+)\s*(?:,|\.|$)/u.exec(text.slice(nameEnd));
  if (!m) return null;
  const words = m[1]!.split(/\s+/).map(bare);
  if (!words.some((w) => ROLE_NOUNS.has(w))) return null;
  if (words.some((w) => ["who", "which", "that", "said", "says"].includes(w))) return null;
  return m[1]!;
}
