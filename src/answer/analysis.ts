import nlp from "compromise";
import { english } from "../lexicon/english.js";
import type { Retrieval, SpeakerRow } from "../retrieval/index.js";
import type { Story } from "../story/story.js";
import { questionDate, type DateConstraint } from "../text/dates.js";
import type { EntityType } from "../text/entities.js";
import { foldWord, termSpans, STOP_WORDS } from "../text/terms.js";
import { wordRank } from "../text/wordfreq.js";
import { speakerIntent, speakerMatches, type SpeakerIntent } from "./intent.js";

/** What a question asks, read once and used by every later step. */
export interface QuestionInfo {
  text: string;
  /** Content terms as the corpus spells them: misspelt words are replaced by their nearest corpus terms. */
  terms: string[];
  /** Terms of the question that the corpus lacks, even spelled a letter or two differently. */
  missing: { word: string; term: string; named: boolean }[];
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

/** Proper nouns and nouns of the question, folded: a missing one is worth naming ("Macron"). */
function nounWords(question: string): Set<string> {
  const doc = nlp(question);
  const out = new Set<string>();
  for (const phrase of [...doc.match("#Noun").out("array"), ...doc.people().out("array"), ...doc.places().out("array")] as string[]) {
    for (const w of phrase.split(/\s+/)) out.add(foldWord(w.replace(/[^\p{L}\p{N}'’.-]+/gu, "")));
  }
  return out;
}

/** A word people rarely use in general English, or never: a name, a place, a term of art. */
export const RARE_WORD_RANK = 12_000;

export function analyzeQuestion(question: string, retrieval: Retrieval, story: Pick<Story, "aliases">): QuestionInfo {
  const date = questionDate(question);
  // The words that set the date are not words to look for ("in march" is not about marching).
  const withoutDate = date ? question.replace(date.text, " ") : question;
  const spans = termSpans(withoutDate);
  const nouns = nounWords(question);
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
    const named = /^\p{Lu}/u.test(withoutDate.slice(s.start, s.end)) || (nouns.has(s.word) && (rank === null || rank > RARE_WORD_RANK)) || rank === null;
    missing.push({ word: withoutDate.slice(s.start, s.end), term: s.term, named });
  }

  const intent = speakerIntent(question);
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
