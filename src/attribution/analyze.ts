import type { Article, Paragraph, Sentence } from "../corpus/types.js";
import { splitSentences } from "../corpus/sentences.js";
import { english } from "../lexicon/english.js";
import { LIVE_STAMP } from "../text/dates.js";
import { foldWord } from "../text/terms.js";
import { findPeople, genderOf, placeWords, roleAfter, roleBeforeAppositive, stripPossessive } from "./people.js";
import { findQuotes, findSingleQuotes, maskQuotes, type QuoteSpan } from "./quotes.js";
import { closeSpelling, sameSpeaker } from "./speakers.js";
import { ACCORDING_TO, ANY_VERB_AFTER, AS_X_PUT_IT, IN_WORDS, SUBJECT_VERB_AFTER, VERB_SUBJECT_AFTER, findParticiple, findSpeechVerbs } from "./speech.js";
import { looksLikeVerb, nounKind } from "./nouns.js";
import { transcriptLabel, type TranscriptLabel } from "./transcript.js";

export type UnitKind = "quote" | "statement" | "passage";

/** What joins a statement's own clause to the sentence before it: ", and", ", but", ", while", "; ". */
const CLAUSE_JOIN = /(?:,\s+(?:and|but|while)\s+|;\s+)/;
/** The last such join of a sentence's beginning, and one that ends a clause. */
const LAST_CLAUSE_JOIN = new RegExp(`${CLAUSE_JOIN.source}(?=[^,;]*$)`);
const ENDING_CLAUSE_JOIN = new RegExp(`${CLAUSE_JOIN.source}$`);

export interface Speaker {
  name: string;
  role: string | null;
}

/**
 * The smallest thing an answer shows:
 * - quote: words in quote marks (for a fragment, or a quote with its attribution in the same
 *   sentence, the whole sentence); speaker when the text names one;
 * - statement: reported speech with a named speaker ("the Chancellery said the two sides had moved closer");
 * - passage: the outlet's own narration, speaker null ("…which the Chancellery blamed on Berlin").
 * Unnamed sources ("a senior European diplomat said", "sources told us") give speaker null: a quote
 * stays a quote, reported speech becomes a passage.
 */
export interface Unit {
  kind: UnitKind;
  /** Offsets into the article's content; `text` is exactly that slice. */
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  role: string | null;
  /** For quotes, the quoted words alone (the unit text may be the sentence around them). */
  quote: string | null;
}

export interface AnalyzedParagraph {
  paragraph: Paragraph;
  units: Unit[];
}

/**
 * Who a cue points at: a named speaker, an unnamed source (`anonymous`, speaker null, and no
 * guessing from the context either), or nothing found (null at the call site).
 */
interface Attribution {
  speaker: Speaker | null;
  anonymous: boolean;
}

const ANONYMOUS: Attribution = { speaker: null, anonymous: true };
const named = (speaker: Speaker): Attribution => ({ speaker, anonymous: false });

interface Person {
  name: string;
  role: string | null;
  gender: "m" | "f" | null;
}

interface Mention {
  pi: number;
  /** The name itself. */
  start: number;
  end: number;
  /** Where the noun phrase starts: role words, determiners and a possessive before the name. */
  npStart: number;
  key: string;
  subjectLike: boolean;
  /** Starts a clause (after punctuation, a conjunction, or a capitalised opener such as "On Friday"). */
  initial: boolean;
  /** Starts a main or adverbial clause (not a "that …" clause): the subject a later "he" most likely means. */
  main: boolean;
  possessive: boolean;
}

interface PronounHit {
  pi: number;
  start: number;
  end: number;
  gender: "m" | "f";
  subjectLike: boolean;
  /** First in its sentence (after a leading phrase and its comma): the sentence's subject. */
  initial: boolean;
}

