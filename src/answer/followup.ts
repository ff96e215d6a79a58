/**
 * Follow-up questions in a conversation: "what did he mean by that?", "and what did Brandt say
 * about it?", "what about Okafor?". Pure: given the conversation's earlier questions (as they
 * were read) and answers, returns the question the engine should be asked, and whether it differs
 * from what was typed, so the bot can say "Reading this as: …".
 *
 * compromise tags the words (pronouns, possessives, people, organisations); the people and
 * organisations the corpus quotes are taught to it as a lexicon, since news names such as
 * Lindqvist or Varga are not in its own.
 */
import { compromise } from "../text/nlp.js";

export interface PreviousTurn {
  /** The question as it was read (already resolved when it was itself a follow-up). */
  question: string;
  /** The answer's items, best first. */
  items: { text: string; speaker: string | null }[];
}

export interface FollowUpOptions {
  /** Names the corpus quotes (people and organisations), e.g. from Engine.speakers(). */
  names?: string[];
}

export interface Resolution {
  question: string;
  rewritten: boolean;
}

interface Term {
  text: string;
  pre: string;
  post: string;
  normal: string;
  tags: Set<string>;
}

interface Entity {
  start: number;
  end: number;
  text: string;
  kind: "person" | "org" | "group";
}

const LEADING_CONJUNCTION = /^(?:and|but|so|also|ok(?:ay)?|then)\b[\s,]*/i;
const ELLIPSIS = /^(?:(?:and|but|so)\s+)?(?:what|how)\s+about\s+(.+?)[\s?.!]*$/i;
const BARE_AND = /^(?:and|but)\s+(.+?)[\s?.!]*$/i;
const MAX_ELLIPSIS_WORDS = 6;

/** Resolves what a follow-up leaves out from the conversation so far. */
export function resolveFollowUp(turns: PreviousTurn[], message: string, opts: FollowUpOptions = {}): Resolution {
  const typed = message.replace(/\s+/g, " ").trim();
  if (!turns.length || !typed) return { question: typed, rewritten: false };
  const lexicon = buildLexicon([...(opts.names ?? []), ...turns.flatMap((t) => t.items.map((i) => i.speaker).filter((s): s is string => !!s))]);
  const context = readContext(turns, lexicon);

  let question = elliptical(typed, context, lexicon) ?? typed;
  question = replacePronouns(question, context, lexicon);
  if (question !== typed) question = tidy(question);
  return { question, rewritten: question !== typed };
}

interface Context {
  /** The person "he"/"she" points to. */
  person: string | null;
  /** What "they" points to: an organisation or several people. */
  group: string | null;
  /** What "it"/"that" points to. */
  topic: string | null;
  /** The previous question, its subject (a person or organisation) and its "about …" part. */
  previous: { text: string; subject: Entity | null; about: { start: number; end: number } | null; terms: Term[] };
}

function readContext(turns: PreviousTurn[], lexicon: Record<string, string>): Context {
  let person: string | null = null;
  let group: string | null = null;
  let topic: string | null = null;
  let previous: Context["previous"] | null = null;
  let personAmbiguous = false;
  // Most recent turn first: the nearest antecedent wins.
  for (const turn of [...turns].reverse()) {
    const terms = termsOf(turn.question, lexicon);
    const entities = entitiesOf(terms);
    const about = aboutSpan(terms);
    if (!previous) previous = { text: turn.question, subject: entities[0] ?? null, about, terms };
    // "How long did Novak and Varga meet?" then "what did he say?": two candidates, no guess.
    const named = entities.filter((e) => e.kind === "person").length;
    if (!person && !personAmbiguous && ((entities.some((e) => e.kind === "group") && named === 0) || named >= 2)) personAmbiguous = true;
    if (!personAmbiguous) person ??= entities.find((e) => e.kind === "person")?.text ?? null;
    group ??= entities.find((e) => e.kind === "org" || e.kind === "group")?.text ?? null;
    if (!topic && about) topic = textOf(terms.slice(about.start, about.end));
    // "How long did the meeting last?": the thing asked about, when no "about …" names it.
    if (!topic) topic = nounTopic(turn.question, lexicon);
    // "When did Novak meet Varga?": two people named apart are still "they".
    const people = entities.filter((e) => e.kind === "person");
    if (!group && people.length >= 2) group = `${people[0]!.text} and ${people[1]!.text}`;
    if (!person || !group) {
      for (const speaker of turn.items.map((i) => i.speaker).filter((s): s is string => !!s)) {
        const kind = lexicon[speaker.toLowerCase()] === "Person" ? "person" : "org";
        if (kind === "person" && !personAmbiguous) person ??= speaker;
        else group ??= withArticle(speaker);
      }
    }
  }
  return { person, group, topic, previous: previous! };
}

