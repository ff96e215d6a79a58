import MiniSearch from "minisearch";
import { processTerm, terms } from "./terms.js";

export interface Bm25Doc {
  id: number;
  text: string;
  /** Speakers and roles of the chunk's quotes, so "Kremlin" finds "…," he said. */
  speakers: string;
  title: string;
}

export interface Bm25Index {
  search: MiniSearch<Bm25Doc>;
  /** In how many documents each processed term occurs. */
  docFreq: Map<string, number>;
}

/**
 * A query term in more documents than this is left to dense search: its BM25 weight is small
 * (IDF below ~3.9) and scoring it would touch a large part of a big corpus on every question.
 */
export const COMMON_TERM_SHARE = 0.2;
export const COMMON_TERM_DOCS = 2000;

/** BM25 over chunks, by minisearch; field boosts favour the text itself. */
export function buildBm25(docs: Iterable<Bm25Doc>): Bm25Index {
  const ms = new MiniSearch<Bm25Doc>({
    fields: ["text", "speakers", "title"],
    storeFields: [],
    processTerm: (t) => processTerm(t) ?? null,
    searchOptions: { boost: { text: 2, speakers: 1.5, title: 0.5 }, combineWith: "OR" },
  });
  const all = [...docs];
  ms.addAll(all);
  const docFreq = new Map<string, number>();
  for (const d of all) {
    for (const t of new Set(terms(`${d.text} ${d.speakers} ${d.title}`))) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
  }
  return { search: ms, docFreq };
}

export interface Scored {
  id: number;
  score: number;
}

/**
 * Top k by BM25. Terms in more than COMMON_TERM_SHARE of the documents (or COMMON_TERM_DOCS) are
 * dropped from the query, the rarest term always kept: in a corpus about one story "Kremlin" is
 * everywhere, weighs little in BM25, and would make every query score most of the corpus.
 */
export function searchBm25(index: Bm25Index, query: string, k: number): Scored[] {
  const n = index.search.documentCount;
  const qTerms = [...new Set(terms(query))];
  if (!qTerms.length || !n) return [];
  const df = (t: string) => index.docFreq.get(t) ?? 0;
  const present = qTerms.filter((t) => df(t) > 0);
  if (!present.length) return [];
  const limit = Math.min(COMMON_TERM_SHARE * n, COMMON_TERM_DOCS);
  let kept = present.filter((t) => df(t) <= limit);
  if (!kept.length) {
    // All common: the rarest still helps a small corpus; in a large one it would cost much for little.
    const rarest = present.reduce((a, b) => (df(a) <= df(b) ? a : b));
    if (df(rarest) > COMMON_TERM_DOCS) return [];
    kept = [rarest];
  }
  return index.search
    .search({ combineWith: "OR", queries: kept }, { processTerm: (t) => t })
    .slice(0, k)
    .map((r) => ({ id: r.id as number, score: r.score }));
}
