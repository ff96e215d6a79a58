import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const words = z
  .string()
  .transform((s) => new Set(s.split(/\s+/).map((w) => w.trim().toLowerCase()).filter(Boolean)));

const phrases = z.string().transform((s) => s.split("|").map((l) => l.trim().toLowerCase()).filter(Boolean));
/** "word:number" pairs ("one:1", "dec:12"). */
const wordNumbers = z.string().transform((s) => new Map(s.split(/\s+/).filter(Boolean).map((p) => [p.split(":")[0]!.toLowerCase(), Number(p.split(":")[1])] as const)));

/** The kinds of answer the lexicon's cues ask for; analysis.ts says which entities answer each. */
const AnswerType = z.enum(["duration", "time", "count", "age", "money", "percent", "date", "place", "person", "actor"]);
export type AnswerType = z.infer<typeof AnswerType>;

const EnglishFile = z.object({
  titles: words,
  roleNouns: words,
  nameHonorifics: words,
  notNames: words,
  nationalities: words,
  orgNouns: words,
  speechVerbs: words,
  speechParticiples: words,
  nameParticles: words,
  clauseWords: words,
  relativeWords: words,
  indefiniteWords: words,
  sourceNouns: words,
  documentNouns: words,
  speechNouns: words,
  leaderNouns: words,
  countryForms: z.record(z.string(), words),
  roleForms: z.record(z.string(), words),
  nameForms: z.record(z.string(), phrases),
  questionLabels: words,
  answerLabels: words,
  personPronouns: words,
  abbreviations: words,
  lowercaseAbbreviations: words,
  timeZones: words,
  ordinals: words,
  questionStopWords: words,
  functionWords: words,
  furnitureLines: phrases,
  creditLines: phrases,
  captionLabels: phrases,
  siteCues: phrases,
  eventVerbs: words,
  meetingVerbs: words,
  meetingNouns: words,
  figureQualifiers: phrases,
  phrasalVerbs: z.string().transform((s) => new Map(s.split(/\s+/).filter(Boolean).map((p) => [p.slice(0, p.lastIndexOf(":")).toLowerCase().replace(/_/g, " "), p.slice(p.lastIndexOf(":") + 1).replace(/_/g, " ")] as const))),
  chatSpellings: z.string().transform((s) => new Map(s.split(/\s+/).filter(Boolean).map((p) => [p.slice(0, p.lastIndexOf(":")).toLowerCase(), p.slice(p.lastIndexOf(":") + 1).replace(/_/g, " ")] as const))),
  monthAbbreviations: wordNumbers,
  dateLeadIns: words,
  numberWords: wordNumbers,
  durationQuantifiers: words,
  countAdverbs: words,
  latestWords: words,
  earliestWords: words,
  answerTypes: z.record(AnswerType, phrases),
  answerTypeVerbs: z.record(AnswerType, words),
  broadQuestions: phrases,
  summaryQuestions: phrases,
  broadFiller: words,
});

export type EnglishLexicon = z.infer<typeof EnglishFile>;

/**
 * The English word lists, read once from english.yaml beside this module. A broken file is a
 * programming error (it ships with the code), so it throws at start-up rather than limp along.
 */
export const english: EnglishLexicon = EnglishFile.parse(parseYaml(readFileSync(new URL("./english.yaml", import.meta.url), "utf8")));

/** The abbreviations as written before a name or number: "Gen.", "No.". */
export const capitalisedAbbreviations = new Set([...english.abbreviations].map((a) => a[0]!.toUpperCase() + a.slice(1)));

/** "said|says|…" for building patterns over the speech verbs. */
export function alternation(set: Set<string>): string {
  return [...set].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
}
