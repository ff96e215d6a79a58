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

/** Share of documents above which a query term is left to dense search (its BM25 weight is tiny). */
export const COMMON_TERM_SHARE = 0.2;

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
 * Top k by BM25. Terms in more than COMMON_TERM_SHARE of the documents are dropped from the query
 * (the rarest term is always kept): in a corpus about one story "Kremlin" is everywhere, weighs
 * little in BM25, and would make every query score most of the corpus.
 */
export function searchBm25(index: Bm25Index, query: string, k: number): Scored[] {
  const n = index.search.documentCount;
  const qTerms = [...new Set(terms(query))];
  if (!qTerms.length || !n) return [];
  const df = (t: string) => index.docFreq.get(t) ?? 0;
  const present = qTerms.filter((t) => df(t) > 0);
  if (!present.length) return [];
  let kept = present.filter((t) => df(t) / n <= COMMON_TERM_SHARE);
  if (!kept.length) kept = [present.reduce((a, b) => (df(a) <= df(b) ? a : b))];
  return index.search
    .search({ combineWith: "OR", queries: kept }, { processTerm: (t) => t })
    .slice(0, k)
    .map((r) => ({ id: r.id as number, score: r.score }));
}
