import type { ArticleRow, Retrieval, UnitRow } from "../retrieval/index.js";
import { dateMatches, MONTH_NAME, type DateConstraint } from "../text/dates.js";
import { datelineEnd, type Entity } from "../text/entities.js";
import { english } from "../lexicon/english.js";
import { firstTerms, terms } from "../text/terms.js";
import { wordVectors } from "../text/wordvectors.js";
import { isSiteNoun } from "../text/wordnet.js";
import { specificity, type QuestionInfo } from "./analysis.js";

/**
 * The signals a sentence is scored on. Each is a number, mostly in [0, 1]; how much each counts
 * is learned from the dev questions (scripts/fit.ts -> weights.ts), not set by hand.
 */
export const FEATURES = [
  "cosUnit", // cosine of the sentence's own vector with the question
  "cosChunk", // cosine of the sentence's paragraph
  "coverage", // share of the question's terms (weighted by rarity) the sentence holds, speaker included
  "coverageAll", // the same, counting the question's words that no article uses (a question about a "gift" the articles never mention)
  "coverageChunk", // the same over the whole paragraph
  "softCoverage", // like coverage, but a question word counts by its word-vector similarity to the sentence's closest word
  "rarest", // the question's rarest term is in the sentence
  "bm25Unit", // BM25 of the sentence, divided by the best among candidates
  "typeMatch", // the question wants a kind of answer (a duration, a place) and the sentence has one
  "typeOnTopic", // typeMatch x coverage: the kind of answer, in a sentence about what was asked
  "typeStrong", // typeMatch, and the answer is spelled out: a named day or date, a clock time, an amount in figures or words, a place after "in"/"at"
  "typeNew", // typeStrong, and that answer is not already in the question ("who met the minister?" is not answered by "the minister"; for "who", a speaker the question does not name counts)
  "typeUnit", // "how many troops": an answer of the kind asked for counts that very thing ("5,000 troops", "a 28-point plan"); "how old": it is written as an age ("Fogel, 63,")
  "typeDated", // asked "when": the answer is a date with a number, a day or a year ("on Oct. 16", "in August 2021"), not only a weekday or a month, x coverage: in a sentence about what was asked
  "typeModifies", // every answer of the kind asked only describes a thing the question does not name ("a 30-day pause" for "how long was the call")
  "typeRare", // asked "where" or "who": how rare in the corpus the name given as the answer is (0..1); nearly every sentence of a story names its main countries and leaders, few the town or building asked about
  "speakerMatch", // the question asks what someone said, and this is them (quote or statement)
  "topicCoverage", // with a speaker question: share of the topic's terms in the sentence
  "speakerOnTopic", // speakerMatch x topicCoverage
  "speakerQuote", // speakerMatch, in the speaker's own quoted words
  "quote",
  "statement",
  "dateMatch", // the question names a date and the sentence's own date matches it
  "dateArticle", // the question names a date and the article was published then (or its opening names it); 0.5 when the article gives no date at all
  "dateOnTopic", // (dateMatch or dateArticle) x coverage
  "dateOther", // the question names a date and the sentence names another
  "recency", // the question asks for the latest (or earliest) and the article is (0..1 by publication order)
  "lead", // one of the article's first two sentences
  "titleCoverage", // share of the question's terms in the article's title (its first sentence when it has none)
  "short", // fewer than six words
  "asks", // the sentence is itself a question (a reporter's at a briefing, a rhetorical one): it looks like the question and seldom answers it
] as const;

export type FeatureName = (typeof FEATURES)[number];

/**
 * Signals where more, all else equal, never makes a worse answer: the fit keeps each one's effect
 * on the score at least 0 whatever the other signals are (scripts/fit.ts). Without that, a learned
 * product (the title holds the question x the paragraph holds it, weighed against each other) let
 * a sentence without the question's one word outrank the sentence that has it.
 */
export const MONOTONE: readonly FeatureName[] = [
  "cosUnit", "cosChunk", "coverage", "coverageAll", "coverageChunk", "softCoverage", "rarest", "bm25Unit",
  "typeMatch", "typeOnTopic", "typeStrong", "typeNew", "typeUnit", "typeDated", "typeRare", "speakerMatch", "topicCoverage", "speakerOnTopic",
  "dateMatch", "dateArticle", "dateOnTopic", "titleCoverage",
];
export type Features = Record<FeatureName, number>;

export interface Candidate {
  unit: UnitRow;
  features: Features;
}

const DENSE_K = 30;
const DATE_DENSE_K = 60;
const BM25_UNITS_K = 50;
const BM25_CHUNKS_K = 30;
const SPEAKER_SCAN_LIMIT = 400;

