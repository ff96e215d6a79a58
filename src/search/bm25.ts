import MiniSearch from "minisearch";
import { processTerm } from "./terms.js";

export interface Bm25Doc {
  id: number;
  text: string;
  /** Speakers and roles of the chunk's quotes, so "Kremlin" finds "…," he said. */
  speakers: string;
  title: string;
}

/** BM25 over chunks, by minisearch; field boosts favour the text itself. */
export function buildBm25(docs: Iterable<Bm25Doc>): MiniSearch<Bm25Doc> {
  const ms = new MiniSearch<Bm25Doc>({
    fields: ["text", "speakers", "title"],
    storeFields: [],
    processTerm: (t) => processTerm(t) ?? null,
    searchOptions: { boost: { text: 2, speakers: 1.5, title: 0.5 }, combineWith: "OR" },
  });
  ms.addAll([...docs]);
  return ms;
}

export interface Scored {
  id: number;
  score: number;
}

export function searchBm25(ms: MiniSearch<Bm25Doc>, query: string, k: number): Scored[] {
  return ms.search(query).slice(0, k).map((r) => ({ id: r.id as number, score: r.score }));
}
