/**
 * Questions to offer when an answer misses: built from what the corpus holds (who is quoted most,
 * what the articles are about), never from a fixed list. The engine keeps only those it answers.
 */
import { compromise } from "../text/nlp.js";

export interface SpeakerCount {
  name: string;
  count: number;
}

/** Candidates, most promising first: the most quoted speakers, then each article title's subject. */
export function candidateQuestions(speakers: SpeakerCount[], titles: string[]): string[] {
  const out: string[] = [];
  for (const s of speakers.slice(0, 4)) out.push(`What did ${withArticle(s.name)} say?`);
  for (const title of titles) {
    const topic = titleTopic(title);
    if (topic) out.push(`What do the articles say about ${topic}?`);
  }
  return [...new Set(out)];
}

/** The first noun phrase of a headline that is not a person ("progress", "the Lisbon deal"). */
export function titleTopic(title: string): string | null {
  const nouns = compromise()(title).nouns().json() as { text: string; terms: { tags: string[] }[] }[];
  for (const n of nouns) {
    if (n.terms.some((t) => t.tags.includes("Person") || t.tags.includes("Pronoun"))) continue;
    const text = n.text.replace(/[^\p{L}\p{N}' -]+/gu, " ").replace(/\s+/g, " ").trim();
    if (text.split(" ").length >= 1 && text.length >= 4) return text;
  }
  return null;
}

function withArticle(name: string): string {
  // Organisations read better with "the": "the Chancellery", not "Chancellery"; people never take it.
  return name.split(/\s+/).length === 1 && !compromise()(name).people().found ? `the ${name}` : name;
}