/**
 * Sentences worth scoring: those of the paragraphs nearest the question (dense and BM25), the
 * sentences BM25 finds on their own, everything the asked-about speaker said, and the sentences
 * of the articles from the date asked about.
 */
export function gatherCandidates(r: Retrieval, q: QuestionInfo, vector: Float32Array): { units: UnitRow[]; chunkCos: Map<number, number>; bm25: Map<number, number> } {
  const chunkCos = new Map<number, number>();
  const chunks = new Set<number>();
  for (const d of r.dense(vector, DENSE_K)) {
    chunkCos.set(d.id, d.score);
    chunks.add(d.id);
  }
  const qTerms = [...q.terms, ...(q.speaker?.topicTerms ?? [])];
  for (const c of r.bm25Chunks(qTerms, BM25_CHUNKS_K)) chunks.add(c.id);
  const bm25 = new Map<number, number>();
  const unitIds = new Set<number>();
  for (const u of r.bm25Units(qTerms, BM25_UNITS_K)) {
    bm25.set(u.id, u.score);
    unitIds.add(u.id);
  }
  if (q.date) {
    const articles = new Set(r.articles.filter((a) => articleAbout(a, q.date!)).map((a) => a.id));
    if (articles.size) {
      // Deeper than the global search: the articles of a month can hold a few hundred paragraphs.
      const inDate = r.dense(vector, DATE_DENSE_K, (chunk) => articles.has(r.articleOfChunk(chunk)));
      for (const d of inDate) {
        chunkCos.set(d.id, d.score);
        chunks.add(d.id);
      }
    }
  }
  const units = new Map<number, UnitRow>();
  for (const u of r.unitsOfChunks(chunks)) units.set(u.id, u);
  for (const id of unitIds) if (!units.has(id)) units.set(id, r.unit(id));
  if (q.speaker?.matches.length) {
    const said = q.speaker.matches.reduce((n, s) => n + s.quotes + s.statements, 0);
    if (said <= SPEAKER_SCAN_LIMIT) {
      for (const s of q.speaker.matches) for (const u of r.unitsOfSpeaker(s.key)) units.set(u.id, u);
    } else {
      // A much-quoted speaker: only their paragraphs nearest the question, found by HNSW.
      const sets = q.speaker.matches.map((s) => r.chunksOfSpeaker(s.key));
      const near = r.dense(vector, 60, (chunk) => sets.some((set) => set.has(chunk)));
      for (const d of near) chunkCos.set(d.id, d.score);
      for (const u of r.unitsOfChunks(near.map((d) => d.id))) units.set(u.id, u);
    }
  }
  return { units: [...units.values()], chunkCos, bm25 };
}

/** An article is about a date when it was published then or its first paragraphs name it. */
function articleAbout(a: ArticleRow, date: DateConstraint): boolean {
  return dateMatches(a.published, date) || a.leadDates.some((d) => dateMatches(d, date));
}

const WEEKDAY = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i;
const LOCATIVE = /\b(?:in|at|near|to|from|inside|outside|aboard)\s+(?:the\s+)?$/i;

/**
 * An answer of the kind asked for that says it outright: a date by its month, day or weekday
 * (not "yesterday" or "this week"), a time on the clock, an amount in figures or number words, a place named
 * where something happened ("in Sochi", or an article's dateline) rather than a country as actor.
 */
export function spelledOut(text: string, e: Entity): boolean {
  const span = text.slice(e.start, e.end);
  switch (e.type) {
    case "date":
      return MONTH_NAME.test(span) || WEEKDAY.test(span) || /\d/.test(span);
    case "time":
      // Whole words: "afternoon" names no time on the clock.
      return /\d|\bnoon\b|\bmidnight\b/i.test(span);
    case "place":
      return e.start === 0 || LOCATIVE.test(text.slice(Math.max(0, e.start - 20), e.start));
    case "person":
      return true;
    default:
      return /\d/.test(span) || span.toLowerCase().split(/[\s-]+/).some((w) => english.numberWords.has(w) || english.countAdverbs.has(w));
  }
}

/**
 * Is a person named in a sentence someone the question does not already name? They are the one
 * asked about when their surname is ("US Army Secretary Daniel Driscoll" is not new to "who met
 * driscoll"): a title or a first name does not make another person.
 */
export function newPerson(text: string, asked: ReadonlySet<string>): boolean {
  const t = terms(text);
  return t.length > 0 && !asked.has(t[t.length - 1]!);
}