const CLAUSE_WORDS = english.clauseWords;
const RELATIVE_WORDS = english.relativeWords;
const INDEFINITE = english.indefiniteWords;
const SOURCE_NOUNS = english.sourceNouns;
const DOCUMENT_NOUNS = english.documentNouns;
const ROLE_NOUNS = english.roleNouns;
const LEADER_NOUNS = english.leaderNouns;
const NATIONALITIES = english.nationalities;
const PRONOUN_GENDER: Record<string, "m" | "f"> = { he: "m", him: "m", she: "f", her: "f" };
/** Words between a subject and its verb that say when or how, not who ("Lindqvist later said"). */
// A time between a subject and its verb is filler too: "Novak on Friday said", "Varga late on
// Monday told", "Okafor on March 3 said".
const TRAILING_FILLER = /(?:\s+(?:also|later|earlier|afterwards|then|again|still|once|first|previously|separately|meanwhile|himself|herself|themselves|itself|has|had|have|was|were|is|are|would|will|could|did|does|do|not|yesterday|today|tonight|\p{Ll}+ly|(?:(?:late|early)\s+)?on\s+\p{Lu}\p{Ll}+day(?:\s+(?:morning|afternoon|evening|night))?|on\s+\p{Lu}\p{Ll}+\.?\s+\d{1,2})\b)+\s*$/u;
/** Punctuation that ends a clause: a subject never reaches back past it. */
const CLAUSE_PUNCT = /[,;:()\u2014\u2013"“”«»„‘’]/;
const CLAUSE_RE = new RegExp(`${CLAUSE_PUNCT.source}|\\b(${[...CLAUSE_WORDS].join("|")})\\b`, "giu");
const ISSUED_BY = new RegExp(`^(?:an?|the)\\s+(?:\\p{Ll}+\\s+)?(?:${[...english.documentNouns].join("|")})\\s+(?:from|by|of|(?:issued|released|published|posted|put out)\\s+by)\\s+`, "iu");
const OWNER_OF_WORDS = new RegExp(`((?:\\p{Lu}[\\p{L}.'’-]*\\s+){0,3}\\p{Lu}[\\p{L}.-]*|[Hh]is|[Hh]er)(?:['’]s?)?\\s+(?:\\p{Ll}+\\s+)?(?:${[...english.speechNouns].join("|")})\\s*(?:was|were|is|had been|:|,)?\\s*(?:that\\s+)?$`, "u");
const ROLE_AFTER_WORD = new RegExp(`(\\p{Lu}[\\p{L}'’-]+)\\s+(?:${[...english.roleNouns].join("|")})\\b`, "gu");
const INSTITUTION_BEFORE = /\b(the|in|at|from|to|of)\s+(\p{Lu}[\p{L}'’-]+)/giu;

/** What an introduction says the person briefing or interviewed does ("held his daily call", "told reporters"). */
const BRIEFING = /^[^.]{0,40}?\b(?:briefed|briefing|conference|call|questions|reporters|journalists|interview|spoke|speaks|told|tells|said|says|answered|gave|held|hosted)\b/;

const fold = (s: string) => s.split(/\s+/).map((w) => foldWord(w.replace(/['’]s$/, ""))).filter(Boolean);
/** "U.S."/"US"/"American" fold to one form so that roles written either way compare equal. */
/** Each form of a lexicon group ("american: us u.s. usa"), folded, to the group's first word. */
const formsOf = (groups: Record<string, Iterable<string>>) =>
  new Map(Object.entries(groups).flatMap(([word, forms]) => [word, ...forms].map((f) => [foldWord(f), foldWord(word)] as const)));
const COUNTRY_FORM = formsOf(english.countryForms);
const countryWord = (w: string) => COUNTRY_FORM.get(w) ?? w;
const ROLE_FORM = formsOf(english.roleForms);
/** A word of a role as compared: one form for a country ("american" = "us") or a job ("aide" = "adviser"). */
const roleWord = (w: string) => ROLE_FORM.get(w) ?? countryWord(w);

/**
 * Finds who said what in one article. People are collected over the whole article first so that
 * a later "Brandt", "the chancellor" or "he" resolves to the full name and role introduced earlier.
 */
export function analyzeArticle(article: Article, paragraphs: Paragraph[], storyNotNames: ReadonlySet<string> = new Set()): AnalyzedParagraph[] {
  // The outlet is never a speaker's name ("REVIEW:" in an interview is the outlet asking).
  const outletWords = new Set((article.outlet ?? "").split(/\s+/).map(foldWord).filter((w) => w.length > 2 && !english.notNames.has(w)));
  const notNames = new Set([...storyNotNames, ...outletWords, ...placeWords(paragraphs.map((p) => p.text).join("\n\n"))]);
  const whole = paragraphs.map((p) => p.text).join("\n\n");
  const labels: (TranscriptLabel | null)[] = paragraphs.map((p) => {
    const l = transcriptLabel(p.text);
    // "Lindqvist:" in title case only when the article names a "Erik Lindqvist"; "Photo:" never.
    if (l && !l.capitals && l.kind === "name" && !l.text.includes(" ") && !new RegExp(`\\p{Lu}[\\p{L}.'’-]+\\s+${l.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "u").test(whole)) return null;
    return l;
  });
  const isTranscript = labels.filter(Boolean).length >= 2;
  /** The speaker of each transcript line (filled once people are known). */
  const lineSpeakers: (Speaker | null)[] = paragraphs.map(() => null);
  if (!isTranscript) labels.fill(null);
  const quotesByPara = paragraphs.map((p, i) => {
    const double = findQuotes(p.text);
    return [...double, ...findSingleQuotes(p.text, double)].sort((a, b) => a.open - b.open).filter((q) => !labels[i] || q.open >= labels[i]!.end);
  });
  // Transcript labels are masked too, so that "LINDQVIST:" is not read as a name in running text.
  const masked = paragraphs.map((p, i) => {
    const m = maskQuotes(p.text, quotesByPara[i]!);
    if (labels[i]) return " ".repeat(labels[i]!.end) + m.slice(labels[i]!.end);
    // A live blog's time stamp ("10:15 BST —") is not part of the first sentence's subject.
    const stamp = LIVE_STAMP.exec(m);
    return stamp ? " ".repeat(stamp[0].length) + m.slice(stamp[0].length) : m;
  });
  const sentencesByPara = paragraphs.map((p) => splitSentences(p.text));
  const stamped = paragraphs.map((p) => /^\s*(?:\*\*)?\d{1,2}[:.]\d{2}\b/.test(p.text));

  const sentenceAt = (pi: number, pos: number): Sentence => {
    const ss = sentencesByPara[pi]!;
    return ss.find((s) => pos >= s.start && pos < s.end) ?? ss.find((s) => pos < s.start) ?? ss[ss.length - 1] ?? { start: 0, end: paragraphs[pi]!.text.length, text: paragraphs[pi]!.text };
  };

  // Pass 1: full names and the roles given with them.
  const people = new Map<string, Person>();
  const known = new Map<string, string>();
  const remember = (name: string, role: string | null) => {
    let key = name.toLowerCase();
    // "Aleksandr Voronin" after "Alexander Voronin": one person, the first spelling.
    if (!people.has(key) && name.includes(" ")) {
      const same = [...people.values()].find((p) => p.name.includes(" ") && sameSpeaker(p.name, name));
      if (same) {
        known.set(key, same.name);
        key = same.name.toLowerCase();
      }
    }
    const existing = people.get(key);
    if (existing) {
      if (!existing.role && role) existing.role = role;
      return;
    }
    people.set(key, { name, role, gender: genderOf(name) });
    known.set(key, name);
  };
  // Full names as each paragraph writes them, before any short form is known: read once, used twice.
  const fullNames = masked.map((text) => findPeople(text, new Map(), notNames).filter((m) => m.name.includes(" ")));
  masked.forEach((text, pi) => {
    for (const m of fullNames[pi]!) remember(m.name, m.role ?? roleAfter(text, m.end) ?? roleBeforeAppositive(text, m.start, m.end));
  });
  // Short forms: a surname, or a first name, that only one full name of the article has.
  const shortForms = new Map<string, Set<string>>();
  for (const p of people.values()) {
    const parts = p.name.split(/\s+/);
    if (parts.length < 2) continue;
    for (const part of [parts[parts.length - 1]!, parts[0]!]) {
      const k = part.toLowerCase();
      if (!shortForms.has(k)) shortForms.set(k, new Set());
      shortForms.get(k)!.add(p.name);
    }
  }
  // A short form two full names share ("Brandt": Carl and Anna) goes to the one named most.
  const fullCounts = new Map<string, number>();
  for (const m of fullNames.flat()) fullCounts.set(m.name, (fullCounts.get(m.name) ?? 0) + 1);
  for (const [k, names] of shortForms) {
    if (known.has(k)) continue;
    const ranked = [...names].sort((a, b) => (fullCounts.get(b) ?? 0) - (fullCounts.get(a) ?? 0));
    if (ranked.length === 1 || (fullCounts.get(ranked[0]!) ?? 0) > (fullCounts.get(ranked[1]!) ?? 0)) known.set(k, ranked[0]!);
  }
  // Capitalised words used as institutions or places ("the Chancellery", "in Paris", "Chancellery
  // spokesman"): never taken for a surname.
  const afterThe = new Set<string>();
  const afterPreposition = new Set<string>();
  for (const text of masked) {
    for (const m of text.matchAll(INSTITUTION_BEFORE)) {
      const w = stripPossessive(m[2]!).toLowerCase();
      afterPreposition.add(w);
      if (m[1]!.toLowerCase() === "the") afterThe.add(w);
    }
    for (const m of text.matchAll(ROLE_AFTER_WORD)) {
      afterThe.add(m[1]!.toLowerCase());
      afterPreposition.add(m[1]!.toLowerCase());
    }
  }
  // A lone capitalised word that speaks ("Wrzosek said", "said Novak") is a surname even when
  // the article never gives the full name, unless the tagger knows it as a place or a word.
  for (const text of masked) {
    for (const v of findSpeechVerbs(text)) {
      // "Novak said", "Novak, speaking in Lisbon, said", "said Novak".
      const before =
        /(?:^|[^\p{L}'’.-])(\p{Lu}[\p{L}'’-]+)\s+(?:\p{Ll}+ly\s+|also\s+|later\s+)?$/u.exec(text.slice(0, v.index)) ??
        /(?:^|[.;:—–]\s*|^\s*)(\p{Lu}[\p{L}'’-]+),\s*\p{Ll}[^,;:"“”«»]{2,80},\s*(?:\p{Ll}+ly\s+|also\s+|later\s+)?$/u.exec(text.slice(0, v.index));
      const after = /^\s+(\p{Lu}[\p{L}'’-]+)(?=[\s,.;:]|$)/u.exec(text.slice(v.end));
      for (const m of [before, after]) {
        if (!m) continue;
        const w = stripPossessive(m[1]!);
        const k = w.toLowerCase();
        if (known.has(k) || notNames.has(foldWord(k)) || english.notNames.has(k) || english.titles.has(k)) continue;
        // "the Chancellery said", "Chancellery spokesman …": an institution, not a surname.
        if (afterThe.has(k)) continue;
        if (nounKind(w) === "person") {
          known.set(k, w);
          remember(w, null);
        }
      }
    }
  }
  // Transliterations of a known surname ("Kovalenka" next to "Oleksandr Kovalenko").
  const surnames = [...people.values()].filter((p) => p.name.includes(" ")).map((p) => ({ last: foldWord(p.name.split(/\s+/).pop()!), name: p.name }));
  for (const text of masked) {
    for (const w of text.match(/\p{Lu}[\p{L}'’-]{3,}/gu) ?? []) {
      const k = stripPossessive(w).toLowerCase();
      if (known.has(k) || notNames.has(foldWord(k))) continue;
      const close = surnames.filter((s) => closeSpelling(foldWord(k), s.last));
      if (new Set(close.map((c) => c.name)).size === 1) known.set(k, close[0]!.name);
    }
  }

  // A capitalised word the lexicon does not know, used at least twice and never as a place or an
  // institution ("Kovalenko's chief of staff", "Brandt and Kovalenko"), is a surname too.
  const loneCounts = new Map<string, number>();
  const subjects = new Set<string>();
  for (const text of masked) {
    for (const m of text.matchAll(/(?<=[\s(“"]|^)(\p{Lu}\p{Ll}[\p{L}'’-]+)/gu)) {
      const k = stripPossessive(m[1]!);
      // Once is enough for a word that is a clause's subject ("Brandt would not say").
      const subject = !/['’]/.test(m[1]!) && followedByVerb(text, m.index! + m[1]!.length) && !/\p{Lu}[\p{L}'’.-]*\s+$/u.test(text.slice(0, m.index!));
      loneCounts.set(k, (loneCounts.get(k) ?? 0) + (subject ? 2 : 1));
      if (subject) subjects.add(k.toLowerCase());
    }
  }
  for (const [w, n] of loneCounts) {
    const k = w.toLowerCase();
    if (n < 2 || known.has(k) || notNames.has(foldWord(k)) || english.notNames.has(k) || english.titles.has(k) || english.nationalities.has(k)) continue;
    // "a rebuke from Brandt" does not make Brandt a place when elsewhere "Brandt has landed"; "the
    // Chancellery said" is still an institution.
    if (afterThe.has(k) || (afterPreposition.has(k) && !subjects.has(k))) continue;
    if (nounKind(w) === "person") {
      known.set(k, w);
      remember(w, null);
    }
  }

  // Pass 2: every mention, short forms included, in reading order.
  const mentions: Mention[][] = masked.map((text, pi) =>
    findPeople(text, known, notNames).map((m) => {
      const canonical = known.get(m.name.toLowerCase()) ?? m.name;
      remember(canonical, m.role ?? roleAfter(text, m.end) ?? roleBeforeAppositive(text, m.start, m.end));
      const npStart = nounPhraseStart(text, m.start, m.role);
      return {
        pi,
        start: m.start,
        end: m.end,
        npStart,
        key: canonical.toLowerCase(),
        subjectLike: clauseInitial(text, npStart) || followedByVerb(text, m.end),
        initial: clauseInitial(text, npStart),
        main: clauseInitial(text, npStart) && !/\b(?:that|whether|if)\s*$/i.test(text.slice(0, npStart)),
        possessive: /^['’]s?\b/.test(text.slice(m.end, m.end + 2)),
      };
    }),
  );
  const pronouns: PronounHit[][] = masked.map((text, pi) =>
    [...text.matchAll(/\b(?:[Hh]e|[Ss]he)\b/g)].map((m) => ({
      pi,
      start: m.index!,
      end: m.index! + m[0].length,
      gender: PRONOUN_GENDER[m[0].toLowerCase()]!,
      subjectLike: clauseInitial(text, m.index!) || followedByVerb(text, m.index! + m[0].length),
      initial: !/\p{L}/u.test(text.slice(sentenceAt(pi, m.index!).start, m.index!).replace(/^[^,]*,\s*$/, "")),
    })),
  );

  const speakerOf = (key: string): Speaker => {
    const p = people.get(key);
    return { name: p?.name ?? key, role: p?.role ?? null };
  };
  const genderFits = (key: string, gender: "m" | "f" | null) => !gender || !people.get(key)?.gender || people.get(key)!.gender === gender;

  /**
   * The person a pronoun (or a role such as "the president") points back to: in its own sentence
   * the nearest subject before it; before that, the subject of each earlier sentence, skipping
   * sentences whose subject is the same pronoun (they continue one person) or holds nobody.
   */
  const antecedent = (pi: number, pos: number, gender: "m" | "f" | null, fits: (key: string) => boolean = () => true): Speaker | null => {
    const ok = (m: Mention) => genderFits(m.key, gender) && fits(m.key);
    const here = sentenceAt(pi, pos);
    const inHere = mentions[pi]!.filter((m) => m.start >= here.start && m.end <= pos && m.subjectLike && !m.possessive && ok(m));
    const mainHere = inHere.filter((m) => m.main);
    if (mainHere.length) return speakerOf(mainHere[mainHere.length - 1]!.key);
    if (inHere.length) return speakerOf(inHere[inHere.length - 1]!.key);
    let steps = 0;
    for (let p = pi; p >= 0 && p >= pi - 3; p--) {
      // A live blog's entries stand alone (and may run newest first): no looking into the one before.
      if (p < pi && stamped[p + 1]) break;
      const ss = sentencesByPara[p]!.filter((s) => p < pi || s.end <= here.start).reverse();
      for (const s of ss) {
        // Sentences wholly inside quote marks name nobody outside them: they do not count.
        if (!masked[p]!.slice(s.start, s.end).replace(/[\s"“”«»„.,!?]/g, "")) continue;
        if (++steps > 6) return null;
        const inS = mentions[p]!.filter((m) => m.start >= s.start && m.end <= s.end);
        const subj = inS.find((m) => m.subjectLike && !m.possessive && ok(m));
        const pro = pronouns[p]!.find((h) => h.start >= s.start && h.end <= s.end && h.initial && (!gender || h.gender === gender));
        if (pro && (!subj || pro.start < subj.npStart)) continue;
        if (subj) return speakerOf(subj.key);
        // No subject: the person the sentence describes ("… came from Steve Holloway, Carl
        // Brandt's envoy, who …"), else one it names as an owner ("Brandt's own summary …").
        const topical = inS.find((m) => !m.possessive && ok(m) && /^,\s*(?:who\b|the\b|a\b|an\b|\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*['’]s\b)/u.test(masked[p]!.slice(m.end)));
        if (topical) return speakerOf(topical.key);
        const poss = inS.find((m) => m.possessive && ok(m));
        if (poss) return speakerOf(poss.key);
      }
    }
    return null;
  };

  /** "the Portuguese president", "the chancellor": the person of the article with that role. */
  const describe = (pi: number, pos: number, given: string[]): Attribution => {
    // "the head of the Norwegian fund": the role noun before "of", described by what follows it.
    const of = given.findIndex((w) => w.toLowerCase() === "of");
    const words = of > 0 ? [...given.slice(0, of - 1), ...given.slice(of + 1).filter((w) => !["the", "a", "an"].includes(w.toLowerCase())), given[of - 1]!] : given;
    const folded = words.map((w) => roleWord(foldWord(w.replace(/['’]s$/, "")))).filter(Boolean);
    const head = folded[folded.length - 1]!;
    const mods = folded.slice(0, -1);
    const roleFits = (key: string, strict: boolean) => {
      const role = people.get(key)?.role;
      if (!role) return !strict;
      const rw = fold(role).map(roleWord);
      const headOk = rw.includes(head) || (head === "leader" || head === "boss" || head === "strongman" ? rw.some((w) => LEADER_NOUNS.has(w)) : false);
      if (!headOk) return false;
      // Every word of the description is in the role; a country only conflicts with another country.
      const rwNations = rw.filter((w) => NATIONALITIES.has(w) || COUNTRY_FORM.has(w));
      const isNation = (m: string) => NATIONALITIES.has(m) || COUNTRY_FORM.has(m);
      return mods.every((m) => rw.includes(m) || (!strict && (!isNation(m) || !rwNations.length)));
    };
    if (ROLE_NOUNS.has(head) || LEADER_NOUNS.has(head)) {
      const strict = [...people.keys()].filter((k) => roleFits(k, true));
      if (strict.length === 1) return named(speakerOf(strict[0]!));
      // "the Chancellery aide" for the one "presidential aide" of the article: the role's noun, and
      // nothing in the description that contradicts the role (another country).
      const compatible = [...people.keys()].filter((k) => people.get(k)?.role && roleFits(k, false));
      if (!strict.length && compatible.length === 1) return named(speakerOf(compatible[0]!));
      if (!strict.length && compatible.length > 1) {
        const nearest = antecedent(pi, pos, null, (k) => compatible.includes(k));
        if (nearest) return named(nearest);
      }
      // "the president" for a person whose role the article never spells out: the nearest
      // subject whose known role, if any, does not contradict it. Only for heads of state and
      // government: "the official" or "the diplomat" without a named match is an unnamed source.
      const loose = strict.length === 0 && LEADER_NOUNS.has(head);
      const recent = strict.length || loose ? antecedent(pi, pos, null, (k) => roleFits(k, strict.length > 0)) : null;
      if (recent) return named(recent);
    }
    return SOURCE_NOUNS.has(head) || ROLE_NOUNS.has(head) || LEADER_NOUNS.has(head) ? ANONYMOUS : { speaker: null, anonymous: false };
  };

  /**
   * "it said": the organisation or document that an earlier sentence starts with ("The Chancellery
   * account … is short. "…," it said"). Nothing when those sentences start with a person.
   */
  const itsReferent = (pi: number, pos: number): Attribution | null => {
    const here = sentenceAt(pi, pos);
    let steps = 0;
    for (let p = pi; p >= 0 && p >= pi - 1; p--) {
      const ss = sentencesByPara[p]!.filter((s) => (p < pi ? true : s.start <= here.start)).reverse();
      for (const s of ss) {
        if (++steps > 3) return null;
        const text = masked[p]!;
        const head = /^\s*((?:[\p{L}'’.-]+\s+){0,5}?[\p{L}'’.-]+)(?=\s*,|\s+(?:\p{Ll}+ly\s+)?(?:is|was|has|had|said|says|called|described|put|gave|spoke|speaks|read|reads|runs|ran)\b)/u.exec(text.slice(s.start, s.end));
        if (!head || s.start + head[1]!.length > pos) continue;
        if (PRONOUN_GENDER[head[1]!.toLowerCase()] || head[1]!.toLowerCase() === "it") continue;
        const r = classify(pi === p ? pi : p, s.start + head.index + (head[0].length - head[1]!.length), s.start + head.index + head[0].length);
        if (r?.speaker && !people.has(r.speaker.name.toLowerCase())) return r;
        if (r?.speaker) return null;
      }
    }
    return null;
  };

  /**
   * What a subject noun phrase (masked text [from, to) of paragraph pi) names: a person, an
   * organisation, an unnamed source, or nothing (null).
   */
  const classify = (pi: number, from: number, to: number): Attribution | null => {
    const text = masked[pi]!;
    let phrase = text.slice(from, to);
    phrase = phrase.replace(TRAILING_FILLER, "");
    const lead = phrase.length - phrase.trimStart().length;
    const start = from + lead;
    phrase = phrase.trim();
    if (!phrase) return null;
    const words = phrase.split(/\s+/);
    if (words.length > 9) return null;
    const lower = words.map((w) => w.toLowerCase().replace(/['’]s$/, "").replace(/[.]$/, ""));
    if (words.length === 1 && PRONOUN_GENDER[lower[0]!]) {
      const a = antecedent(pi, start, PRONOUN_GENDER[lower[0]!]!);
      return a ? named(a) : null;
    }
    // In a transcript line "I" and "we" are the line's speaker; in narration, nobody named.
    if (words.length === 1 && ["we", "i"].includes(lower[0]!) && lineSpeakers[pi]) return named(lineSpeakers[pi]!);
    if (words.length === 1 && ["they", "we", "i", "you"].includes(lower[0]!)) return ANONYMOUS;
    if (words.length === 1 && lower[0] === "it") return itsReferent(pi, start);
    // "a statement from the foreign ministry said": whoever it is from.
    const issuedBy = ISSUED_BY.exec(phrase);
    if (issuedBy) return classify(pi, start + issuedBy[0].length, start + phrase.length);
    // "a Chancellery statement said", "Brandt's post read", "his readout": whoever put it out.
    const docHead = lower[lower.length - 1]!;
    if (DOCUMENT_NOUNS.has(docHead) && words.length <= 5) {
      const owner = words.slice(0, -1).filter((w, i) => !(i === 0 && INDEFINITE.has(lower[0]!)) && !["the", "a", "an", "its", "their"].includes(w.toLowerCase()));
      const ownerWords = owner.filter((w) => /^\p{Lu}/u.test(w) || /^(?:his|her)$/i.test(w));
      if (ownerWords.length && ownerWords.length === owner.filter((w) => !/^(?:joint|official|brief|short|long|new|latest|written|separate|own)$/i.test(w)).length) {
        const ownerText = ownerWords.join(" ");
        if (/^(?:his|her)$/i.test(ownerText)) {
          const a = antecedent(pi, start, ownerText.toLowerCase() === "his" ? "m" : "f");
          return a ? named(a) : null;
        }
        const at = text.indexOf(ownerWords[0]!, start);
        const r = classify(pi, at, at + text.slice(at).indexOf(ownerWords[ownerWords.length - 1]!) + ownerWords[ownerWords.length - 1]!.length);
        return r?.speaker ? r : null;
      }
      return null;
    }
    // "In an interview with a news agency he said": the pronoun next to the verb is its subject.
    const lastLower = lower[lower.length - 1]!;
    if (words.length > 1 && PRONOUN_GENDER[lastLower] && (lastLower === "he" || lastLower === "she")) {
      const a = antecedent(pi, start + phrase.length - lastLower.length, PRONOUN_GENDER[lastLower]!);
      return a ? named(a) : null;
    }
    // A name at the end of the phrase, the phrase starting where its noun phrase starts (or with
    // an opener such as "On Friday", or a determiner and adjectives: "a beaming Aydin").
    const inPhrase = mentions[pi]!.filter((m) => m.npStart >= start - 1 && m.end <= start + phrase.length && !m.possessive);
    const last = inPhrase[inPhrase.length - 1];
    if (last && /^\s*$/.test(text.slice(last.end, start + phrase.length).replace(/['’]s?/, ""))) {
      const first = mentions[pi]!.filter((m) => m.npStart >= start - 1 && m.end <= start + phrase.length)[0]!;
      const lead = text.slice(start, first.npStart).trim();
      if (!lead || first.initial || describesOnly(lead) || descriptorOnly(lead)) return named(speakerOf(last.key));
    }
    // "said the US secretary of state, Grace Okafor", "the Chancellery aide, Janos Varga, told": a
    // description, then between commas the name of the person it describes.
    if (!inPhrase.length) {
      // The subject patterns stop a description at "of": "the secretary | of state, Grace Okafor".
      const at = start + phrase.length + (/^(?:\s+of\s+[\p{L}'’.-]+(?:\s+[\p{L}'’.-]+){0,3}?)?\s*,\s*/u.exec(text.slice(start + phrase.length))?.[0].length ?? 0);
      const apposed = at > start + phrase.length ? mentions[pi]!.find((m) => m.npStart === at && !m.possessive) : undefined;
      if (apposed && /^\s*(?:[,.;:!?)—–]|$)/.test(text.slice(apposed.end))) {
        const who = speakerOf(apposed.key);
        // The description is the role the article gives them, when it gives none elsewhere.
        const description = text.slice(start, at).replace(/[\s,]+$/, "").replace(/^the\s+/i, "");
        return named({ ...who, role: who.role ?? description });
      }
    }
    if (INDEFINITE.has(lower[0]!)) return ANONYMOUS;
    const noThe = lower[0] === "the" ? words.slice(1) : words;
    const lowNoThe = lower[0] === "the" ? lower.slice(1) : lower;
    if (!noThe.length) return null;
    const head = lowNoThe[lowNoThe.length - 1]!;
    // "the Norwegian", "the American": a person described by nationality, like "the president".
    if (lower[0] === "the" && noThe.length === 1 && NATIONALITIES.has(lowNoThe[0]!)) {
      const nation = lowNoThe[0]!;
      const a = antecedent(pi, start, null, (k) => {
        const role = people.get(k)?.role;
        return !role || fold(role).map(countryWord).includes(countryWord(nation)) || !fold(role).some((w) => NATIONALITIES.has(w));
      });
      return a ? named(a) : ANONYMOUS;
    }
    const capitalised = noThe.every((w, i) => /^\p{Lu}/u.test(w) || (i > 0 && i < noThe.length - 1 && ["of", "for", "and", "on"].includes(w)));
    // "the Brandt administration", "the Norwegian government", "the Chancellery press service".
    if (lower[0] === "the" && english.orgNouns.has(head) && noThe.length <= 4 && noThe.slice(0, -1).some((w) => /^\p{Lu}/u.test(w))) {
      return named({ name: stripPossessive(noThe.join(" ")), role: null });
    }
    // "the Portuguese president", "the chancellor", "the source": a role or an unnamed source.
    if (lower[0] === "the" && !capitalised) return describe(pi, start, lowNoThe.map((w, i) => (/^\p{Lu}/u.test(noThe[i]!) ? noThe[i]!.replace(/['’]s$/, "") : w)));
    if (lower[0] === "the" && capitalised && (ROLE_NOUNS.has(head) || LEADER_NOUNS.has(head)) && noThe.length <= 3) {
      // "the U.S. President": a title is never an organisation's name, even when nobody fits it.
      const d = describe(pi, start, lowNoThe);
      if (d.speaker || d.anonymous) return d;
    }
    // An organisation: a capitalised name ("the Chancellery", "Norway's Foreign Ministry", "NATO"),
    // or someone's office ("Kovalenka's office").
    const kind = nounKind(noThe.join(" "));
    if (capitalised && noThe.length <= 5) {
      if (noThe.length === 1 && kind === "plural") return ANONYMOUS;
      const name = stripPossessive(noThe.join(" ").replace(/[.]$/, ""));
      // "Varga's response:" where the article calls him Janos Varga.
      const full = noThe.length === 1 ? known.get(name.toLowerCase()) : undefined;
      if (full) return named(speakerOf(full.toLowerCase()));
      if (lower[0] !== "the" && noThe.length === 1 && kind === "person") return named({ name, role: null });
      if (kind === "common" && noThe.length === 1 && lower[0] !== "the") return null;
      return named({ name, role: null });
    }
    if (/^\p{Lu}[\p{L}.'’-]*['’]s$/u.test(noThe[0]!) && noThe.length <= 3 && english.orgNouns.has(head)) return named({ name: noThe.join(" "), role: null });
    // "Norway's lead negotiator": a described person, like "the negotiator".
    if (/^\p{Lu}[\p{L}.'’-]*['’]s$/u.test(noThe[0]!) && noThe.length <= 4 && (ROLE_NOUNS.has(head) || LEADER_NOUNS.has(head) || SOURCE_NOUNS.has(head))) {
      return describe(pi, start, lowNoThe);
    }
    // "officials", "U.S. officials", "people familiar with the talks": unnamed.
    if (SOURCE_NOUNS.has(head) || kind === "plural") return ANONYMOUS;
    return null;
  };

  /** Clause boundaries: where the clause holding `pos` starts, and the word that opened it. */
  const clauseStart = (text: string, from: number, pos: number): { start: number; word: string | null } => {
    const slice = text.slice(from, pos);
    let start = from;
    let word: string | null = null;
    for (const m of slice.matchAll(CLAUSE_RE)) {
      start = from + m.index! + m[0].length;
      word = m[1] ? m[1].toLowerCase() : null;
    }
    return { start, word };
  };

  interface SubjectResult {
    attribution: Attribution | null;
    relative: boolean;
    coordinated: boolean;
  }

  /** The subject of a verb at `verbPos` of paragraph pi, looking back to `from` (its sentence start). */
  const subjectOf = (pi: number, from: number, verbPos: number, forQuote = false): SubjectResult => {
    const text = masked[pi]!;
    let end = verbPos;
    // "Jennings was asked", "he was told": the subject is spoken to, not speaking. "He did not
    // say", "declined to comment", "said nothing": nothing was said.
    if (/\b(?:was|were|been|being|be|is|are|get|got)\s+(?:\p{Ll}+ly\s+)?$/u.test(text.slice(from, end))) return { attribution: null, relative: true, coordinated: false };
    if (/\b(?:not|n't|never|declined to|refused to|no longer)\s+(?:\p{Ll}+ly\s+)?$/u.test(text.slice(from, end)) || /^\s*\p{Ll}+\s+(?:nothing|no comment)\b/u.test(text.slice(end))) {
      return { attribution: null, relative: true, coordinated: false };
    }
    const before = text.slice(from, end).replace(TRAILING_FILLER, "");
    end = from + before.length;
    // "Erik Lindqvist, the head of the president's office, wrote": skip the appositive or relative
    // clause; "Norway's lead negotiator, Ingrid Haugen, told": the name set off by commas.
    const paren = /,\s*([^,;:]{1,120}),\s*$/.exec(before);
    if (paren && before.slice(0, paren.index).trim()) {
      const inner = clauseStart(text, from, from + paren.index);
      const innerFrom = from + paren.index + paren[0].indexOf(paren[1]!);
      const ri = classify(pi, innerFrom, innerFrom + paren[1]!.trimEnd().length);
      const r = classify(pi, inner.start, from + paren.index);
      const relativeBefore = inner.word !== null && RELATIVE_WORDS.has(inner.word);
      if (ri?.speaker && !r?.speaker && !relativeBefore) return { attribution: ri, relative: false, coordinated: false };
      if (r && !relativeBefore) return { attribution: r, relative: false, coordinated: false };
    }
    const c = clauseStart(text, from, end);
    // `Voronin, who called the mission "a Trojan horse"`: for a quote, the speaker is the person
    // the relative clause is about; as reported speech it stays narration.
    if (forQuote && c.word === "who" && !text.slice(c.start, end).replace(TRAILING_FILLER, "").trim()) {
      const whoAt = text.lastIndexOf("who", c.start);
      const head = text.slice(0, whoAt).replace(/,\s*$/, "");
      const m = mentions[pi]!.find((x) => x.end === head.length || x.end === head.length - 2);
      if (m) return { attribution: named(speakerOf(m.key)), relative: false, coordinated: false };
    }
    // A relative clause with a speech verb is narration ("which Paris blamed on Berlin") unless it
    // holds the quote: `the talks, which Varga called "very useful"` are Varga's words.
    const relative = !forQuote && c.word !== null && RELATIVE_WORDS.has(c.word) && c.word !== "that";
    const clause = text.slice(c.start, end).trim();
    if (!clause) return { attribution: null, relative: relative || (c.word !== null && RELATIVE_WORDS.has(c.word) && c.word !== "that"), coordinated: c.word === "and" || c.word === "but" || c.word === "then" };
    // "that Paris blamed on Berlin": a relative clause, unless "that" follows a speech verb ("said that Paris…").
    if (c.word === "that" && !forQuote) {
      const beforeThat = text.slice(from, c.start).replace(/\s*\bthat\s*$/i, "");
      const speechBefore = findSpeechVerbs(beforeThat).some((v) => /^\s*(?:\S+\s+){0,3}$/.test(beforeThat.slice(v.end)));
      if (!speechBefore) return { attribution: null, relative: true, coordinated: false };
    }
    return { attribution: classify(pi, c.start, end), relative, coordinated: false };
  };

  /** The sentence's main subject before `upTo`: its first subject-like person or pronoun. */
  const mainSubject = (pi: number, from: number, upTo: number): Attribution | null => {
    const m = mentions[pi]!.find((x) => x.start >= from && x.end <= upTo && x.subjectLike && !x.possessive);
    const p = pronouns[pi]!.find((x) => x.start >= from && x.end <= upTo && x.subjectLike);
    if (p && (!m || p.start < m.npStart)) {
      const a = antecedent(pi, p.start, p.gender);
      return a ? named(a) : null;
    }
    if (m) return named(speakerOf(m.key));
    // "The Chancellery, in its readout, …, saying": an organisation at the start of the sentence.
    const first = clauseStart(masked[pi]!, from, from + (masked[pi]!.slice(from, upTo).search(/[,;]/) + 1 || upTo - from));
    void first;
    return null;
  };

  /** "Interfax quoted Varga as saying", "Varga was quoted as saying": the one quoted. */
  const quotedAsSaying = (pi: number, from: number, span: string): Attribution | null => {
    const active = /\b(?:quoted|cited)\s+((?:[\p{L}'’.-]+\s+){0,5}?[\p{L}'’.-]+)\s+as\s+(?:saying|telling|writing|calling|describing)\b/u.exec(span);
    if (active) {
      const at = from + active.index + active[0].indexOf(active[1]!, 6);
      const r = classify(pi, at, at + active[1]!.length);
      if (r?.speaker || r?.anonymous) return r;
    }
    const passive = /\b(?:was|were)\s+(?:\p{Ll}+ly\s+)?(?:quoted|cited)\b[^"“”«»]{0,80}?\bas\s+(?:saying|telling|writing|calling|describing)\b/u.exec(span);
    if (passive) {
      const c = clauseStart(masked[pi]!, from, from + passive.index);
      return classify(pi, c.start, from + passive.index);
    }
    return null;
  };

  /** Attribution written before a quote in its sentence: `X said "…"`, `X, saying "…"`, `X replied: "…"`. */
  const cueBefore = (pi: number, from: number, to: number): Attribution | null => {
    const text = masked[pi]!;
    const prefix = text.slice(from, to);
    if (!prefix.trim()) return null;
    const quoted = quotedAsSaying(pi, from, prefix);
    if (quoted) return quoted;
    // "Varga's reply was "…"", "Brandt's verdict: "…"": the owner of the words.
    const near = Math.max(0, prefix.length - 120);
    const owner = OWNER_OF_WORDS.exec(prefix.slice(near));
    if (owner) {
      const w = owner[1]!;
      const at = from + near + owner.index;
      if (/^(?:his|her)$/i.test(w)) {
        const a = antecedent(pi, at, w.toLowerCase() === "his" ? "m" : "f");
        if (a) return named(a);
      } else {
        const r = classify(pi, at, at + w.length);
        if (r?.speaker) return r;
      }
    }
    for (const m of prefix.matchAll(AS_X_PUT_IT)) {
      const at = from + m.index! + m[0].indexOf(m[1]!, 2);
      const r = classify(pi, at, at + m[1]!.length);
      if (r?.speaker || r?.anonymous) return r;
    }
    const verbs = findSpeechVerbs(prefix).reverse();
    for (const v of verbs) {
      if (/\bcall(?:s|ed)?$/.test(v.verb) && /^\s+(?:\p{Lu}|him\b|her\b)/u.test(prefix.slice(v.end)) && !/[:]\s*$/.test(prefix)) continue;
      const r = subjectOf(pi, from, from + v.index, true);
      if (r.relative) continue;
      if (r.attribution && (r.attribution.speaker || r.attribution.anonymous)) return r.attribution;
      if (r.coordinated) {
        const m = mainSubject(pi, from, from + v.index);
        if (m) return m;
      }
    }
    const part = findParticiple(prefix, true);
    if (part) {
      const m = mainSubject(pi, from, from + part.index);
      if (m) return m;
    }
    const trimmed = prefix.trimEnd();
    if (trimmed.endsWith(":")) {
      const colon = from + trimmed.length - 1;
      const c = clauseStart(text, from, colon);
      const inClause = (x: { start: number; end: number; subjectLike: boolean }) => x.start >= c.start && x.end <= colon && x.subjectLike;
      const m = mentions[pi]!.find((x) => inClause(x) && !x.possessive);
      const p = pronouns[pi]!.find(inClause);
      if (p && (!m || p.start < m.npStart)) {
        const a = antecedent(pi, p.start, p.gender);
        if (a) return named(a);
      } else if (m) return named(speakerOf(m.key));
      if (c.word === "and" || c.word === "but") {
        const ms = mainSubject(pi, from, c.start);
        if (ms) return ms;
      }
      // "One yelled:", "the source added:": the words before the verb.
      const words = text.slice(c.start, colon).trim().split(/\s+/);
      for (let k = 1; k <= 3 && k < words.length; k++) {
        const np = words.slice(0, words.length - k).join(" ");
        const at = text.indexOf(np, c.start);
        const r = classify(pi, at, at + np.length);
        if (r) return r;
      }
    }
    return null;
  };

  /** Attribution after a quote: `"…," he said`, `"…," said Lindqvist`, `"…?" Novak demanded.` */
  const cueAfter = (pi: number, q: QuoteSpan, nextOpen: number): { attribution: Attribution; end: number; direct?: boolean } | null => {
    if (q.runsOn) return null;
    const text = masked[pi]!;
    const raw = paragraphs[pi]!.text;
    const from = q.close + 1;
    const tail = text.slice(from, nextOpen);
    const inner = raw.slice(q.start, q.end);
    // After a full stop inside the marks the sentence is over unless the tail is only "X said."
    const ended = /[.]\s*$/.test(raw.slice(q.start, q.close)) && !/[,!?]\s*$/.test(inner);
    // The sentence as the splitter reads it: "U.S." and "Mr." do not end it, a closing `.”` does.
    const sentenceEnd = (at: number) => sentenceAt(pi, at).end;
    const sv = SUBJECT_VERB_AFTER.exec(tail);
    // `"…?" A stunned Brandt replied: "…"`: a cue that ends in a colon introduces the next quote.
    if (sv && !/^\s*:/.test(tail.slice(sv[0].length)) && !/[.!?]/.test(sv[1]!.replace(/\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St)\./g, ""))) {
      const subjStart = from + sv.index + (sv[0].length - sv[0].trimStart().length);
      let subj = sv[1]!;
      const comma = subj.indexOf(",");
      if (comma > 0) subj = subj.slice(0, comma);
      const end = sentenceEnd(from + sv[0].length);
      if (!ended || end - from < 80) {
        const r = classify(pi, subjStart, subjStart + subj.length);
        if (r && (r.speaker || r.anonymous)) return { attribution: r, end, direct: true };
      }
    }
    const vs = VERB_SUBJECT_AFTER.exec(tail);
    if (vs && !ended) {
      const subjStart = from + tail.indexOf(vs[2]!, vs.index + vs[0].indexOf(vs[2]!));
      const r = classify(pi, subjStart, subjStart + vs[2]!.trimEnd().length);
      if (r && (r.speaker || r.anonymous)) {
        const appositive = r.speaker && !r.speaker.role ? roleAfter(text, subjStart + vs[2]!.trimEnd().length) : null;
        return { attribution: appositive ? named({ ...r.speaker!, role: appositive }) : r, end: sentenceEnd(from + vs[0].length), direct: true };
      }
    }
    const av = ANY_VERB_AFTER.exec(tail);
    if (av && /[?!,]\s*$/.test(raw.slice(q.start, q.close)) && looksLikeVerb(av[2]!)) {
      const subjStart = from + tail.indexOf(av[1]!);
      const r = classify(pi, subjStart, subjStart + av[1]!.length);
      if (r && (r.speaker || r.anonymous)) return { attribution: r, end: from + av[0].length };
    }
    // Further on in the same sentence: `"…," Lindqvist was quoted as saying`, `"…" — that was how
    // Varga described the talks`, `"…," RIA quoted Lindqvist as saying`.
    if (!ended || /^\s*[—–]/.test(tail)) {
      const end = sentenceEnd(from);
      const rest = text.slice(from, Math.min(end, nextOpen));
      const quoted = quotedAsSaying(pi, from, rest);
      if (quoted) return { attribution: quoted, end };
      const v = findSpeechVerbs(rest)[0];
      if (v && v.index < 80) {
        const r = subjectOf(pi, from, from + v.index, true);
        if (!r.relative && r.attribution && (r.attribution.speaker || r.attribution.anonymous)) return { attribution: r.attribution, end };
      }
      // A few quoted words early in a long sentence that ends with who said it: `No "compromise
      // option" was reached during the talks…, Chancellery adviser Janos Varga said in comments…`.
      const sentEnd = Math.min(sentenceEnd(q.close), nextOpen);
      const last = /,\s+([^,]+?)[.!?]?\s*$/.exec(text.slice(from, sentEnd));
      const sv = last ? SUBJECT_VERB_AFTER.exec(last[1]!) : null;
      if (last && sv) {
        const subjStart = from + last.index + last[0].indexOf(last[1]!) + (sv[0].length - sv[0].trimStart().length);
        const r = classify(pi, subjStart, subjStart + sv[1]!.length);
        if (r && (r.speaker || r.anonymous)) return { attribution: r, end: sentEnd };
      }
    }
    return null;
  };

  const accordingTo = (pi: number, from: number, to: number): Attribution | null => {
    const text = masked[pi]!;
    for (const m of text.slice(from, to).matchAll(IN_WORDS)) {
      const at = from + m.index! + m[0].indexOf(m[1]!);
      const word = m[1]!.toLowerCase();
      if (word === "his" || word === "her") {
        const a = antecedent(pi, at, PRONOUN_GENDER[word]!);
        return a ? named(a) : null;
      }
      const r = classify(pi, at, at + m[1]!.length);
      if (r) return r;
    }
    for (const m of text.slice(from, to).matchAll(ACCORDING_TO)) {
      const at = from + m.index! + m[0].length - m[1]!.length;
      const r = classify(pi, at, at + m[1]!.trimEnd().length);
      if (r) return r;
      return { speaker: null, anonymous: false };
    }
    return null;
  };

  /** Speaker of a transcript line: a name label ("LINDQVIST"), or the person briefed for "A:". */
  const labelSpeaker = (label: TranscriptLabel): Speaker | null => {
    if (label.kind === "question") return null;
    if (label.kind === "answer") {
      // The person the introduction says is briefing or interviewed; else its first subject.
      const firstLabelled = labels.findIndex(Boolean);
      const intro = mentions.slice(0, Math.max(1, firstLabelled)).flat().filter((x) => x.subjectLike && !x.possessive);
      const briefing = intro.find((x) => BRIEFING.test(masked[x.pi]!.slice(x.end, x.end + 60)));
      const m = briefing ?? intro[0];
      return m ? speakerOf(m.key) : null;
    }
    const words = fold(label.text);
    if (words.every((w) => outletWords.has(w))) return null;
    const hit = [...people.values()].find((p) => {
      const pw = fold(p.name);
      return words.length === pw.length ? words.every((w, i) => closeSpelling(w, pw[i]!)) : words.length === 1 && closeSpelling(words[0]!, pw[pw.length - 1]!);
    });
    if (hit) return { name: hit.name, role: hit.role };
    // "MODERATOR:", "HOST:": a word, not a name.
    if (nounKind(label.text.toLowerCase()) === "common" || nounKind(label.text.toLowerCase()) === "plural") return null;
    const name = label.text.toLowerCase().replace(/(^|[\s-])\p{L}/gu, (c) => c.toUpperCase());
    return { name, role: null };
  };

  // "UPDATE:", "CORRECTION:", "MODERATOR:" are words, not speakers: such a paragraph is not a line
  // of the transcript, and with fewer than two lines left the article is not one.
  labels.forEach((l, i) => {
    if (l?.kind === "name" && !labelSpeaker(l) && !fold(l.text).every((w) => outletWords.has(w))) labels[i] = null;
  });
  if (labels.filter(Boolean).length < 2) labels.fill(null);
  labels.forEach((l, i) => (lineSpeakers[i] = l ? labelSpeaker(l) : null));

  const out: AnalyzedParagraph[] = [];
  /** Attribution of each quote unit, for continued quotes and quotes without a cue. */
  const quoteAttr = new Map<Unit, Attribution | null>();
  /** Each quote of a paragraph; `endsParagraph`: nothing but its attribution follows it. */
  type QuoteState = { unit: Unit; attr: Attribution | null; runsOn: boolean; endsParagraph: boolean };
  let prevParaQuotes: QuoteState[] = [];
  const chains: Unit[][] = [];
  let openChain: Unit[] | null = null;

  paragraphs.forEach((para, pi) => {
    const text = para.text;
    const mtext = masked[pi]!;
    const sentences = sentencesByPara[pi]!;
    const quotes = quotesByPara[pi]!;
    const label = labels[pi];
    const lineSpeaker = lineSpeakers[pi] ?? null;
    const units: Unit[] = [];
    const covered = new Set<number>();
    const thisParaQuotes: QuoteState[] = [];
    const hasSpeechOutside = findSpeechVerbs(mtext).length > 0 || /:\s*$/.test(mtext.trimEnd());
    const prevText = pi > 0 ? masked[pi - 1]!.trimEnd() : "";

    quotes.forEach((q, qi) => {
      const sent = sentenceAt(pi, q.open);
      const lastSent = sentenceAt(pi, Math.max(q.open, q.end - 1));
      const nextOpen = quotes[qi + 1]?.open ?? text.length;
      let attr: Attribution | null = null;
      let tailEnd = q.close;
      const prevClose = qi > 0 ? quotes[qi - 1]!.close + 1 : 0;
      const from = Math.max(sent.start, label ? label.end : 0);
      // A fragment followed by its own attribution ("Novak told him the ministry was "ready", Varga
      // said") is the words of the one named after it; otherwise the cue before the quote wins.
      const after = cueAfter(pi, q, nextOpen);
      const rightAfter = after !== null && /^[\s,—–-]*\S/.test(masked[pi]!.slice(q.close + 1, nextOpen)) && !/^\s*[.]/.test(masked[pi]!.slice(q.close + 1));
      attr = rightAfter && after.direct ? after.attribution : cueBefore(pi, from, q.open);
      if (!attr && after) attr = after.attribution;
      if (after && attr === after.attribution) tailEnd = after.end;
      attr ??= accordingTo(pi, sent.start, lastSent.end);
      if (attr && !attr.speaker && !attr.anonymous) attr = null;
      // No cue of its own: the quote before it in the paragraph, a quote run on from the last
      // paragraph, a paragraph that ends with a colon, or a paragraph that is only this speaker's quotes.
      // A quote with no cue that opens a sentence right after narration about someone ("Okafor
      // was not fooled. "…"") is that person's, even after another speaker's quote.
      if (!attr && !text.slice(sent.start, q.open).trim()) {
        const prevEnd = qi > 0 ? quotes[qi - 1]!.close + 1 : 0;
        const before = sentences.filter((x) => x.end <= sent.start && x.start >= prevEnd && /\p{L}/u.test(mtext.slice(x.start, x.end))).pop();
        if (before && !findSpeechVerbs(mtext.slice(before.start, before.end)).length) attr = mainSubject(pi, before.start, before.end);
      }
      if (!attr && qi > 0) attr = thisParaQuotes[qi - 1]!.attr;
      if (!attr && qi === 0 && !text.slice(0, q.open).trim()) {
        const prevLast = prevParaQuotes[prevParaQuotes.length - 1];
        if (prevLast?.runsOn) attr = prevLast.attr;
        else if (pi > 0 && prevText.endsWith(":")) {
          const s = sentenceAt(pi - 1, prevText.length - 1);
          attr = cueBefore(pi - 1, s.start, prevText.length);
        } else if (prevLast?.attr?.speaker && !hasSpeechOutside && prevLast.endsParagraph) {
          attr = prevLast.attr;
        } else if (!prevParaQuotes.length && !hasSpeechOutside && pi > 0 && !labels[pi - 1]) {
          // "Varga said the talks were useful.\n\n"We appreciate the effort."": a paragraph of
          // nothing but a quote continues the reported speech that ended the paragraph before.
          const prevUnits = out[pi - 1]?.units ?? [];
          const last = prevUnits[prevUnits.length - 1];
          if (last?.kind === "statement" && last.speaker) attr = named({ name: last.speaker, role: last.role });
        }
      }
      if (!attr && lineSpeaker) attr = named(lineSpeaker);
      void prevClose;

      // A fragment quoted inside a sentence reads best with the sentence around it.
      const before = text.slice(sent.start, q.open).trim();
      const fragment = (before.length > 0 && !/[:]$/.test(before)) || (/^\p{Ll}/u.test(text.slice(q.start, q.start + 1)) && before.length > 0);
      // A whole quote is shown as its sentence, marks and attribution included ('"…," Okafor told
      // reporters outside the mission.', 'Varga said: "…"'): the attribution often says who the
      // speaker is, where and when ("said Lindqvist, who led Norway's delegation") or goes on to
      // report more (", adding that …"), and a reader quoting the article quotes it whole.
      const tailSent = sentenceAt(pi, Math.max(q.close, tailEnd - 1));
      const whole = !fragment && tailSent.end <= nextOpen;
      // A live blog's time stamp or a transcript's speaker label is not part of the sentence.
      const sentenceStart = Math.max(sent.start, label?.end ?? 0);
      const [start, end] = fragment ? [sentenceStart, Math.max(lastSent.end, Math.min(q.close + 1, text.length))] : whole ? [sentenceStart, Math.max(lastSent.end, tailSent.end)] : [q.start, q.end];
      const coverEnd = Math.max(end, q.close, tailEnd);
      for (const s of sentences) if (s.start < coverEnd && s.end > Math.min(start, q.open)) covered.add(s.start);
      const endsPara = !/[\p{L}\d]/u.test(text.slice(Math.max(end, q.close, tailEnd)));
      // Two fragments quoted in one sentence share its unit (the first one's attribution).
      const same = units.find((u) => u.start === para.start + start && u.end === para.start + end);
      if (same) {
        // '…greeting—"…"—later praised Brandt's "…"': the cue may come after the first fragment.
        if (!same.speaker && !quoteAttr.get(same)?.anonymous && attr?.speaker) {
          same.speaker = attr.speaker.name;
          same.role = attr.speaker.role;
          quoteAttr.set(same, attr);
        }
        thisParaQuotes.push({ unit: same, attr: quoteAttr.get(same) ?? attr, runsOn: q.runsOn, endsParagraph: endsPara });
        return;
      }
      const unit: Unit = {
        kind: "quote",
        start: para.start + start,
        end: para.start + end,
        text: text.slice(start, end),
        speaker: attr?.speaker?.name ?? null,
        role: attr?.speaker?.role ?? null,
        quote: text.slice(q.start, q.end),
      };
      units.push(unit);
      quoteAttr.set(unit, attr);
      thisParaQuotes.push({ unit, attr, runsOn: q.runsOn, endsParagraph: endsPara });
      // Runs of one quote over several paragraphs, to name the whole run from its attribution.
      if (qi === 0 && openChain && !text.slice(0, q.open).trim()) openChain.push(unit);
      else if (q.runsOn) chains.push((openChain = [unit]));
      if (!q.runsOn) openChain = null;
      else if (openChain && openChain[openChain.length - 1] !== unit) chains.push((openChain = [unit]));
    });
    if (!quotes.length) openChain = null;
    prevParaQuotes = thisParaQuotes;

    for (const s of sentences) {
      if (covered.has(s.start)) continue;
      if (lineSpeaker !== null || label) {
        // A transcript line: every sentence is its speaker's (a question's speaker is unnamed).
        const textStart = Math.max(s.start, label!.end);
        if (textStart >= s.end) continue;
        units.push({
          kind: lineSpeaker ? "statement" : "passage",
          start: para.start + textStart,
          end: para.start + s.end,
          text: text.slice(textStart, s.end),
          speaker: lineSpeaker?.name ?? null,
          role: lineSpeaker?.role ?? null,
          quote: null,
        });
        continue;
      }
      const speaker = reported(pi, s);
      const textStart = speaker?.from ?? s.start;
      // "Norway condemned the leak, while the ministry said …": the clause before the statement is
      // the outlet's narration, and a unit of its own (it was in none, and often says what happened).
      const head = text.slice(s.start, textStart).replace(ENDING_CLAUSE_JOIN, "");
      if (/\p{L}/u.test(head)) units.push({ kind: "passage", start: para.start + s.start, end: para.start + s.start + head.length, text: head, speaker: null, role: null, quote: null });
      units.push({
        kind: speaker ? "statement" : "passage",
        start: para.start + textStart,
        end: para.start + s.end,
        text: text.slice(textStart, s.end),
        speaker: speaker?.name ?? null,
        role: speaker?.role ?? null,
        quote: null,
      });
    }
    units.sort((a, b) => a.start - b.start);
    out.push({ paragraph: para, units });
  });

  // A quote run over several paragraphs whose attribution comes in a later paragraph.
  for (const chain of chains) {
    const namedUnit = chain.find((u) => u.speaker);
    if (!namedUnit) continue;
    for (const u of chain) {
      const a = quoteAttr.get(u);
      if (!u.speaker && !a?.anonymous) {
        u.speaker = namedUnit.speaker;
        u.role = namedUnit.role;
      }
    }
  }
  return out;

  /** Reported speech without quote marks: "the Chancellery said the two sides had moved closer". */
  function reported(pi: number, s: Sentence): (Speaker & { from: number }) | null {
    const text = masked[pi]!;
    const quoted = quotedAsSaying(pi, s.start, text.slice(s.start, s.end));
    if (quoted) return quoted.speaker ? { ...quoted.speaker, from: s.start } : null;
    // "According to X, …" / "…, according to X.": the whole sentence is X's account.
    const sentence = text.slice(s.start, s.end);
    if (/^\s*(?:according to|in the words of)\b/i.test(sentence)) {
      const acc = accordingTo(pi, s.start, s.end);
      if (acc) return acc.speaker ? { ...acc.speaker, from: s.start } : null;
    }
    if (/,\s*according to\s+[^,]+[.!?]?\s*$/i.test(sentence)) {
      const acc = accordingTo(pi, s.start, s.end);
      if (acc?.speaker) return { ...acc.speaker, from: s.start };
    }
    const verbs = findSpeechVerbs(text.slice(s.start, s.end)).map((v) => ({ ...v, index: v.index + s.start, end: v.end + s.start }));
    for (const v of verbs) {
      if (/^call/.test(v.verb) && /^\s+(?:\p{Lu}|him\b|her\b|them\b)/u.test(text.slice(v.end))) continue;
      const r = subjectOf(pi, s.start, v.index);
      if (r.relative) continue;
      let a = r.attribution;
      if (!a && r.coordinated) a = mainSubject(pi, s.start, v.index);
      if (!a) continue;
      if (!a.speaker) return null;
      // Start the statement at its own clause when it follows ", and" / "; ".
      const head = text.slice(s.start, v.index);
      const clause = LAST_CLAUSE_JOIN.exec(head);
      const from = clause && r.attribution ? s.start + clause.index + clause[0].length : s.start;
      return { ...a.speaker, from };
    }
    const part = findParticiple(text.slice(s.start, s.end), false);
    if (part) {
      const a = mainSubject(pi, s.start, s.start + part.index);
      if (a?.speaker) return { ...a.speaker, from: s.start };
    }
    const acc = accordingTo(pi, s.start, s.end);
    if (acc?.speaker) return { ...acc.speaker, from: s.start };
    return null;
  }
}

/** Where the noun phrase of a name starts: its role words, a determiner, a possessive owner. */
function nounPhraseStart(text: string, nameStart: number, role: string | null): number {
  let start = nameStart;
  if (role) {
    const at = text.lastIndexOf(role, nameStart);
    if (at >= 0 && at + role.length <= nameStart) start = at;
  }
  for (;;) {
    const before = text.slice(0, start);
    const det = /(?:\b(?:the|The|a|A|an|An|his|His|her|Her|its|their|Their|our)\s+)$/.exec(before);
    if (det) {
      start = det.index;
      continue;
    }
    // "Carl Brandt's trusted envoy Steve Holloway": the owner and up to two words after it.
    const poss = /(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*['’]s?\s+(?:\p{Ll}[\p{L}-]*\s+){0,2}$/u.exec(before);
    if (poss) {
      start = poss.index;
      continue;
    }
    return start;
  }
}

/** Is `pos` where a clause starts, so that a noun phrase there can be a subject? */
function clauseInitial(text: string, pos: number): boolean {
  const before = text.slice(0, pos).replace(/\s+$/, "");
  if (!before) return true;
  const last = before[before.length - 1]!;
  if (/[.!?,;:()\u2014\u2013"“”«»„]/.test(last)) return true;
  const word = /([\p{L}'’-]+)$/u.exec(before)?.[1] ?? "";
  // "between Brandt and Novak": after "and" / "or" a name starts a clause only if a verb follows.
  if (["and", "or", "nor"].includes(word.toLowerCase())) return /(?:^|[.!?;:,"“”])\s*$/.test(before.slice(0, before.length - word.length));
  if (CLAUSE_WORDS.has(word.toLowerCase())) return true;
  if (/^\p{Lu}/u.test(word)) return true;
  return /ly$/.test(word) || ["later", "earlier", "then", "now", "also", "afterwards", "meanwhile"].includes(word.toLowerCase());
}

const verbCache = new Map<string, boolean>();
/** Is the word after a name a verb ("Brandt had shifted"), so that the name is a subject? */
function followedByVerb(text: string, end: number): boolean {
  const m = /^(?:['’]s?)?\s+(?:(?:\p{Ll}+ly|also|later|then|himself|herself)\s+)*(\p{Ll}+)\b/u.exec(text.slice(end));
  if (!m || /^['’]/.test(text.slice(end))) return false;
  const w = m[1]!;
  if (!verbCache.has(w)) verbCache.set(w, looksLikeVerb(w));
  return verbCache.get(w)!;
}

/** Only a determiner and describing words before a name ("a beaming", "an angry", "the visibly tired"). */
function describesOnly(lead: string): boolean {
  const words = lead.split(/\s+/);
  if (words.length > 4 || !["a", "an", "the"].includes(words[0]!.toLowerCase())) return false;
  return words.slice(1).every((w) => /^\p{Ll}+(?:ing|ed|ly|ful|ous|ant|ent|ive|ic|al)$/u.test(w));
}

/** Only descriptor words before a name: capitalised words, titles, roles, institutions ("Foreign ministry"). */
function descriptorOnly(lead: string): boolean {
  const words = lead.split(/\s+/);
  return words.length <= 6 && words.every((w) => {
    const b = w.toLowerCase().replace(/['’]s$/, "");
    return /^\p{Lu}/u.test(w) || english.titles.has(b) || english.roleNouns.has(b) || english.orgNouns.has(b) || b === "of" || b === "the";
  });
}
