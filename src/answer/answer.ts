import type { Retrieval, UnitRow } from "../retrieval/index.js";
import type { Story } from "../story/story.js";
import { analyzeQuestion, type QuestionInfo } from "./analysis.js";
import { targetParts } from "./intent.js";
import { markDifferences } from "./differ.js";
import { computeFeatures, type Candidate } from "./features.js";
import { abstainFeatures, linear, rankScore, sigmoid, type ModelWeights } from "./model.js";
import type { EntityType } from "../text/entities.js";
import { alternation, english } from "../lexicon/english.js";
import type { Answer, AnswerItem } from "./types.js";
import { weightsFor } from "./weights.js";

export const DEFAULT_TOP = 5;
/** Closest passages offered with a refusal, marked as such. */
const NEAREST = 3;
/** An article's opening sentences: what an overview is made of. */
const LEAD_UNITS = 3;

export interface AnswerContext {
  retrieval: Retrieval;
  story: Pick<Story, "aliases">;
  weights?: ModelWeights;
}

export interface Ranked extends Candidate {
  score: number;
}

/** Every candidate scored by the fitted ranker, best first. */
export function rankCandidates(ctx: AnswerContext, q: QuestionInfo, vector: Float32Array): Ranked[] {
  const w = ctx.weights ?? weightsFor(ctx.retrieval.manifest.model.id);
  return computeFeatures(ctx.retrieval, q, vector)
    .map((c) => ({ ...c, score: rankScore(w.ranker, c.features) }))
    .sort((a, b) => b.score - a.score || a.unit.id - b.unit.id);
}

/** How sure the abstainer is that the best candidate answers (0..1). */
export function answerability(ctx: AnswerContext, q: QuestionInfo, ranked: Ranked[]): number {
  const w = ctx.weights ?? weightsFor(ctx.retrieval.manifest.model.id);
  return sigmoid(linear(w.abstainer, abstainFeatures(q, ranked)));
}

const capitalised = (w: string) => (/^\p{Ll}/u.test(w) ? w[0]!.toUpperCase() + w.slice(1) : w);

function listWords(words: string[]): string {
  const ws = [...new Set(words.map(capitalised))];
  return ws.length <= 1 ? (ws[0] ?? "") : `${ws.slice(0, -1).join(", ")} or ${ws[ws.length - 1]}`;
}

/**
 * `analyzed`: the question already read by analyzeQuestion (the engine reads it first, to embed
 * its embedText); read here otherwise.
 */
export function answerQuestion(ctx: AnswerContext, question: string, vector: Float32Array, top = DEFAULT_TOP, analyzed?: QuestionInfo): Answer {
  const r = ctx.retrieval;
  if (r.unitCount === 0) {
    return { question, answered: false, reason: "empty-corpus", message: "The corpus is empty: add articles to the corpus folder and reindex.", items: [] };
  }
  const q = analyzed ?? analyzeQuestion(question, r, ctx.story);
  if (q.broad) return overview(r, q, top);

  // A name the articles never use (typed as a name, or the person asked about): nothing to rank.
  const named = q.missing.filter((m) => m.named);
  if (named.length) return notMentioned(question, named.map((m) => m.word));

  const ranked = rankCandidates(ctx, q, vector);
  const w = ctx.weights ?? weightsFor(r.manifest.model.id);
  if (q.speaker && unquotedByName(q)) {
    // Asked by name: every word of it is a name ("Tim Cook", typed "tim cook").
    const name = listWords(targetParts(q.speaker.target).map((t) => t.split(/\s+/).map(capitalised).join(" ")));
    return speakerNotQuoted(question, name, toItems(r, q, ranked, NEAREST), !q.speaker.topicTerms.length);
  }
  if (q.scoped) {
    // An overview of one part of the story: the opening sentences of the articles that match it best.
    const leads = ranked.filter((c) => c.unit.position < LEAD_UNITS && c.features.coverage > 0 && opensStory(c.unit.text));
    if (leads.length) return { question, answered: true, reason: "overview", items: toItems(r, q, leads, top) };
  }
  if (ranked.length && q.terms.length && answerability(ctx, q, ranked) >= w.abstainer.threshold && figureFound(q, ranked)) {
    return markDifferences(r, q, ranked, { question, answered: true, reason: "answered", items: toItems(r, q, ranked, top) }, top);
  }
  // Not answered: say the most specific true thing, and offer the nearest passages as such.
  const nearest = toItems(r, q, ranked, NEAREST);
  const rare = q.missing.filter((m) => m.rare);
  if (rare.length) return { ...notMentioned(question, rare.map((m) => m.word)), nearest };
  if (q.speaker && !q.speaker.matches.length && ranked.some((c) => c.features.coverage > 0)) return speakerNotQuoted(question, q.speaker.target, nearest);
  return { question, answered: false, reason: "not-covered", message: "The articles don't cover that.", items: [], nearest };
}

/**
 * Kinds of answer the entity tagger finds reliably, and what holds one: asked for a sum, the best
 * sentences must hold a sum (any number will not do); asked for a share, a percentage or a number.
 */
