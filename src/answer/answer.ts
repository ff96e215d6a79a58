import { dot } from "../embed/embedder.js";
import { chunksOf, type LoadedIndex, type SpeakerEntry } from "../index/load.js";
import type { UnitRecord } from "../index/schema.js";
import { searchBm25 } from "../search/bm25.js";
import { searchDense } from "../search/dense.js";
import { reciprocalRankFusion } from "../search/hybrid.js";
import { terms } from "../search/terms.js";
import { speakerIntent, speakerMatches } from "./intent.js";
import { answerTypeBonus } from "./qtype.js";
import type { Answer, AnswerItem, Source } from "./types.js";

export const DEFAULT_TOP = 5;
const DENSE_K = 40;
const BM25_K = 40;
const CANDIDATE_CHUNKS = 10;

/**
 * When to say "the articles don't cover it", per model: cosine scales differ between models.
 * Calibrated on the gold and out-of-scope questions in test/gold (see npm run eval).
 */
export interface Calibration {
  /** A best chunk this close is relevant whatever the words. */
  cosSure: number;
  /** Below this nothing is relevant; between the two, the question's words must be found. */
  cosFloor: number;
  /** Share of the question's content words found in the best sentence. */
  coverage: number;
}

const CALIBRATIONS: Record<string, Calibration> = {
  "use-lite": { cosSure: 0.45, cosFloor: 0.2, coverage: 0.5 },
};
const DEFAULT_CALIBRATION: Calibration = { cosSure: 0.55, cosFloor: 0.3, coverage: 0.5 };

export function calibrationFor(modelId: string): Calibration {
  return CALIBRATIONS[modelId] ?? DEFAULT_CALIBRATION;
}

interface Ranked {
  unit: number;
  score: number;
}

export function answerQuestion(index: LoadedIndex, question: string, queryVector: Float32Array, top = DEFAULT_TOP): Answer {
  const { meta } = index;
  if (meta.chunks.length === 0) {
    return { question, answered: false, reason: "empty-corpus", message: "The corpus is empty: add articles to the corpus folder and reindex.", items: [] };
  }
  const intent = speakerIntent(question);
  if (intent) {
    const matching = [...index.speakers.values()].filter((s) => speakerMatches(intent.target, s.speaker, s.role));
    if (matching.length) return rankSpeakerUnits(index, question, queryVector, matching, intent.target, intent.topic, top);
    // Nobody quoted answers to that name: passages that at least mention it, or nothing.
    const general = rankGeneral(index, question, queryVector, top, terms(intent.target));
    if (!general.answered && /\p{Lu}/u.test(intent.target)) {
      return { ...general, reason: "speaker-not-quoted", message: `The articles don't report anything ${intent.target} said.` };
    }
    return general;
  }
  return rankGeneral(index, question, queryVector, top);
}

function rankGeneral(index: LoadedIndex, question: string, q: Float32Array, top: number, mustMention: string[] = []): Answer {
  const { meta } = index;
  const qTerms = [...new Set(terms(question))];
  const dense = searchDense(index.hnsw, q, DENSE_K);
  const lexical = qTerms.length ? searchBm25(index.bm25, question, BM25_K) : [];
  const fused = reciprocalRankFusion([dense, lexical]).slice(0, CANDIDATE_CHUNKS);
  const cosOf = new Map(dense.map((d) => [d.id, d.score]));
  const maxFused = fused[0]?.score ?? 1;
  const cal = calibrationFor(index.manifest.model.id);

  const ranked: Ranked[] = [];
  let bestCoverage = 0;
  for (const c of fused) {
    const cos = cosOf.get(c.id) ?? chunkCos(index, c.id, q);
    index.unitsByChunk[c.id]!.forEach((u, position) => {
      const unit = meta.units[u]!;
      const have = unitTerms(unit);
      if (mustMention.length && share(mustMention, have) === 0) return;
      const coverage = share(qTerms, have);
      bestCoverage = Math.max(bestCoverage, coverage);
      const words = unit.text.split(/\s+/).length;
      const score =
        0.45 * cos +
        0.2 * (c.score / maxFused) +
        0.35 * coverage +
        0.2 * answerTypeBonus(question, unit.text) +
        (unit.kind === "passage" ? 0 : 0.02) -
        (words < 5 ? 0.05 : 0) -
        0.005 * position;
      ranked.push({ unit: u, score });
    });
  }
  const bestCos = dense[0]?.score ?? 0;
  const relevant = bestCos >= cal.cosSure || (bestCos >= cal.cosFloor && bestCoverage >= cal.coverage);
  if (!qTerms.length || !relevant || !ranked.length) {
    return { question, answered: false, reason: "not-covered", message: "The articles don't cover that.", items: [] };
  }
  return finish(index, question, ranked, top);
}

/** Above this many candidate units, only the chunks nearest the question are scored. */
const SPEAKER_SCAN_LIMIT = 300;