/** The first noun phrase of a question that is not a person, an organisation, a pronoun or a question word. */
function nounTopic(question: string, lexicon: Record<string, string>): string | null {
  const nouns = compromise()(question, lexicon).nouns().json() as { terms: { text: string; pre: string; post: string; tags: string[] }[] }[];
  for (const n of nouns) {
    const skip = n.terms.some((t) => ["Person", "Organization", "Pronoun", "QuestionWord", "Possessive"].some((tag) => t.tags.includes(tag)));
    if (skip || !n.terms.some((t) => t.tags.includes("Noun"))) continue;
    let terms = n.terms;
    // "did the meeting last?": after an auxiliary, the question's last word is its verb, whatever the tagger says.
    const last = terms[terms.length - 1]!;
    if (/\b(?:did|do|does|will|would|can|could|should)\b/i.test(question) && /[?.!]\s*$/.test(last.post) && terms.filter((t) => !t.tags.includes("Determiner")).length >= 2) terms = terms.slice(0, -1);
    const text = terms
      .map((t, i) => (i === 0 ? "" : t.pre) + t.text + (i === terms.length - 1 ? "" : t.post))
      .join("")
      .trim();
    if (text.length >= 3) return text;
  }
  return null;
}

/** "what about Brandt?" / "and the Chancellery?": the previous question with its subject or topic swapped. */
function elliptical(typed: string, ctx: Context, lexicon: Record<string, string>): string | null {
  const m = ELLIPSIS.exec(typed) ?? BARE_AND.exec(typed);
  if (!m) return null;
  const x = m[1]!.trim();
  const xTerms = termsOf(x, lexicon);
  if (xTerms.length === 0 || xTerms.length > MAX_ELLIPSIS_WORDS) return null;
  // "and what did Brandt say about it?" is a whole question, not an ellipsis.
  if (m === BARE_AND.exec(typed) && xTerms.some((t) => t.tags.has("Verb") || t.tags.has("QuestionWord"))) return null;
  if (xTerms.some((t) => t.tags.has("Pronoun"))) return null;
  const xEntities = entitiesOf(xTerms);
  const isEntity = xEntities.length > 0 && xEntities[0]!.start === 0;
  const prev = ctx.previous;
  const end = questionEnd(prev.text);
  if (isEntity) {
    if (prev.subject) return splice(prev.terms, prev.subject.start, prev.subject.end, x);
    return ctx.topic ? `What did ${x} say about ${ctx.topic}${end}` : `What did ${x} say${end}`;
  }
  if (prev.about) return splice(prev.terms, prev.about.start, prev.about.end, x);
  if (prev.subject) return `What did ${prev.subject.text} say about ${x}${end}`;
  return null;
}

function replacePronouns(question: string, ctx: Context, lexicon: Record<string, string>): string {
  const terms = termsOf(question, lexicon);
  const ownEntities = entitiesOf(terms);
  let changed = false;
  terms.forEach((t, i) => {
    if (!t.tags.has("Pronoun") && !isDemonstrative(terms, i)) return;
    // A pronoun after a name of the question's own ("did Brandt say he…") points to that name.
    const namedBefore = ownEntities.some((e) => e.end <= i);
    const w = t.normal;
    let replacement: string | null = null;
    if ((w === "he" || w === "him" || w === "she") && ctx.person && !namedBefore) replacement = ctx.person;
    else if (w === "her" && ctx.person && !namedBefore) replacement = t.tags.has("Possessive") ? possessive(ctx.person) : ctx.person;
    else if (w === "his" && ctx.person && !namedBefore) replacement = possessive(ctx.person);
    else if ((w === "they" || w === "them") && ctx.group && !namedBefore) replacement = ctx.group;
    else if (w === "their" && ctx.group && !namedBefore) replacement = possessive(ctx.group);
    else if ((w === "it" || w === "that" || w === "this") && ctx.topic) replacement = ctx.topic;
    if (replacement) {
      t.text = replacement;
      changed = true;
    }
  });
  return changed ? terms.map((t) => t.pre + t.text + t.post).join("").trim() : question;
}

/** "that"/"this" standing for something said ("what did he mean by that?"), not "that deal" or "said that the…". */
function isDemonstrative(terms: Term[], i: number): boolean {
  const t = terms[i]!;
  if (t.normal !== "that" && t.normal !== "this") return false;
  const next = terms[i + 1];
  const prev = terms[i - 1];
  const endsHere = !next || /[?.!,;]/.test(t.post);
  // "the meeting before that": compromise reads "before" and "after" as conjunctions.
  return endsHere && !!prev && (prev.tags.has("Preposition") || prev.tags.has("Verb") || /^(?:before|after|since|until)$/.test(prev.normal));
}

