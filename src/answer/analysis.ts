import { alternation, english, type AnswerType } from "../lexicon/english.js";
import type { Retrieval, SpeakerRow } from "../retrieval/index.js";
import type { Story } from "../story/story.js";
import { timeOfQuestion } from "../story/time.js";
import { questionDate, type DateConstraint } from "../text/dates.js";
import type { EntityType } from "../text/entities.js";
import { foldWord, termSpans, terms, STOP_WORDS, type TermSpan } from "../text/terms.js";
import { wordRank } from "../text/wordfreq.js";
import { wordVectors } from "../text/wordvectors.js";
import lemmatizer from "wink-lemmatizer";
import { isCommonNoun, isNoun, isSiteNoun, nounAnswerType, nounForms, nounSynonyms } from "../text/wordnet.js";
import { EVERYDAY_RANK, speakerIntent, speakerMatches, targetParts, type SpeakerIntent } from "./intent.js";

/** What a question asks, read once and used by every later step. */
export interface QuestionInfo {
  text: string;
  /** Content terms as the corpus spells them: misspelt words are replaced by their nearest corpus terms. */
  terms: string[];
  /**
   * Words of the question that the corpus lacks, even spelled a letter or two differently.
   * `named`: a name (capitalised mid-question, or the speaker asked about); `rare`: not an
   * everyday English word.
   */
  missing: { word: string; term: string; named: boolean; rare: boolean }[];
  /** How much each term says, by the everyday-English rarity of the word typed (specificity()). */
  specificity: Map<string, number>;
  /** The word typed for each term (folded), for word-vector similarity. */
  words: Map<string, string>;
  /** The kinds of answer it wants ("how long" -> duration), empty when any. */
  wants: EntityType[];
  /** The term of what "how many"/"how much" counts ("how many british troops" -> "troop"), or null. */
  unit: string | null;
  /** "How old is he?": an amount answers only as an age ("Fogel, 63,", "54 years old"). */
  age: boolean;
  /**
   * "Where in Riyadh", "where exactly", "which palace": a place answers only as a building, a room
   * or a compound (siteCues, or the noun asked for names one), not as another city.
   */
  site: boolean;
  date: DateConstraint | null;
  recency: "latest" | "earliest" | null;
  /** byName: every word of the target is a name, not an everyday word. */
  speaker: (SpeakerIntent & { matches: SpeakerRow[]; topicTerms: string[]; byName: boolean }) | null;
  /** "Did Holloway comment?": answered yes or no (a sentence saying he declined to is an answer). */
  yesNo: boolean;
  /** "What happened?": asks for the story, not a fact. */
  broad: boolean;
  /** "Give me the gist of the Lisbon talks": an overview of one part of the story. */
  scoped: boolean;
  /**
   * The question as the sentence encoder should read it: chat shorthand spelled out, names as the
   * articles write them ("holoway" -> "Holloway", "novak" -> "Novak": the encoder reads a typo as
   * other word pieces, and is case-sensitive), and written as a sentence.
   */
  embedText: string;
}

const WANTS: Record<AnswerType, EntityType[]> = {
  duration: ["duration"],
  time: ["time"],
  count: ["count"],
  age: ["count", "duration"],
  money: ["money", "count"],
  percent: ["percent", "count"],
  date: ["date", "time"],
  place: ["place"],
  person: ["person"],
  actor: ["person", "place"],
};

const hasPhrase = (q: string, phrase: string) => new RegExp(`(?:^|[^\\p{L}'’])${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:$|[^\\p{L}])`, "u").test(q);

/**
 * The kinds of answer a question's wording asks for (English cues from the lexicon), and the cue.
 * The earliest cue that asks wins. A one-word cue ("when", "where", "who") asks only at the start
 * of the question, before an auxiliary ("when did", "where was") or at its end ("pushed back to
 * when?"); elsewhere it is a conjunction ("what was he wearing when he arrived"). With no cue,
 * "which"/"what" and a noun (whichNoun).
 */
