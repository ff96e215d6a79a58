import nlp from "compromise";
import { english } from "../lexicon/english.js";
import type { Retrieval, SpeakerRow } from "../retrieval/index.js";
import type { Story } from "../story/story.js";
import { questionDate, type DateConstraint } from "../text/dates.js";
import type { EntityType } from "../text/entities.js";
import { foldWord, termSpans, STOP_WORDS } from "../text/terms.js";
import { wordRank } from "../text/wordfreq.js";
import { EVERYDAY_RANK, speakerIntent, speakerMatches, type SpeakerIntent } from "./intent.js";

/** What a question asks, read once and used by every later step. */
export interface QuestionInfo {
  text: string;
  /** Content terms as the corpus spells them: misspelt words are replaced by their nearest corpus terms. */
  terms: string[];
  /**
   * Words of the question that the corpus lacks, even spelled a letter or two differently.
   * `named`: a name (capitalised mid-question, tagged a person, place or organisation, or the
   * speaker asked about); `rare`: not an everyday English word.
   */
  missing: { word: string; term: string; named: boolean; rare: boolean }[];
  /** The kinds of answer it wants ("how long" -> duration), empty when any. */
  wants: EntityType[];
  date: DateConstraint | null;
  recency: "latest" | "earliest" | null;
  speaker: (SpeakerIntent & { matches: SpeakerRow[]; topicTerms: string[] }) | null;
  /** "What happened?": asks for the story, not a fact. */
  broad: boolean;
}

const WANTS: Record<string, EntityType[]> = {
  duration: ["duration"],
  time: ["time"],
  count: ["count"],
  money: ["money", "count"],
  percent: ["percent", "count"],
  date: ["date", "time"],
  place: ["place"],
  person: ["person"],
};

const hasPhrase = (q: string, phrase: string) => new RegExp(`(?:^|[^\\p{L}'’])${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:$|[^\\p{L}])`, "u").test(q);

/** The kinds of answer a question's wording asks for (English cues from the lexicon). */
export function answerTypes(question: string): EntityType[] {
  const q = question.toLowerCase().replace(/[’]/g, "'");
  for (const [type, phrases] of Object.entries(english.answerTypes)) {
    if (phrases.some((p) => hasPhrase(q, p))) return WANTS[type] ?? [];
  }
  return [];
}

/** Is the question about the story as a whole? A broad cue, and nothing specific besides. */
export function isBroad(question: string): boolean {
  const q = question.toLowerCase().replace(/[’]/g, "'");
  const cue = english.broadQuestions.find((p) => hasPhrase(q, p));
  if (!cue) return false;
  const rest = q.replace(cue, " ");
  const specific = termSpans(rest).filter((t) => !english.broadFiller.has(t.word) && !english.latestWords.has(t.word));
  return specific.length === 0;
}

function recencyOf(question: string): QuestionInfo["recency"] {
  const words = question.toLowerCase().split(/[^\p{L}-]+/u);
  if (words.some((w) => english.latestWords.has(w))) return "latest";
  if (words.some((w) => english.earliestWords.has(w))) return "earliest";
  return null;
}

/** Words compromise tags as a person, place or organisation in the question, folded. */
function nameWordsOf(question: string): Set<string> {
  const doc = nlp(question);
  const out = new Set<string>();
  for (const phrase of [...doc.people().out("array"), ...doc.places().out("array"), ...doc.organizations().out("array")] as string[]) {
    for (const w of phrase.split(/\s+/)) out.add(foldWord(w.replace(/[^\p{L}\p{N}'’.-]+/gu, "")));
  }
  return out;
}

/** A word people rarely use in general English, or never: a name, a place, a term of art. */
export const RARE_WORD_RANK = 20_000;

/** Is the word at `start` the first of its sentence (where every word is capitalised)? */
function sentenceInitial(text: string, start: number): boolean {
  return /^[\s"'“‘(]*$/.test(text.slice(0, start)) || /[.!?:]\s*["'“‘(]*\s*$/.test(text.slice(0, start));
}

export function analyzeQuestion(question: string, retrieval: Retrieval, story: Pick<Story, "aliases">): QuestionInfo {
  const date = questionDate(question);
  // The words that set the date are not words to look for ("in march" is not about marching).
  const withoutDate = date ? question.replace(date.text, " ") : question;
  const spans = termSpans(withoutDate);
  const names = nameWordsOf(question);
  const intent = speakerIntent(question);
  // The speaker asked about is a name even typed in lower case; everyday words around it are not ("the kremlin guy").
  const targetWords = new Set(intent ? termSpans(intent.target).map((t) => t.word).filter((w) => (wordRank(w) ?? Infinity) > EVERYDAY_RANK) : []);
  const termsOut: string[] = [];
  const missing: QuestionInfo["missing"] = [];
  for (const s of spans) {
    if (retrieval.docFreq(s.term) > 0) {
      termsOut.push(s.term);
      continue;
    }
    const similar = retrieval.similarTerms(s.term);
    if (similar.length) {
      termsOut.push(similar[0]!);
      continue;
    }
    const rank = wordRank(s.word);
    const typed = withoutDate.slice(s.start, s.end).replace(/['’]s$/, "");
    const named = (/^\p{Lu}/u.test(typed) && !sentenceInitial(withoutDate, s.start)) || names.has(s.word) || targetWords.has(s.word);
    missing.push({ word: typed, term: s.term, named, rare: rank === null || rank > RARE_WORD_RANK });
  }

  let speaker: QuestionInfo["speaker"] = null;
  if (intent) {
    const matches = retrieval.speakers().filter((s) => speakerMatches(intent.target, s, story.aliases));
    const topicTerms = termSpans(intent.topic).map((t) => (retrieval.docFreq(t.term) > 0 ? t.term : (retrieval.similarTerms(t.term)[0] ?? t.term)));
    speaker = { ...intent, matches, topicTerms };
  }
  return {
    text: question,
    terms: termsOut.filter((t) => !STOP_WORDS.has(t)),
    missing,
    wants: answerTypes(question),
    date,
    recency: recencyOf(question),
    speaker,
    broad: isBroad(question),
  };
}