/** Does an amount count the thing asked about: in its own words ("nine hours") or in the next few ("28-point plan", "5,000 British troops")? */
export function counts(text: string, e: Entity, unit: string): boolean {
  // Words, not a window of characters: a window could cut the counted noun in half. Only the
  // words needed are read (this runs for every amount of every candidate of a "how many").
  return firstTerms(text.slice(e.start), terms(text.slice(e.start, e.end)).length + 3).includes(unit);
}

/** An amount written as someone's age: "Fogel, 63,", "54 years old", "aged 70", "a 78-year-old". */
export function writtenAsAge(text: string, e: Entity): boolean {
  const span = text.slice(e.start, e.end).trim();
  const before = text.slice(Math.max(0, e.start - 8), e.start);
  const after = text.slice(e.end, e.end + 12);
  // wink tags "54 years" of "54 years old" as a length of time.
  if (/^\d{1,3}[\s-]*years?$/i.test(span)) return /^[\s-]*old\b/i.test(after);
  if (!/^\d{1,3}$/.test(span)) return false;
  return (/,\s*$/.test(before) && /^\s*,/.test(after)) || /^[\s-]*years?[\s-]old\b/i.test(after) || /\baged\s*$/i.test(before);
}

/** A date a calendar can place: a month with a day or a year ("Oct. 16", "August 2021"), or "2025-08-15"; not "Friday" or "in March". */
const calendarDate = (span: string) => (MONTH_NAME.test(span) && /\d/.test(span)) || /\d{4}-\d\d-\d\d/.test(span);

/**
 * An amount written as a modifier ("30-day", "two-hour") describes the noun after it: is that a
 * noun the question does not use? Then the amount is the length or count of something else.
 */
export function modifiesOther(text: string, e: Entity, asked: ReadonlySet<string>): boolean {
  // Names are hyphenated too ("Elmendorf-Richardson air base", "Smith-Jones said"): amounts only.
  if (e.type !== "duration" && e.type !== "count" && e.type !== "money") return false;
  const span = text.slice(e.start, e.end);
  if (!/\S-\p{L}+$/u.test(span)) return false;
  const next = firstTerms(text.slice(e.end), 1)[0];
  return next !== undefined && !asked.has(next);
}