export function answerCue(question: string): { wants: EntityType[]; cue: string; type: string; noun?: string } | null {
  const q = question.toLowerCase().replace(/[’]/g, "'");
  let best: { wants: EntityType[]; cue: string; type: string; at: number } | null = null;
  for (const { type, cue, re } of CUES) {
    // matchAll works on a copy of the pattern, so the shared one keeps no state between calls.
    for (const m of q.matchAll(re)) {
      const at = m.index! + m[0].length - cue.length;
      const after = q.slice(at + cue.length);
      const asks = cue.includes(" ") || isOpening(q.slice(0, at)) || AUXILIARY.test(after) || isClosing(after);
      if (asks && (!best || at < best.at)) best = { wants: WANTS[type], cue, type, at };
      if (asks) break;
    }
  }
  if (best) return { wants: best.wants, cue: best.cue, type: best.type };
  return whichNoun(q);
}

/**
 * What a "how many"/"how much" question counts: the last noun of the words after it, up to the
 * first that is not one ("how many british troops is…" -> troops, "how many hrs were…" -> hours).
 * An answer counts the same thing ("about 5,000 troops"), not just any number.
 */
export function countedNoun(question: string): string | null {
  const m = /\bhow\s+(?:many|much)\s+([\p{L}'\s-]+)/u.exec(question.toLowerCase());
  if (!m) return null;
  let head: string | null = null;
  for (const w of m[1]!.trim().split(/\s+/).slice(0, 3)) {
    if (STOP_WORDS.has(w) || AUXILIARY.test(` ${w}`) || !isNoun(w)) break;
    head = w;
  }
  return head ? (terms(head)[0] ?? null) : null;
}

/**
 * "which palace was…", "what night did…", "which french guy wrote…": without a cue of the
 * lexicon, a which/what question asks for the kind of thing its noun names (WordNet, wordnet.ts).
 * The noun is the last of the nouns right after "which"/"what", up to the first word that is
 * not one ("did", "co-wrote"); it stays a search term, so only "which"/"what" is the cue.
 */
function whichNoun(q: string): { wants: EntityType[]; cue: string; type: string; noun?: string } | null {
  const m = /(?:^|[^\p{L}'])(which|what)\s+([\p{L}'\s-]+)/u.exec(q);
  if (!m || !isOpening(q.slice(0, m.index + m[0].indexOf(m[1]!)))) return null;
  let head: string | null = null;
  for (const w of m[2]!.trim().split(/\s+/)) {
    if (STOP_WORDS.has(w) || AUXILIARY.test(` ${w}`) || !isNoun(w)) break;
    head = w;
  }
  const type = head ? nounAnswerType(head) : null;
  return type ? { wants: WANTS[type], cue: m[1]!, type, noun: head! } : null;
}

/**
 * Does the question ask for a building, a room or a compound: "where in Riyadh", "where exactly"
 * (siteCues), or a which/what noun that names one ("which building", "which palace")?
 */
export function asksForSite(question: string, cue = answerCue(question)): boolean {
  if (!cue?.wants.includes("place")) return false;
  const noun = cue.noun ?? (cue.cue.includes(" ") ? cue.cue.split(" ").pop()! : null);
  return english.siteCues.some((p) => hasPhrase(question.toLowerCase(), p)) || (!!noun && isSiteNoun(noun));
}

/** Every cue phrase of the lexicon as a whole-word pattern, compiled once. */
const CUES = (Object.entries(english.answerTypes) as [AnswerType, string[]][]).flatMap(([type, phrases]) =>
  phrases.map((cue) => ({ type, cue, re: new RegExp(`(?:^|[^\\p{L}'])(${cue.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})(?=$|[^\\p{L}])`, "gu") })),
);

const AUXILIARY = /^\s+(?:did|does|do|was|were|is|are|will|would|has|have|had|exactly|can|could|should|'s)\b/;

/** A yes/no question: it opens with an auxiliary ("did", "has", "is"…), after any chatter. */
const YES_NO = /^\W*(?:(?:wait|so|ok|okay|hey|anyone know|does anyone know)\W+)*(?:did|does|do|has|have|had|is|are|was|were|will|would|can|could)\b/i;

/** Nothing before the cue but the chatter people open a question with ("wait so", "anyone know"). */
function isOpening(before: string): boolean {
  const words = before.split(/[^\p{L}']+/u).filter(Boolean);
  return words.every((w) => english.questionStopWords.has(w) || STOP_WORDS.has(w));
}

/** Nothing after the cue but chatter: "he pushed the trip back to when?", "held where exactly". */
const isClosing = (after: string) => isOpening(after);

export function answerTypes(question: string): EntityType[] {
  return answerCue(question)?.wants ?? [];
}

/**
 * How specific a word is in everyday English, 0.2..1 by its SUBTLEX rank: "actually", "back" and
 * "kind" say little about what is asked; "moratorium" and names say a lot. Multiplies corpus IDF.
 */
export function specificity(word: string): number {
  const rank = wordRank(word);
  if (rank === null) return 1;
  return Math.min(1, Math.max(0.2, Math.log10(rank) / 4.3));
}

/**
 * Does the question ask for an overview? "story": of the whole story, a broad cue and nothing
 * specific besides ("what happened?"); "scoped": of one part of it ("give me the gist of the
 * Lisbon talks", "what happened in Oslo"); null: a question about a fact.
 */
export function broadness(question: string): "story" | "scoped" | null {
  const q = question.toLowerCase().replace(/[’]/g, "'");
  const cue = english.broadQuestions.find((p) => hasPhrase(q, p));
  if (!cue) return null;
  const rest = q.replace(cue, " ");
  const specific = termSpans(rest).filter((t) => !english.broadFiller.has(t.word) && !english.latestWords.has(t.word));
  if (specific.length === 0) return "story";
  return english.summaryQuestions.some((p) => hasPhrase(q, p)) ? "scoped" : null;
}

export function isBroad(question: string): boolean {
  return broadness(question) === "story";
}

function recencyOf(question: string, cueVerbs: ReadonlySet<string>): QuestionInfo["recency"] {
  const words = question.toLowerCase().split(/[^\p{L}-]+/u).filter((w) => !cueVerbs.has(w));
  if (words.some((w) => english.latestWords.has(w))) return "latest";
  if (words.some((w) => english.earliestWords.has(w))) return "earliest";
  return null;
}

/**
 * The speaker asked about, also when the question opens with a date or a topic before a dash or
 * colon ("in january, what did novak say…", "the leak - what did varga say").
 */
export function speakerIntentOf(question: string, date: DateConstraint | null): SpeakerIntent | null {
  const tries = [question];
  if (date) tries.push(withoutDateText(question, date.text).replace(/^[\s,]*(?:in|on|at|during|after|before|around|by|since)\b[\s,]*/i, ""));
  const clause = question.split(/\s[-–—:]\s|[,;:]\s+(?=(?:what|how|did|has|have|does|do|any)\b)/i).pop();
  if (clause && clause !== question) tries.push(clause);
  for (const t of tries) {
    const intent = speakerIntent(t.trim());
    if (intent) return intent;
  }
  return null;
}

const NO_WORDS: ReadonlySet<string> = new Set();

/** A word people rarely use in general English, or never: a name, a place, a term of art. */
export const RARE_WORD_RANK = 20_000;

/** Is the word at `start` the first of its sentence (where every word is capitalised)? */
function sentenceInitial(text: string, start: number): boolean {
  return /^[\s"'“‘(]*$/.test(text.slice(0, start)) || /[.!?:]\s*["'“‘(]*\s*$/.test(text.slice(0, start));
}

/** How many sentences holding a word are read to see how the articles write it. */
const NAME_SAMPLE = 30;

/**
 * Do the articles write this word as a name: capitalised away from a sentence's start, nearly
 * every time? "Baker" and "Cook" are everyday words in English but names in a story that quotes
 * Nora Baker; the corpus, not a word list, says which.
 */
export function writtenAsName(r: Retrieval, word: string, term: string): boolean {
  // Months and weekdays are written capitalised too, and are not who said something.
  if (questionDate(word)) return false;
  const { seen, capitals } = howWritten(r, term, NAME_SAMPLE, (s) => s.word === word);
  return seen > 0 && sum(capitals.values()) >= 0.8 * seen;
}

const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);

/**
 * How the articles write a term away from a sentence's start, in up to `sample` sentences that
 * hold it (BM25's): how often it occurs there (of the spans `keep` accepts), and each capitalised
 * form with its count.
 */
function howWritten(r: Retrieval, term: string, sample: number, keep: (s: TermSpan) => boolean): { seen: number; capitals: Map<string, number> } {
  let seen = 0;
  const capitals = new Map<string, number>();
  for (const { id } of r.bm25Units([term], sample)) {
    const text = r.unit(id).text;
    for (const s of termSpans(text)) {
      if (!keep(s) || sentenceInitial(text, s.start)) continue;
      seen++;
      const w = text.slice(s.start, s.end).replace(/['’]s$/, "");
      if (/^\p{Lu}/u.test(w)) capitals.set(w, (capitals.get(w) ?? 0) + 1);
    }
  }
  return { seen, capitals };
}

/** Chat shorthand read as the words it stands for ("ppl" -> "people"); the lexicon's chatSpellings. */
export function expandChat(question: string): string {
  return question.replace(/[^\s]+/g, (token) => {
    const m = /^([("'“‘]*)(.*?)([)"'”’.,!?;:]*)$/u.exec(token)!;
    const word = english.chatSpellings.get(m[2]!.toLowerCase());
    return word ? `${m[1]}${word}${m[3]}` : token;
  });
}

/** Each particle run of the lexicon's phrasal verbs ("off", "the plug"), with the verb before it. */
const PHRASAL = [...new Set([...english.phrasalVerbs.keys()].map((k) => k.slice(k.indexOf(" ") + 1)))].map(
  (rest) => new RegExp(`(?<![\\p{L}'])(\\p{L}+)\\s+(${rest.replace(/ /g, "\\s+")})(?![\\p{L}])`, "giu"),
);

/**
 * Phrasal verbs read as the plain verb they mean ("when did the talks kick off" -> "start"), in
 * any form of the verb ("kicked off", "sat down"): the lexicon's phrasalVerbs. The particle alone
 * ("off", "down") is no word to look for, and the articles write the plain verb.
 */
export function plainVerbs(question: string): string {
  return PHRASAL.reduce(
    (q, re) => q.replace(re, (all, verb: string, rest: string) => english.phrasalVerbs.get(`${lemmatizer.verb(verb.toLowerCase())} ${rest.toLowerCase().replace(/\s+/g, " ")}`) ?? all),
    question,
  );
}

/**
 * A compound noun of English whose head the articles use ("counterproposal", "proposal"): a
 * word, not a name, though rare and asked about ("what does the counterproposal say"). A name
 * that is also a word ("mason") has no such head.
 */
function compoundOfKnown(retrieval: Retrieval, word: string): boolean {
  if (!isCommonNoun(word)) return false;
  for (let i = 3; i + 5 <= word.length; i++) {
    const head = terms(word.slice(i))[0];
    if (head && retrieval.docFreq(head) > 0) return true;
  }
  return false;
}

/** Shortest part of a closed compound: "sit" + "down", not "a" + "way". */
const COMPOUND_PART = 3;

/** Every way to cut a word in two parts of at least COMPOUND_PART letters. */
function* twoParts(word: string): Generator<[string, string]> {
  for (let i = COMPOUND_PART; i + COMPOUND_PART <= word.length; i++) yield [word.slice(0, i), word.slice(i)];
}

/**
 * A word English text does not know that is two everyday words written together ("sitdown":
 * sit + down), as chat types a hyphenated compound; null otherwise. The split whose rarer part is
 * the most common wins.
 */
export function closedCompound(word: string): [string, string] | null {
  let best: { parts: [string, string]; rank: number } | null = null;
  for (const parts of twoParts(word)) {
    const ranks = parts.map(wordRank);
    if (ranks.some((r) => r === null || r > RARE_WORD_RANK)) continue;
    const rank = Math.max(...(ranks as number[]));
    if (!best || rank < best.rank) best = { parts, rank };
  }
  return best?.parts ?? null;
}

/** How many sentences holding both halves are read to see whether the articles hyphenate a word. */
const HYPHEN_SAMPLE = 5;

/** The halves of a word the articles write hyphenated ("stand-off" for "standoff"); null when they don't. */
function hyphenatedInCorpus(r: Retrieval, word: string): [string, string] | null {
  if (!/^\p{Ll}+$/u.test(word)) return null;
  for (const parts of twoParts(word)) {
    const t = parts.map((p) => terms(p)[0]);
    if (t.some((x) => !x || r.docFreq(x) === 0)) continue;
    const written = new RegExp(`(?:^|[^\\p{L}])${parts[0]}[-‐–]${parts[1]}(?:$|[^\\p{L}])`, "iu");
    if (r.bm25Units(t as string[], HYPHEN_SAMPLE).some((h) => written.test(r.unit(h.id).text))) return parts;
  }
  return null;
}

/** A word that points at the date, before it or before the preposition that opens it ("back in feb"). */
const DATE_LEAD_IN = new RegExp(`(?<![\\p{L}])(?:way\\s+)?(?:${alternation(english.dateLeadIns)})(?:\\s+(?:in|on|during|around|at))?\\s*$`, "iu");

/** The question without the date it names, nor the word that points at it. */
export function withoutDateText(question: string, dateText: string): string {
  const at = question.indexOf(dateText);
  if (at < 0) return question;
  return `${question.slice(0, at).replace(DATE_LEAD_IN, " ")} ${question.slice(at + dateText.length)}`;
}

export function analyzeQuestion(asked: string, retrieval: Retrieval, story: Pick<Story, "aliases">): QuestionInfo {
  const question = plainVerbs(expandChat(asked));
  const date = timeOfQuestion(question, retrieval) ?? questionDate(question);
  const cue = answerCue(question);
  // The words that set the date or the kind of answer are not words to look for: "in march" is
  // not about marching, "how long" not about length.
  let withoutDate = date ? withoutDateText(question, date.text) : question;
  if (cue) withoutDate = withoutDate.replace(new RegExp(`\\b${cue.cue.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i"), " ");
  // Nor are the words that ask for an overview ("whats the deal with the bridge closure" is not about a deal).
  const scope = broadness(question);
  // Every such cue goes ("gist of what came out of the Oslo talks" is not about a gist either).
  if (scope === "scoped") {
    for (const p of english.summaryQuestions) {
      if (!hasPhrase(withoutDate.toLowerCase().replace(/[’]/g, "'"), p)) continue;
      withoutDate = withoutDate.replace(new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, "['’]"), "i"), " ");
    }
  }
  // The verb that finishes a cue ("how long did it last") is looked for ("it lasted two hours"),
  // but it is not "the last one", and articles without it lack nothing.
  const cueVerbs = (cue && english.answerTypeVerbs[cue.type as keyof typeof english.answerTypeVerbs]) || NO_WORDS;
  const recency = recencyOf(question, cueVerbs);
  // The same for "the last meeting", "the first call": the order asked for is read by recencyOf.
  const frameWord = (w: string) => cueVerbs.has(w) || (recency !== null && (english.latestWords.has(w) || english.earliestWords.has(w)));
  const spans = termSpans(withoutDate);
  const intent = speakerIntentOf(question, date);
  // The speaker asked about is a name even typed in lower case; everyday words around it are not ("the chancellery guy").
  const targetSpans = intent ? termSpans(intent.target) : [];
  const beyondEveryday = targetSpans.map((t) => t.word).filter((w) => (wordRank(w) ?? Infinity) > EVERYDAY_RANK);
  // Looked up once here, for the rare words below too (every rare word is beyond everyday).
  const compounds = new Set(beyondEveryday.filter((w) => compoundOfKnown(retrieval, w)));
  const targetWords = new Set(beyondEveryday.filter((w) => !compounds.has(w)));
  const termsOut: string[] = [];
  const missing: QuestionInfo["missing"] = [];
  const spec = new Map<string, number>();
  const typedWords = new Map<string, string>();
  const fixes: { from: string; to: string }[] = [];
  /** A corpus term to look for, the word it was found as, and how much that word says. */
  const lookFor = (term: string, word: string, specific: number) => {
    termsOut.push(term);
    spec.set(term, specific);
    typedWords.set(term, word);
  };
  for (const s of spans) {
    const rank = wordRank(s.word);
    const rare = rank === null || rank > RARE_WORD_RANK;
    if (retrieval.docFreq(s.term) > 0) {
      lookFor(s.term, s.word, specificity(s.word));
      // A name typed in lower case ("novak", "st gallen") is shown to the encoder as the
      // articles write it: it reads "Novak" closer to the articles' "Novak" than "novak".
      const typed = withoutDate.slice(s.start, s.end).replace(/['’]s$/, "");
      if (/^\p{Ll}/u.test(typed) && (rank === null || rank > NAME_CHECK_RANK)) {
        const name = nameForm(retrieval, s.term);
        if (name && name.toLowerCase() === typed.toLowerCase()) fixes.push({ from: typed, to: name });
      }
      continue;
    }
    // A misspelt name ("holoway") is corrected; an everyday word the articles lack ("blown") is not
    // turned into another one ("flown"), nor is a word or name English text knows ("modi" is
    // not a misspelt "mode": it has a word vector of its own). A surname has a word vector too:
    // a rare word that is no noun of English ("lentz") may still be a misspelt name the articles
    // write capitalised (Lenz), though a noun ("euro") is never read as one ("Europe").
    const english = knownWord(s.word);
    const similar = !rare || (english && isNoun(s.word)) ? [] : retrieval.similarTerms(s.term).filter((t) => !english || nameForm(retrieval, t) !== null);
    if (similar.length) {
      termsOut.push(similar[0]!);
      spec.set(similar[0]!, 1);
      const surface = surfaceOf(retrieval, similar[0]!);
      if (surface) fixes.push({ from: withoutDate.slice(s.start, s.end), to: surface });
      continue;
    }
    // "whats", "hows": chat spellings whose term is a stop word lack nothing either.
    if (frameWord(s.word) || STOP_WORDS.has(s.term)) continue;
    // Two everyday words typed as one ("sitdown") is no name the articles lack: it is looked for as
    // the words it joins, as the articles would hyphenate them; so is a word the articles write
    // hyphenated ("standoff", where an outlet writes "stand-off").
    const joined = (rare && !english ? closedCompound(s.word) : null) ?? hyphenatedInCorpus(retrieval, s.word);
    if (joined) {
      for (const part of joined) {
        const t = terms(part)[0];
        if (!t) continue;
        if (retrieval.docFreq(t) > 0) lookFor(t, part, specificity(part));
        else missing.push({ word: part, term: t, named: false, rare: false });
      }
      fixes.push({ from: withoutDate.slice(s.start, s.end), to: joined.join("-") });
      continue;
    }
    // An everyday noun the articles write another way ("kids": "children", "memo": "memorandum")
    // is looked for as they write it: WordNet's other names for its most common sense.
    const synonym = isCommonNoun(s.word)
      ? nounSynonyms(s.word)
          .flatMap(nounForms)
          .map((word) => ({ word, t: terms(word) }))
          .find(({ t }) => t.length === 1 && retrieval.docFreq(t[0]!) > 0)
      : undefined;
    if (synonym) {
      lookFor(synonym.t[0]!, synonym.word, specificity(s.word));
      fixes.push({ from: withoutDate.slice(s.start, s.end), to: synonym.word });
      continue;
    }
    const typed = withoutDate.slice(s.start, s.end).replace(/['’]s$/, "");
    const named = (/^\p{Lu}/u.test(typed) && !sentenceInitial(withoutDate, s.start)) || targetWords.has(s.word);
    missing.push({ word: typed, term: s.term, named, rare });
  }

  let speaker: QuestionInfo["speaker"] = null;
  if (intent) {
    // The target as corrected too: "lentz" is Lenz, too short a name for closeSpelling to judge.
    const corrected = applyFixes(intent.target, fixes);
    const targets = [...new Set([intent.target, corrected].flatMap(targetParts))];
    const matches = retrieval.speakers().filter((s) => targets.some((t) => speakerMatches(t, s, story.aliases)));
    const known = new Set(termsOut);
    const topicTerms = termSpans(intent.topic).map((t) => t.term).filter((t) => known.has(t) || retrieval.docFreq(t) > 0);
    // Asked by name ("what did novak say"), not by a description ("the us trade plan", "the
    // european officials"): every word of the target is rare in everyday English, or written as
    // a name by the articles ("baker", "pope francis").
    const byName = targetSpans.length > 0 && targetSpans.every((t) => ((wordRank(t.word) ?? Infinity) > RARE_WORD_RANK && !compounds.has(t.word)) || writtenAsName(retrieval, t.word, t.term));
    speaker = { ...intent, matches, topicTerms, byName };
  }
  return {
    text: asked,
    terms: termsOut.filter((t) => !STOP_WORDS.has(t)),
    missing,
    specificity: spec,
    words: typedWords,
    wants: cue?.wants ?? [],
    unit: countedNoun(question),
    age: cue?.type === "age",
    site: asksForSite(question, cue),
    date,
    recency,
    speaker,
    yesNo: YES_NO.test(question),
    broad: scope === "story",
    scoped: scope === "scoped",
    embedText: asSentence(applyFixes(question, fixes)),
  };
}

/** A word of English text (one of the word vectors' 100,000 most frequent words), names included. */
const knownWord = (word: string) => wordVectors()?.indexOf(word) !== undefined;

/** Words more common than this are not looked up as names for the encoder (few are). */
const NAME_CHECK_RANK = 3_000;
/** How many sentences are read to see whether the articles capitalise a word. */
const NAME_FORM_SAMPLE = 5;

/**
 * The capitalised form the articles give a term away from a sentence's start, when they nearly
 * always do; null otherwise.
 */
function nameForm(r: Retrieval, term: string): string | null {
  // An index does not change once loaded, and a story's questions name the same people again and again.
  let cache = nameForms.get(r);
  if (!cache) nameForms.set(r, (cache = new Map()));
  if (cache.has(term)) return cache.get(term)!;
  const form = readNameForm(r, term);
  if (cache.size >= NAME_FORM_CACHE) cache.delete(cache.keys().next().value!);
  cache.set(term, form);
  return form;
}

const nameForms = new WeakMap<Retrieval, Map<string, string | null>>();
const NAME_FORM_CACHE = 5_000;

function readNameForm(r: Retrieval, term: string): string | null {
  const { seen, capitals } = howWritten(r, term, NAME_FORM_SAMPLE, (s) => s.term === term);
  const [best] = [...capitals.entries()].sort((a, b) => b[1] - a[1]);
  return best && sum(capitals.values()) >= 0.8 * seen ? best[0] : null;
}

/** How the articles write a term: the word of one sentence that holds it, as written there. */
function surfaceOf(r: Retrieval, term: string): string | null {
  const hit = r.bm25Units([term], 1)[0];
  if (!hit) return null;
  const text = r.unit(hit.id).text;
  const span = termSpans(text).find((t) => t.term === term);
  return span ? text.slice(span.start, span.end).replace(/['’]s$/, "") : null;
}

/**
 * Written the way the articles' sentences are: capitalised, ending in a full stop. The encoder
 * places "Novak and Varga met for how long." nearer the sentence that answers than "novak and
 * varga met for how long?" (on the dev questions, the right sentence's mean reciprocal rank by
 * sentence cosine alone went from 0.315 to 0.342, by paragraph cosine from 0.282 to 0.309).
 */
function asSentence(text: string): string {
  const t = text.trim().replace(/[\s?!.]+$/u, "");
  return t ? `${t[0]!.toUpperCase()}${t.slice(1)}.` : text;
}

/** Each misspelt word, wherever the question has it whole, as the articles write it. */
function applyFixes(text: string, fixes: { from: string; to: string }[]): string {
  let out = text;
  for (const f of fixes) out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${f.from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "gu"), () => f.to);
  return out;
}