function rankSpeakerUnits(index: LoadedIndex, question: string, q: Float32Array, matching: SpeakerEntry[], target: string, topic: string, top: number): Answer {
  const topicTerms = [...new Set(terms(topic))];
  // A speaker named as asked ("the Kremlin") comes before one found through a role.
  const direct = new Set(matching.filter((m) => speakerMatches(target, m.speaker, null)));
  const entryOf = new Map<string, SpeakerEntry>(matching.map((m) => [`${m.speaker}\u0000${m.role ?? ""}`, m]));
  const cosOf = new Map<number, number>();
  let candidates: { unit: number; entry: SpeakerEntry }[];
  if (matching.reduce((n, m) => n + m.units.length, 0) <= SPEAKER_SCAN_LIMIT) {
    candidates = matching.flatMap((entry) => entry.units.map((unit) => ({ unit, entry })));
  } else {
    // A much-quoted speaker: HNSW restricted to their chunks finds the relevant ones directly.
    const sets = matching.map((m) => chunksOf(index, m));
    const ofSpeaker = (label: number) => sets.some((s) => s.has(label));
    candidates = [];
    for (const d of searchDense(index.hnsw, q, Math.max(top * 10, 50), ofSpeaker)) {
      cosOf.set(d.id, d.score);
      for (const u of index.unitsByChunk[d.id]!) {
        const unit = index.meta.units[u]!;
        const entry = entryOf.get(`${unit.speaker}\u0000${unit.role ?? ""}`);
        if (entry) candidates.push({ unit: u, entry });
      }
    }
  }
  const ranked = candidates.map(({ unit: u, entry }) => {
    const unit = index.meta.units[u]!;
    let cos = cosOf.get(unit.chunk);
    if (cos === undefined) {
      cos = chunkCos(index, unit.chunk, q);
      cosOf.set(unit.chunk, cos);
    }
    const base = unit.kind === "quote" ? (topicTerms.length ? 0.55 : 0.62) : unit.kind === "statement" ? 0.5 : 0.3;
    const relevance = topicTerms.length ? 0.3 * cos + 0.3 * share(topicTerms, unitTerms(unit)) : 0.15 * cos;
    return { unit: u, score: base + relevance + (direct.has(entry) ? 0.05 : 0) };
  });
  return finish(index, question, ranked, top);
}

function chunkCos(index: LoadedIndex, chunk: number, q: Float32Array): number {
  return dot(index.hnsw.getPoint(chunk), q);
}

/** What a unit can match: its words, and who said it. */
function unitTerms(unit: UnitRecord): Set<string> {
  return new Set(terms(`${unit.text} ${unit.speaker ?? ""} ${unit.role ?? ""}`));
}

function share(wanted: string[], have: Set<string>): number {
  if (!wanted.length) return 0;
  return wanted.filter((t) => have.has(t)).length / wanted.length;
}

/** Best first; one item per passage, citing every article that carries it word for word. */
function finish(index: LoadedIndex, question: string, ranked: Ranked[], top: number): Answer {
  ranked.sort((a, b) => b.score - a.score || a.unit - b.unit);
  const best = ranked[0]?.score ?? 0;
  const items: AnswerItem[] = [];
  const kept: { terms: Set<string>; speaker: string | null }[] = [];
  const seenText = new Set<string>();
  for (const r of ranked) {
    if (items.length >= top) break;
    if (r.score < best * 0.6) break;
    const unit = index.meta.units[r.unit]!;
    if (seenText.has(unit.text)) continue;
    const t = new Set(terms(unit.text));
    if (kept.some((k) => k.speaker === unit.speaker && jaccard(k.terms, t) >= 0.6)) continue;
    seenText.add(unit.text);
    kept.push({ terms: t, speaker: unit.speaker });
    items.push({
      text: unit.text,
      kind: unit.kind,
      speaker: unit.speaker,
      role: unit.role,
      sources: sourcesFor(index, index.unitsByText.get(unit.text) ?? [r.unit]),
      score: Math.round(r.score * 1000) / 1000,
    });
  }
  if (!items.length) return { question, answered: false, reason: "not-covered", message: "The articles don't cover that.", items: [] };
  return { question, answered: true, reason: "answered", items };
}

/** Citations for units that carry the same text: each article once, at its first such paragraph. */
export function sourcesFor(index: LoadedIndex, units: number[]): Source[] {
  const out: Source[] = [];
  const seen = new Set<string>();
  for (const u of [...units].sort((x, y) => x - y)) {
    const chunk = index.meta.chunks[index.meta.units[u]!.chunk]!;
    const a = index.manifest.articles[chunk.article]!;
    if (seen.has(a.file)) continue;
    seen.add(a.file);
    out.push({ article: a.file, title: a.title, outlet: a.outlet, url: a.url, paragraph: chunk.paragraph });
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
