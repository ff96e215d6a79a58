import type { QuestionInfo } from "./analysis.js";
import type { Candidate, FeatureName } from "./features.js";

/**
 * Two small logistic models, fit on the dev questions by scripts/fit.ts:
 * - the ranker scores each candidate sentence from its features (features.ts);
 * - the abstainer decides from the best candidate and the question whether the articles answer
 *   at all, with a threshold set on the dev half (refuse at most a few answerable questions).
 */

export const ABSTAIN_FEATURES = [
  "topScore", // the ranker's logit for the best sentence
  "margin", // how far the best is ahead of the second
  "topCosUnit",
  "topCosChunk",
  "topCoverage",
  "topCoverageAll",
  "topSoftCoverage",
  "topCoverageChunk", // how much of the question the best sentence's paragraph holds
  "topRarest",
  "typeWanted", // the question wants a kind of answer...
  "typeFound", // ...and the best sentence has one
  "missingShare", // share of the question's words that no article uses
  "missingRare", // one of those is not an everyday English word
  "speakerAsked", // "what did X say"...
  "speakerFound", // ...and X is quoted somewhere
  "topSpeakerMatch",
  "topTopicCoverage",
  "dateAsked",
  "dateFound", // the question names a date and the best sentence or its article is from then
  "secondCoverage", // how much of the question the second and third best sentences hold
  "thirdCoverage",
  "typeOnTopicTop3", // the most any of the three best holds of the question while spelling out the kind of answer asked for
  "maxCoverage", // the most of the question any candidate holds
  "newOnTopicTop3", // typeOnTopicTop3, counting only answers the question does not already hold ("who leaked the call" is not answered by its callers)
] as const;

export type AbstainFeatureName = (typeof ABSTAIN_FEATURES)[number];
export type AbstainFeatures = Record<AbstainFeatureName, number>;

export interface LinearModel<F extends string> {
  bias: number;
  weights: Record<F, number>;
}

/**
 * The ranker: a weight per feature, plus a few products of two features, learned like the rest
 * ("the paragraph is about the question" x "the sentence holds the kind of answer asked for"
 * counts for more than each alone).
 */
export interface RankerModel extends LinearModel<FeatureName> {
  products?: { of: [FeatureName, FeatureName]; weight: number }[];
}

export interface ModelWeights {
  /** The embedding model these were fit with. */
  model: string;
  /** What they were fit on, for the record. */
  fittedOn: string;
  ranker: RankerModel;
  abstainer: LinearModel<AbstainFeatureName> & {
    /** Answer when the abstainer's probability is at least this. */
    threshold: number;
  };
}

export function linear<F extends string>(m: LinearModel<F>, x: Record<F, number>): number {
  let s = m.bias;
  for (const k in m.weights) s += m.weights[k] * (x[k] ?? 0);
  return s;
}

/** A candidate's ranking score (a logit: only the order among one question's candidates matters). */
export function rankScore(m: RankerModel, f: Record<FeatureName, number>): number {
  let s = linear(m, f);
  for (const p of m.products ?? []) s += p.weight * f[p.of[0]] * f[p.of[1]];
  return s;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function abstainFeatures(q: QuestionInfo, ranked: (Candidate & { score: number })[]): AbstainFeatures {
  const top = ranked[0];
  const second = ranked[1];
  const f = top?.features;
  const termCount = q.terms.length + q.missing.length;
  return {
    topScore: top?.score ?? -10,
    margin: top && second ? top.score - second.score : 1,
    topCosUnit: f?.cosUnit ?? 0,
    topCosChunk: f?.cosChunk ?? 0,
    topCoverage: f?.coverage ?? 0,
    topCoverageAll: f?.coverageAll ?? 0,
    topSoftCoverage: f?.softCoverage ?? 0,
    topCoverageChunk: f?.coverageChunk ?? 0,
    topRarest: f?.rarest ?? 0,
    typeWanted: q.wants.length ? 1 : 0,
    typeFound: f?.typeMatch ?? 0,
    missingShare: termCount ? q.missing.length / termCount : 0,
    missingRare: q.missing.some((m) => m.rare) ? 1 : 0,
    speakerAsked: q.speaker ? 1 : 0,
    speakerFound: q.speaker?.matches.length ? 1 : 0,
    topSpeakerMatch: f?.speakerMatch ?? 0,
    topTopicCoverage: f?.topicCoverage ?? 0,
    dateAsked: q.date ? 1 : 0,
    dateFound: f ? Math.max(f.dateMatch, f.dateArticle) : 0,
    secondCoverage: ranked[1]?.features.coverage ?? 0,
    thirdCoverage: ranked[2]?.features.coverage ?? 0,
    typeOnTopicTop3: Math.max(0, ...ranked.slice(0, 3).map((c) => c.features.typeStrong * c.features.coverage)),
    maxCoverage: Math.max(0, ...ranked.map((c) => c.features.coverage)),
    newOnTopicTop3: Math.max(0, ...ranked.slice(0, 3).map((c) => c.features.typeNew * c.features.coverage)),
  };
}