/** Ends with a question mark (and perhaps closing quotes or brackets). */
const asks = (text: string) => /\?["'”’»)\]]*\s*$/.test(text);

function weightedShare(wanted: string[], have: Set<string>, weight: (t: string) => number): number {
  let total = 0;
  let got = 0;
  for (const t of new Set(wanted)) {
    const w = weight(t);
    total += w;
    if (have.has(t)) got += w;
  }
  return total ? got / total : 0;
}

/** Each question word counts by its closest word in the sentence (1 when the same term). */
function softShare(q: QuestionInfo, words: string[], have: Set<string>, weight: (t: string) => number, rowOf: (word: string) => number | undefined): number {
  const vectors = wordVectors();
  const rows = words.map(rowOf).filter((i): i is number => i !== undefined);
  let total = 0;
  let got = 0;
  for (const t of new Set(q.terms)) {
    const w = weight(t);
    total += w;
    if (have.has(t)) {
      got += w;
      continue;
    }
    const word = q.words.get(t);
    const i = word === undefined ? undefined : rowOf(word);
    if (!vectors || i === undefined) continue;
    let best = 0;
    for (const j of rows) best = Math.max(best, vectors.similarityAt(i, j));
    got += w * best;
  }
  return total ? got / total : 0;
}

const LOCATIVE_BEFORE = /\b(?:in|at|near|outside|inside|from|to)\s+(?:the\s+)?$/i;

/**
 * The entities of a sentence that may answer "who": people, and places acting as one ("which the
 * Kremlin blamed on Kyiv"). Not the place a story was filed from ("ISTANBUL —"), nor a place where
 * something happened ("at the Dolmabahce Palace", "in Riyadh"): no one there acted.
 */
export function actorsOf(text: string, entities: Entity[]): Entity[] {
  const filed = datelineEnd(text);
  return entities.filter((e) => e.start >= filed && !(e.type === "place" && LOCATIVE_BEFORE.test(text.slice(Math.max(0, e.start - 16), e.start))));
}

/**
 * The entities of a sentence that may answer "where in Riyadh" or "which palace": a place only
 * when it names a building, a room or a compound, by one of its words or the word after it
 * ("Diriyah Palace", "the Ritz-Carlton hotel"), not another city ("in Paris").
 */
export function sitesOf(text: string, entities: Entity[]): Entity[] {
  return entities.filter((e) => {
    if (e.type !== "place") return true;
    const words = [...text.slice(e.start, e.end).split(/[\s-]+/), /^\s*([\p{L}]+)/u.exec(text.slice(e.end))?.[1] ?? ""];
    return words.some((w) => /^\p{L}{3,}$/u.test(w) && isSiteNoun(w));
  });
}

/** Scores every candidate's signals for one question. Pure apart from reads from the index. */
export function computeFeatures(r: Retrieval, q: QuestionInfo, vector: Float32Array): Candidate[] {
  const { units, chunkCos, bm25 } = gatherCandidates(r, q, vector);
  if (!units.length) return [];
  r.preloadVectors(units);
  const idf = (t: string) => r.idf(t) * (q.specificity.get(t) ?? 1);
  const qTerms = q.terms;
  const rarest = qTerms.length ? qTerms.reduce((a, b) => (idf(a) >= idf(b) ? a : b)) : null;
  // Word-vector rows, looked up once per word for the whole question.
  const rows = new Map<string, number | undefined>();
  const rowOf = (word: string) => {
    if (!rows.has(word)) rows.set(word, wordVectors()?.indexOf(word));
    return rows.get(word);
  };
  const qWeight = [...new Set(qTerms)].reduce((n, t) => n + idf(t), 0);
  // A word no article uses weighs as much as the rarest word can, times how specific it is.
  const missingWeight = q.missing.reduce((n, m) => n + r.idf(m.term) * specificity(m.word), 0);
  const topicTerms = q.speaker?.topicTerms ?? [];
  const matchKeys = new Set(q.speaker?.matches.map((s) => s.key) ?? []);
  // Terms of who said a sentence, tokenized once per speaker and role.
  const whoTerms = new Map<string, string[]>();
  const who = (u: UnitRow) => {
    const key = `${u.speaker ?? ""} ${u.role ?? ""}`;
    let t = whoTerms.get(key);
    if (!t) whoTerms.set(key, (t = terms(key)));
    return t;
  };
  const chunkTerms = new Map<number, Set<string>>();
  const termsOfChunk = (chunk: number, all: UnitRow[]) => {
    let t = chunkTerms.get(chunk);
    if (!t) {
      t = new Set(all.filter((u) => u.chunk === chunk).flatMap((u) => [...u.terms, ...who(u)]));
      chunkTerms.set(chunk, t);
    }
    return t;
  };
  // Publication order, 0 (oldest) to 1 (newest), for "the latest" and "the first".
  const recency = new Map<number, number>();
  if (q.recency) {
    const dates = [...new Set(r.articles.map((a) => a.published ?? "").filter(Boolean))].sort();
    const rank = new Map(dates.map((d, i) => [d, dates.length > 1 ? i / (dates.length - 1) : 0.5]));
    for (const a of r.articles) {
      const x = a.published ? rank.get(a.published)! : 0.5;
      recency.set(a.id, q.recency === "earliest" ? 1 - x : x);
    }
  }
  const titleTerms = new Map<number, Set<string>>();
  // An answer repeats nothing of the question: its terms, including those no article uses.
  const asked = new Set([...qTerms, ...q.missing.map((m) => m.term), ...topicTerms, ...(q.speaker ? terms(q.speaker.target) : [])]);
  const isNew = (text: string) => terms(text).some((t) => !asked.has(t));
  // A name's rarity: its rarest word's idf, over the idf of a word in one sentence only. Read once
  // per name for the question: the same few places and people recur across its candidates.
  const oneSentenceIdf = Math.log(1 + (r.unitCount - 0.5) / 1.5);
  const rarity = new Map<string, number>();
  const nameRarity = (span: string) => {
    let x = rarity.get(span);
    if (x === undefined) rarity.set(span, (x = Math.min(1, Math.max(0, ...terms(span).filter((t) => !asked.has(t)).map((t) => r.idf(t))) / oneSentenceIdf)));
    return x;
  };

  const wantsActor = q.wants.includes("person");
  // Asked for a building or a room: only when some candidate names one; else (the articles name
  // the estate, not the room) a place is read as any "where" reads it.
  const sites = q.site ? new Map(units.map((u) => [u.id, sitesOf(u.text, u.entities)])) : null;
  const wantsSite = !!sites && [...sites.values()].some((es) => es.some((e) => e.type === "place"));
  const raw = units.map((u) => {
    let cChunk = chunkCos.get(u.chunk);
    if (cChunk === undefined) {
      cChunk = r.chunkCos(u.chunk, vector);
      chunkCos.set(u.chunk, cChunk);
    }
    const have = new Set(u.kind === "passage" ? u.terms : [...u.terms, ...who(u)]);
    const entities = wantsActor ? actorsOf(u.text, u.entities) : wantsSite ? sites!.get(u.id)! : u.entities;
    const types = new Set(entities.map((e) => e.type));
    const typed = q.wants.length > 0;
    const hasType = q.wants.some((w) => types.has(w));
    const answers = hasType ? entities.filter((e) => q.wants.includes(e.type) && spelledOut(u.text, e)) : [];
    const strongType = answers.length > 0;
    const isSpeaker = u.kind !== "passage" && u.speakerKey !== null && matchKeys.has(u.speakerKey);
    const fresh = answers.filter((e) => {
      const span = u.text.slice(e.start, e.end);
      return e.type === "person" ? newPerson(span, asked) : isNew(span);
    });
    const newType = fresh.length > 0 || (q.wants.includes("person") && u.kind !== "passage" && !!u.speaker && isNew(u.speaker));
    const dated = answers.some((e) => e.type === "date" && calendarDate(u.text.slice(e.start, e.end)));
    const typeModifies = fresh.length > 0 && fresh.every((e) => modifiesOther(u.text, e, asked)) ? 1 : 0;
    const typeRare = Math.max(0, ...fresh.filter((e) => e.type === "place" || e.type === "person").map((e) => nameRarity(u.text.slice(e.start, e.end))));
    let tt = titleTerms.get(u.article);
    if (!tt) {
      // An article without a title (a plain .txt) is read by its first sentence, as its citations
      // are: an empty title would count against every sentence of it.
      tt = new Set(terms(r.articles[u.article]?.title ?? r.leadUnits(u.article, 1)[0]?.text ?? ""));
      titleTerms.set(u.article, tt);
    }
    const article = r.articles[u.article];
    const words = u.text.split(/\s+/).length;
    const coverage = weightedShare(qTerms, have, idf);
    const coverageAll = qWeight + missingWeight > 0 ? (coverage * qWeight) / (qWeight + missingWeight) : 0;
    const softCoverage = softShare(q, u.words, have, idf, rowOf);
    const topicCoverage = q.speaker && topicTerms.length ? weightedShare(topicTerms, have, idf) : 0;
    const dateMatch = q.date && u.eventDate && dateMatches(u.eventDate, q.date) ? 1 : 0;
    // An article that gives no date at all (no publication date, none in its opening) may be from
    // the date asked about or not: half of what a matching one gets, unless the sentence names its own.
    const undated = !!article && !article.published && article.leadDates.length === 0 && !u.eventDate;
    const dateArticle = q.date && article ? (articleAbout(article, q.date) ? 1 : undated ? 0.5 : 0) : 0;
    const f: Features = {
      cosUnit: r.unitCos(u, vector),
      cosChunk: cChunk,
      coverage,
      coverageAll,
      coverageChunk: weightedShare(qTerms, termsOfChunk(u.chunk, units), idf),
      softCoverage,
      rarest: rarest && have.has(rarest) ? 1 : 0,
      bm25Unit: bm25.get(u.id) ?? 0,
      typeMatch: typed && hasType ? 1 : 0,
      typeOnTopic: typed && hasType ? coverage : 0,
      typeStrong: strongType ? 1 : 0,
      typeNew: newType ? 1 : 0,
      typeUnit: answers.some((e) => (q.age ? writtenAsAge(u.text, e) : !!q.unit && counts(u.text, e, q.unit))) ? 1 : 0,
      typeDated: dated ? coverage : 0,
      typeModifies,
      typeRare,
      speakerMatch: isSpeaker ? 1 : 0,
      topicCoverage,
      speakerOnTopic: isSpeaker ? topicCoverage : 0,
      speakerQuote: isSpeaker && u.kind === "quote" ? 1 : 0,
      quote: u.kind === "quote" ? 1 : 0,
      statement: u.kind === "statement" ? 1 : 0,
      dateMatch,
      dateArticle,
      dateOnTopic: Math.max(dateMatch, dateArticle) * coverage,
      dateOther: q.date && u.eventDate && !dateMatches(u.eventDate, q.date) ? 1 : 0,
      recency: recency.get(u.article) ?? 0,
      lead: u.position < 2 ? 1 : 0,
      titleCoverage: weightedShare(qTerms, tt, idf),
      short: words < 6 ? 1 : 0,
      asks: asks(u.text) ? 1 : 0,
    };
    return { unit: u, features: f };
  });
  const bestBm25 = Math.max(0, ...raw.map((c) => c.features.bm25Unit));
  for (const c of raw) c.features.bm25Unit = bestBm25 > 0 ? c.features.bm25Unit / bestBm25 : 0;
  return raw;
}
