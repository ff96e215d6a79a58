// English only: the whole package loads every language it knows (three times the memory).
import * as chrono from "chrono-node/en";
import type { ItemKind, Source } from "../answer/types.js";
import type { ArticleRow, Retrieval, UnitRow } from "../retrieval/index.js";
import { cosineOrZero as cosine } from "../embed/embedder.js";
import { jaccard, overlapOfSmaller } from "../text/overlap.js";
import { terms } from "../text/terms.js";

/**
 * What the articles added since a date: the sentences of articles published on or after it that
 * no earlier article had already reported. "Earlier" is any article published before the one read
 * (so of two new articles telling the same thing, the first tells it). A sentence is not new when
 * an earlier article carries the same words (whatever the spacing and quote marks), or a
 * near-duplicate of them: the earlier sentence shares NEAR_DUPLICATE of the words (Jaccard over the
 * shared tokenizer's terms), or shares most of them (OVERLAP) and means the same (sentence vectors,
 * SAME_MEANING). Earlier sentences to compare are found by BM25 over the sentence's terms.
 * Articles without a date cannot be placed in time: they count as earlier, and are never listed.
 */

/** Jaccard of terms at which an earlier sentence is the same sentence reworded. */
export const NEAR_DUPLICATE = 0.6;
/** With a cosine of at least SAME_MEANING, a smaller overlap of terms (of the shorter sentence) suffices. */
export const OVERLAP = 0.5;
export const SAME_MEANING = 0.85;
/** Sentences this short ("Lunch is over.") say too little to be news on their own. */
const MIN_WORDS = 6;
/** Earlier sentences read per sentence, best BM25 first. */
const COMPARE = 20;

export interface NewItem {
  text: string;
  kind: ItemKind;
  speaker: string | null;
  role: string | null;
  /** The article that adds it (one source). */
  sources: Source[];
}

export interface WhatsNew {
  /** yyyy-mm-dd, as read. */
  since: string;
  /** The articles published since, oldest first, with how many new sentences each adds. */
  articles: { file: string; title: string | null; outlet: string | null; published: string; added: number }[];
  /** New sentences, article by article (oldest article first), in reading order. */
  items: NewItem[];
}

export type WhatsNewReader = Pick<Retrieval, "articles" | "unitsOfArticle" | "bm25Units" | "unit" | "unitVector" | "source">;

/** Is `u` already told by one of the `earlier` articles? */
export function alreadyReported(r: WhatsNewReader, u: UnitRow, earlier: (article: number) => boolean): boolean {
  const mine = new Set(terms(u.text));
  if (!mine.size) return true;
  let vector: Float32Array | null | undefined;
  for (const hit of r.bm25Units([...mine], COMPARE)) {
    const other = r.unit(hit.id);
    if (!earlier(other.article)) continue;
    if (other.textKey === u.textKey) return true;
    const theirs = new Set(terms(other.text));
    if (jaccard(mine, theirs) >= NEAR_DUPLICATE) return true;
    if (overlapOfSmaller(mine, theirs) >= OVERLAP) {
      vector ??= r.unitVector(u);
      if (cosine(vector, r.unitVector(other)) >= SAME_MEANING) return true;
    }
  }
  return false;
}

const dated = (a: ArticleRow) => !!a.published && /^\d{4}-\d{2}-\d{2}/.test(a.published);

/** The sentences added since `since` (yyyy-mm-dd); see the module comment. */
export function whatsNew(r: WhatsNewReader, since: string): WhatsNew {
  const day = (a: ArticleRow) => a.published!.slice(0, 10);
  const fresh = r.articles.filter((a) => dated(a) && day(a) >= since).sort((a, b) => day(a).localeCompare(day(b)) || a.id - b.id);
  const order = new Map(fresh.map((a, i) => [a.id, i]));
  const out: WhatsNew = { since, articles: [], items: [] };
  for (const a of fresh) {
    const mine = order.get(a.id)!;
    // Earlier: published before the window, undated, or a new article read before this one.
    const earlier = (id: number) => {
      if (id === a.id) return false;
      const o = order.get(id);
      return o === undefined ? true : o < mine;
    };
    let added = 0;
    const seenHere = new Set<string>();
    for (const u of r.unitsOfArticle(a.id)) {
      if (u.text.split(/\s+/).length < MIN_WORDS || seenHere.has(u.textKey)) continue;
      seenHere.add(u.textKey);
      if (alreadyReported(r, u, earlier)) continue;
      out.items.push({
        text: u.text,
        kind: u.kind,
        speaker: u.kind === "passage" ? null : u.speaker,
        role: u.kind === "passage" ? null : u.role,
        sources: [r.source(u.article, u.paragraph)],
      });
      added++;
    }
    out.articles.push({ file: a.file, title: a.title, outlet: a.outlet, published: day(a), added });
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, "0");
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/**
 * A "since" date as people write it: "2025-12-01", "Dec 1", "december", "last week", "3 days ago",
 * "yesterday". Read against `now`; a date without a year that would fall after `now` is last
 * year's ("december" in November is last December), a weekday is the last one. Null when no date is there.
 */
export function parseSince(text: string, now: Date = new Date()): string | null {
  const t = text.trim();
  if (!t) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) {
    const d = new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
    return isoDay(d) === t ? t : null;
  }
  const r = chrono.parse(t, now, { forwardDate: false })[0];
  if (!r) return null;
  const s = r.start;
  let y = s.get("year")!;
  const m = s.get("month")!;
  const monthOnly = !s.isCertain("day") && !s.isCertain("weekday") && s.isCertain("month");
  const d = monthOnly ? 1 : s.get("day")!;
  let when = new Date(Date.UTC(y, m - 1, d));
  if (when.getTime() > now.getTime() && !s.isCertain("year")) {
    if (s.isCertain("weekday") && !s.isCertain("day")) when = new Date(when.getTime() - 7 * 86_400_000);
    else {
      y -= 1;
      when = new Date(Date.UTC(y, m - 1, d));
    }
  }
  return isoDay(when);
}