function aboutSpan(terms: Term[]): { start: number; end: number } | null {
  const i = terms.findIndex((t) => t.normal === "about" || t.normal === "regarding");
  if (i < 0 || i === terms.length - 1) return null;
  let end = i + 1;
  while (end < terms.length) {
    end++;
    if (/[?.!,;]/.test(terms[end - 1]!.post)) break;
  }
  const span = terms.slice(i + 1, end);
  if (span.every((t) => t.tags.has("Pronoun") || t.tags.has("Determiner"))) return null;
  return { start: i + 1, end };
}

/** Runs of people or organisations, joined by "and" into a group ("Novak and Varga"). */
function entitiesOf(terms: Term[]): Entity[] {
  const out: Entity[] = [];
  let i = 0;
  while (i < terms.length) {
    const kind = entityKind(terms[i]!);
    if (!kind) {
      i++;
      continue;
    }
    let start = i;
    if (i > 0 && terms[i - 1]!.normal === "the" && kind === "org") start = i - 1;
    let end = i + 1;
    while (end < terms.length && entityKind(terms[end]!) === kind && !/[,;?.!]/.test(terms[end - 1]!.post)) end++;
    let e: Entity = { start, end, text: textOf(terms.slice(start, end)), kind };
    // "Novak and Varga": one group of people.
    if (terms[end]?.normal === "and" && terms[end + 1] && entityKind(terms[end + 1]!)) {
      let j = end + 2;
      while (j < terms.length && entityKind(terms[j]!) && !/[,;?.!]/.test(terms[j - 1]!.post)) j++;
      e = { start, end: j, text: textOf(terms.slice(start, j)), kind: "group" };
      end = j;
    }
    out.push(e);
    i = end;
  }
  return out;
}

function entityKind(t: Term): "person" | "org" | null {
  if (t.tags.has("Pronoun")) return null;
  if (t.tags.has("Person")) return "person";
  if (t.tags.has("Organization")) return "org";
  return null;
}

/** Known names as compromise lexicon entries: full names and surnames of people, organisations. */
export function buildLexicon(names: string[]): Record<string, string> {
  const lexicon: Record<string, string> = {};
  const people = names.filter(looksLikePerson);
  for (const name of names) {
    const key = name.toLowerCase().trim();
    if (!key) continue;
    lexicon[key] = looksLikePerson(name) ? "Person" : "Organization";
  }
  // Surnames ("Varga", "Novak") are how follow-ups name people.
  for (const p of people) {
    const last = p.split(/\s+/).at(-1)!.toLowerCase();
    if (last.length > 2) lexicon[last] = "Person";
  }
  // A single word that is someone's surname is that person, not an organisation.
  for (const key of Object.keys(lexicon)) if (!key.includes(" ") && people.some((p) => p.toLowerCase().endsWith(` ${key}`))) lexicon[key] = "Person";
  return lexicon;
}

/** Two or more capitalised words, none lower-case ("Janos Varga", not "Brandt administration" or "Chancellery"). */
function looksLikePerson(name: string): boolean {
  const words = name.trim().split(/\s+/);
  if (words.length < 2 || words.length > 4) return compromise()(name).people().found;
  if (!words.every((w) => /^\p{Lu}/u.test(w))) return false;
  return !compromise()(name).organizations().found;
}

function termsOf(text: string, lexicon: Record<string, string>): Term[] {
  const doc = compromise()(text, lexicon);
  const json = doc.json() as { terms: { text: string; pre: string; post: string; normal: string; tags: string[] }[] }[];
  return json.flatMap((s) => s.terms.map((t) => ({ text: t.text, pre: t.pre, post: t.post, normal: t.normal, tags: new Set(t.tags) })));
}

function textOf(terms: Term[]): string {
  return terms
    .map((t, i) => (i === 0 ? "" : t.pre) + t.text + (i === terms.length - 1 ? t.post.replace(/[\s?.!,;]+$/, "") : t.post))
    .join("")
    .trim();
}

function splice(terms: Term[], start: number, end: number, replacement: string): string {
  const before = terms.slice(0, start).map((t) => t.pre + t.text + t.post).join("");
  const last = terms[end - 1]!;
  const trailing = last.post.match(/[?.!]+\s*$/)?.[0] ?? "";
  const after = terms.slice(end).map((t) => t.pre + t.text + t.post).join("");
  const gap = last.post.replace(/[?.!]+\s*$/, "");
  return `${before}${replacement}${after ? gap + after : trailing}`.trim();
}

function questionEnd(q: string): string {
  return /\?\s*$/.test(q) ? "?" : "";
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

function withArticle(org: string): string {
  return /^the\s/i.test(org) || org.split(/\s+/).length > 2 ? org : `the ${org}`;
}

/** Drops "and"/"so" openers left over from the conversation and capitalises the first letter. */
function tidy(q: string): string {
  const t = q.replace(LEADING_CONJUNCTION, "").trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}
