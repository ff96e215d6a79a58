import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { sameSpeaker } from "../attribution/speakers.js";
import type { Answer } from "./types.js";

/**
 * Evaluation sets and scores. A question is answered right when the first item holds one of the
 * expected passages; an unanswerable one is right when the answer says the articles don't say.
 */

export const EvalQuestion = z.object({
  id: z.string(),
  q: z.string(),
  answerable: z.boolean(),
  expect: z.array(z.string()),
  type: z.string().default("fact"),
  split: z.enum(["dev", "test"]),
  why: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

export function readQuestions(file: string): EvalQuestion[] {
  return z.array(EvalQuestion).parse(JSON.parse(readFileSync(file, "utf8")));
}

/** The project's first gold set (test/gold/questions.json): answerable questions and out-of-scope ones. */
export function readGold(file: string): EvalQuestion[] {
  const raw = JSON.parse(readFileSync(file, "utf8")) as { answerable: { q: string; expect: string[] }[]; outOfScope: string[] };
  return [
    ...raw.answerable.map((g, i) => ({ id: `gold-${i + 1}`, q: g.q, answerable: true, expect: g.expect, type: "fact", split: "dev" as const })),
    ...raw.outOfScope.map((q, i) => ({ id: `gold-oos-${i + 1}`, q, answerable: false, expect: [], type: "unanswerable", split: "dev" as const })),
  ];
}

/** The rank (1-based) of the first item holding an expected passage, or 0. */
export function firstHit(answer: Answer, expect: string[]): number {
  const wanted = expect.map((e) => e.toLowerCase());
  const i = answer.items.findIndex((item) => wanted.some((w) => item.text.toLowerCase().includes(w)));
  return answer.answered && i >= 0 ? i + 1 : 0;
}

export interface EvalReport {
  answerable: number;
  unanswerable: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  /** Share of unanswerable questions answered "the articles don't say". */
  abstention: number;
  /** Share of answerable questions refused. */
  refused: number;
  p50Ms: number;
  p95Ms: number;
  misses: { id: string; q: string; got: string[]; reason: string }[];
  falseAnswers: { id: string; q: string; got: string }[];
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export function scoreAnswers(questions: EvalQuestion[], answers: Answer[], times: number[] = []): EvalReport {
  let h1 = 0;
  let h3 = 0;
  let rr = 0;
  let refused = 0;
  let abstained = 0;
  const misses: EvalReport["misses"] = [];
  const falseAnswers: EvalReport["falseAnswers"] = [];
  const answerable = questions.filter((q) => q.answerable).length;
  questions.forEach((g, i) => {
    const a = answers[i]!;
    if (!g.answerable) {
      if (!a.answered) abstained++;
      else falseAnswers.push({ id: g.id, q: g.q, got: a.items[0]?.text.slice(0, 100) ?? "" });
      return;
    }
    if (!a.answered) refused++;
    const rank = firstHit(a, g.expect);
    if (rank === 1) h1++;
    if (rank >= 1 && rank <= 3) h3++;
    if (rank >= 1) rr += 1 / rank;
    if (rank !== 1) misses.push({ id: g.id, q: g.q, reason: a.reason, got: a.items.slice(0, 3).map((x) => x.text.slice(0, 110)) });
  });
  const unanswerable = questions.length - answerable;
  return {
    answerable,
    unanswerable,
    hitAt1: answerable ? h1 / answerable : 0,
    hitAt3: answerable ? h3 / answerable : 0,
    mrr: answerable ? rr / answerable : 0,
    abstention: unanswerable ? abstained / unanswerable : 1,
    refused: answerable ? refused / answerable : 0,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    misses,
    falseAnswers,
  };
}

/** Hand labels of who said each quote in an article (eval/labels/*.json). */
export const QuoteLabels = z.array(
  z.object({
    article: z.string(),
    quotes: z.array(z.object({ text: z.string(), speaker: z.string().nullable() })),
  }),
);
export type QuoteLabels = z.infer<typeof QuoteLabels>;

export interface SpeakerReport {
  labelled: number;
  /** Of the quotes Dossier attributes to someone, the share attributed to the right speaker. */
  precision: number;
  /** Of the quotes with a named speaker, the share Dossier attributes to them. */
  recall: number;
  errors: { article: string; text: string; expected: string | null; got: string | null }[];
}

/** Does a speaker Dossier found name the labelled one? Spellings and surnames alone count. */
export function speakerAgrees(got: string | null, expected: string | null): boolean {
  if (!got || !expected) return got === expected;
  return sameSpeaker(got, expected) || got.toLowerCase().includes(expected.toLowerCase()) || expected.toLowerCase().includes(got.toLowerCase());
}

/** `found(article, text)` returns the speaker Dossier attributes the quote holding `text` to (null: nobody). */
export function scoreSpeakers(labels: QuoteLabels, found: (article: string, text: string) => string | null): SpeakerReport {
  let attributed = 0;
  let attributedRight = 0;
  let named = 0;
  let namedRight = 0;
  const errors: SpeakerReport["errors"] = [];
  let labelled = 0;
  for (const a of labels) {
    for (const q of a.quotes) {
      labelled++;
      const got = found(a.article, q.text);
      const right = speakerAgrees(got, q.speaker);
      if (got) {
        attributed++;
        if (right) attributedRight++;
      }
      if (q.speaker) {
        named++;
        if (got && right) namedRight++;
      }
      if (!right) errors.push({ article: a.article, text: q.text, expected: q.speaker, got });
    }
  }
  return { labelled, precision: attributed ? attributedRight / attributed : 1, recall: named ? namedRight / named : 1, errors };
}

/**
 * The evaluation sets of a checkout: the first gold set over corpus/ (all "dev": it was tuned on
 * long ago), and the blind question files in eval/questions/ (seed-*.json about corpus/, the
 * others about eval/corpus/), each question marked dev or test by its author.
 */
export function evalSets(root: string): { name: string; corpus: string; questions: EvalQuestion[] }[] {
  const dir = path.join(root, "eval", "questions");
  const blind = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ""),
      corpus: path.join(root, f.startsWith("seed") ? "corpus" : path.join("eval", "corpus")),
      questions: readQuestions(path.join(dir, f)),
    }));
  return [{ name: "gold", corpus: path.join(root, "corpus"), questions: readGold(path.join(root, "test", "gold", "questions.json")) }, ...blind];
}
