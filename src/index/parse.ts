import { chunkParagraph } from "../corpus/chunks.js";
import { splitParagraphs } from "../corpus/paragraphs.js";
import type { Article, Paragraph } from "../corpus/types.js";
import { analyzeArticle, type Unit } from "../attribution/analyze.js";
import type { Story } from "../story/story.js";
import { datesIn } from "../text/dates.js";
import { findPeople } from "../attribution/people.js";
import { entitiesOf, type Entity } from "../text/entities.js";
import { wordRank } from "../text/wordfreq.js";
import type { Embedder } from "../embed/embedder.js";
import { sha256 } from "./store.js";

/** A unit as the index stores it: the attributed sentence plus what the NLP found in it. */
export interface ParsedUnit extends Unit {
  /** Index into the article's chunks. */
  chunk: number;
  paragraph: number;
  /** Order of the unit within its article. */
  position: number;
  /** Entities, as offsets into `text`. */
  entities: Entity[];
  /** The first date the sentence names (yyyy-mm-dd or yyyy-mm), read against the publication date. */
  eventDate: string | null;
  /** What is embedded for the sentence vector, and its hash (with the model id). */
  embedText: string;
  vectorHash: string;
}

export interface ParsedChunk {
  paragraph: number;
  start: number;
  end: number;
  embedText: string;
  hash: string;
}

export interface ParsedArticle {
  article: Article;
  paragraphs: Paragraph[];
  chunks: ParsedChunk[];
  units: ParsedUnit[];
  quotes: number;
}

type EmbedderWindow = Pick<Embedder, "id" | "maxTokens" | "countTokens">;

/**
 * Pure given the embedder's window and the story file: paragraphs, attributed units, the NLP
 * tags of each unit, and the chunks the model embeds. Everything indexes into `article.content`,
 * so cited text stays verbatim.
 */
export function parseArticleForIndex(article: Article, embedder: EmbedderWindow, story: Pick<Story, "furniture" | "notNames">): ParsedArticle {
  const paragraphs = splitParagraphs(article, story.furniture);
  const analyzed = analyzeArticle(article, paragraphs, story.notNames);
  const chunks: ParsedChunk[] = [];
  const units: ParsedUnit[] = [];
  let quotes = 0;
  for (const { paragraph, units: pUnits } of analyzed) {
    const spans = chunkParagraph(paragraph, embedder.maxTokens, (t) => embedder.countTokens(t));
    const first = chunks.length;
    for (const span of spans) {
      const inChunk = pUnits.filter((u) => u.start >= span.start && u.start < span.end);
      const text = article.content.slice(span.start, span.end);
      const embedText = speakerPrefix(inChunk, text) + text;
      chunks.push({ paragraph: paragraph.number, start: span.start, end: span.end, embedText, hash: sha256(`${embedder.id}\0${embedText}`) });
    }
    // Tagging a whole paragraph at once gives the taggers context, and costs one call per paragraph.
    const entities = withForeignNames(paragraph.text, entitiesOf(paragraph.text));
    const dates = datesIn(paragraph.text, article.published);
    for (const u of pUnits) {
      const local = spans.findIndex((s) => u.start >= s.start && u.start < s.end);
      const rel = (e: { start: number; end: number }) => e.start >= u.start - paragraph.start && e.end <= u.end - paragraph.start;
      const shift = (e: { start: number; end: number }) => ({ start: e.start - (u.start - paragraph.start), end: e.end - (u.start - paragraph.start) });
      const uDates = dates.filter(rel).filter((d) => d.precision !== "year");
      const embedText = speakerPrefix([u], u.text) + u.text;
      units.push({
        ...u,
        chunk: first + Math.max(0, local),
        paragraph: paragraph.number,
        position: units.length,
        entities: entities.filter(rel).map((e) => ({ type: e.type, ...shift(e) })),
        eventDate: uDates[0]?.iso ?? null,
        embedText,
        vectorHash: sha256(`${embedder.id}\0${embedText}`),
      });
      if (u.kind === "quote") quotes++;
    }
  }
  return { article, paragraphs, chunks, units, quotes };
}

/** Speakers a text quotes but does not name ("…," he said) are added to what is embedded. */
function speakerPrefix(units: Unit[], text: string): string {
  const names = new Set<string>();
  for (const u of units) {
    if (!u.speaker || u.kind === "passage" || text.includes(u.speaker)) continue;
    names.add(u.role ? `${u.role} ${u.speaker}` : u.speaker);
  }
  return names.size ? `${[...names].join("; ")}: ` : "";
}

/** Words this rare in English, or unknown to it, are a name's, not a phrase's ("Zbigniew Wrzosek"). */
const FOREIGN_RANK = 20_000;

/**
 * The tagger knows the names common in English text and misses many others ("Panorama-Inform
 * journalist Zbigniew Wrzosek"): a name the attribution's rules find whose every word English
 * lacks is a person too. English words ("Missing Persons Office") are left to the tagger.
 */
function withForeignNames(text: string, entities: Entity[]): Entity[] {
  const foreign = (name: string) => {
    const words = name.split(/\s+/);
    return words.length > 1 && words.every((w) => (wordRank(w) ?? Infinity) > FOREIGN_RANK);
  };
  const extra = findPeople(text)
    .filter((p) => foreign(p.name))
    .filter((p) => !entities.some((e) => e.type === "person" && e.start < p.end && e.end > p.start))
    .map((p): Entity => ({ type: "person", start: p.start, end: p.end }));
  return extra.length ? [...entities, ...extra].sort((a, b) => a.start - b.start || b.end - a.end) : entities;
}