const FIGURES: Partial<Record<EntityType, EntityType[]>> = { money: ["money"], percent: ["percent", "count"], duration: ["duration"], time: ["time"] };

/**
 * "How much did the flight cost?" is not answered by a sentence with no sum in it: when a
 * question asks for a figure, one of the three best sentences must hold one of that kind.
 */
function figureFound(q: QuestionInfo, ranked: Ranked[]): boolean {
  const holds = q.wants.length ? FIGURES[q.wants[0]!] : undefined;
  if (!holds) return true;
  return ranked.slice(0, 3).some((c) => c.unit.entities.some((e) => holds.includes(e.type)));
}

/**
 * "What did Novak say?" when the articles name Novak but quote or report nothing of his: no
 * sentence can answer it, however close. ("Did Holloway comment?" can be answered: he declined to.)
 */
function unquotedByName(q: QuestionInfo): boolean {
  return !!q.speaker?.byName && !q.speaker.matches.length && !q.yesNo;
}

/** Questions answered by a rule, not by the ranker and the abstainer (scripts/fit.ts leaves them out). */
export function answeredByRule(q: QuestionInfo): boolean {
  return q.broad || q.scoped || q.missing.some((m) => m.named) || unquotedByName(q);
}

function speakerNotQuoted(question: string, target: string, nearest: Answer["items"], anyTopic = false): Answer {
  const message = `The articles don't quote ${capitalised(target)}${anyTopic ? "" : " on that"}.`;
  return { question, answered: false, reason: "speaker-not-quoted", message, items: [], nearest };
}

function notMentioned(question: string, words: string[]): Answer {
  return { question, answered: false, reason: "not-mentioned", message: `The articles don't mention ${listWords(words)}.`, missing: [...new Set(words)], items: [] };
}

/** "What happened?": the lead sentence of the most recent articles (or the earliest, when asked). */
function overview(r: Retrieval, q: QuestionInfo, top: number): Answer {
  const order = [...r.articles].sort((a, b) => (b.published ?? "").localeCompare(a.published ?? "") || a.id - b.id);
  if (q.recency === "earliest") order.reverse();
  // Each article's first full sentence, newest article first; then each one's second, for when
  // outlets open with the same sentence in near-identical words (shown once, by toItems).
  const opening = order.map((a) => {
    const full = r.leadUnits(a.id, 4).filter((u) => opensStory(u.text));
    return full.length ? full.slice(0, 2) : r.leadUnits(a.id, 1);
  });
  const units = [0, 1].flatMap((k) => opening.map((us) => us[k]).filter((u): u is UnitRow => !!u));
  const leads: Ranked[] = units.map((unit, i) => ({ unit, features: {} as Candidate["features"], score: 1 - i / (units.length + 1) }));
  const items = toItems(r, q, leads, top);
  if (!items.length) return { question: q.text, answered: false, reason: "not-covered", message: "The articles don't cover that.", items: [] };
  return { question: q.text, answered: true, reason: "overview", items };
}

const CAPTION = new RegExp(`^(?:${alternation(new Set(english.captionLabels)).replace(/'/g, "['’]")})\\s*:`, "i");

/** A sentence an overview may open with: a full one (a dateline or a byline is not), and no photo caption. */
export function opensStory(text: string): boolean {
  return text.split(/\s+/).length >= 8 && !CAPTION.test(text.trim());
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** The span of the text that holds the kind of answer asked for, to show in bold. */
function highlightOf(unit: UnitRow, q: QuestionInfo): AnswerItem["highlight"] {
  const e = unit.entities.find((x) => q.wants.includes(x.type));
  return e ? { start: e.start, end: e.end } : null;
}

/**
 * Best first, one item per passage: the same words in several articles cite them all, and a
 * near-identical wording of the same speaker (another outlet's translation) is not shown again.
 */
function toItems(r: Retrieval, q: QuestionInfo, ranked: Ranked[], top: number): AnswerItem[] {
  const items: AnswerItem[] = [];
  const kept: { terms: Set<string>; speaker: string | null }[] = [];
  const seen = new Set<string>();
  for (const c of ranked) {
    if (items.length >= top) break;
    const u = c.unit;
    if (seen.has(u.textKey)) continue;
    seen.add(u.textKey);
    const sources = r.sourcesFor(u);
    const t = new Set(u.terms);
    // Another outlet's near-identical wording of what the same speaker said is not repeated (its
    // words differ, so it cannot be cited for this text: every citation holds the text verbatim).
    if (kept.some((k) => k.speaker === u.speakerKey && jaccard(k.terms, t) >= 0.6)) continue;
    const item: AnswerItem = {
      text: u.text,
      kind: u.kind,
      speaker: u.kind === "passage" ? null : u.speaker,
      role: u.kind === "passage" ? null : u.role,
      sources,
      score: Math.round(sigmoid(c.score) * 1000) / 1000,
      highlight: highlightOf(u, q),
    };
    kept.push({ terms: t, speaker: u.speakerKey });
    items.push(item);
  }
  return items;
}
