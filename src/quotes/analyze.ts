import type { Article, Paragraph } from "../corpus/types.js";
import { splitSentences } from "../corpus/sentences.js";
import { findPeople, placeWords, roleAfter, stripPossessive } from "./people.js";
import { findQuotes, maskQuotes, type QuoteSpan } from "./quotes.js";
import {
  ACCORDING_TO,
  AFTER_SUBJECT_VERB,
  AFTER_VERB_SUBJECT,
  PRONOUNS,
  findSpeechVerbs,
  type VerbHit,
} from "./speech.js";

export type UnitKind = "quote" | "statement" | "passage";

export interface Speaker {
  name: string;
  role: string | null;
}

/** The smallest thing an answer shows: a quote, a reported statement, or a plain sentence. */
export interface Unit {
  kind: UnitKind;
  /** Offsets into the article's content; `text` is exactly that slice. */
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  role: string | null;
  /** For quotes, the quoted words alone (the unit text may be the sentence around them). */
  quote: string | null;
}

export interface AnalyzedParagraph {
  paragraph: Paragraph;
  units: Unit[];
}

interface Mention {
  pos: number;
  name: string;
}

interface Resolved extends Speaker {
  viaPronoun: boolean;
}

interface Person {
  name: string;
  role: string | null;
}

const ORG_NOUNS = /\b(?:administration|government|ministry|office|embassy|military|army|police|spokesman|spokeswoman|spokesperson|council|commission|agency|department|committee|campaign|cabinet|parliament|presidency|Kremlin|White House|Pentagon|State Department|NATO|UN|EU)$/;

/**
 * Finds who said what in one article. People are collected over the whole article first so that
 * a later "Trump" or "he" resolves to the full name and role introduced earlier.
 */
export function analyzeArticle(article: Article, paragraphs: Paragraph[], storyNotNames: ReadonlySet<string> = new Set()): AnalyzedParagraph[] {
  const notNames = new Set([...storyNotNames, ...placeWords(paragraphs.map((p) => p.text).join("\n\n"))]);
  const quotesByPara = paragraphs.map((p) => findQuotes(p.text));
  const masked = paragraphs.map((p, i) => maskQuotes(p.text, quotesByPara[i]!));

  // Pass 1: full names and the roles given with them.
  const people = new Map<string, Person>();
  const known = new Map<string, string>();
  const remember = (name: string, role: string | null) => {
    const key = name.toLowerCase();
    const existing = people.get(key);
    if (existing) {
      if (!existing.role && role) existing.role = role;
      return;
    }
    people.set(key, { name, role });
    known.set(key, name);
    const parts = name.split(/\s+/);
    if (parts.length > 1) {
      const last = parts[parts.length - 1]!.toLowerCase();
      if (!known.has(last)) known.set(last, name);
    }
  };
  masked.forEach((text) => {
    for (const m of findPeople(text, new Map(), notNames)) {
      if (m.name.includes(" ")) remember(m.name, m.role ?? roleAfter(text, m.end));
    }
  });
  // Pass 2: every mention, short forms included, in reading order, for pronouns.
  const mentions: Mention[][] = masked.map((text) =>
    findPeople(text, known, notNames).map((m) => {
      const canonical = known.get(m.name.toLowerCase()) ?? m.name;
      if (!people.has(canonical.toLowerCase())) remember(canonical, m.role ?? roleAfter(text, m.end));
      return { pos: m.start, name: canonical };
    }),
  );

  const speakerFor = (name: string): Speaker => {
    const p = people.get(name.toLowerCase());
    return { name: p?.name ?? name, role: p?.role ?? null };
  };

  /** The most recent person named before (paragraph, pos), outside quotes. */
  const antecedent = (pi: number, pos: number): Speaker | null => {
    for (let i = pi; i >= 0 && i >= pi - 3; i--) {
      const list = mentions[i]!.filter((m) => i < pi || m.pos < pos);
      if (list.length) return speakerFor(list[list.length - 1]!.name);
    }
    return null;
  };

  /** Resolves the subject of a speech verb: the phrase from `phraseStart` up to the verb at `phraseEnd`. */
  const resolveSubject = (pi: number, phraseStart: number, phraseEnd: number): Resolved | null => {
    const text = masked[pi]!;
    let phrase = text.slice(phraseStart, phraseEnd);
    // Drop a relative clause between subject and verb: "Ushakov, who attended the talks, said".
    phrase = phrase.replace(/,\s*(?:who|which)\b[^,]*,\s*$/, "");
    phrase = phrase.replace(/(?:\s+(?:also|later|afterwards|then|reportedly|publicly|previously|earlier|again|has|had|have|was|is|on \w+))+\s*$/, "");
    // Only the clause next to the verb can be its subject.
    let cut = 0;
    for (const m of phrase.matchAll(/[,;:—–]\s*|\b(?:and|but|that|as|while|although|though|because|which|who|whom)\s+/g)) cut = m.index! + m[0].length;
    const offset = phraseStart + cut;
    const clause = text.slice(offset, phraseStart + phrase.length).trim();
    if (!clause) return null;
    const words = clause.split(/\s+/);
    const lastWord = words[words.length - 1]!.toLowerCase();
    if (PRONOUNS.has(lastWord)) {
      const a = antecedent(pi, offset);
      return a ? { ...a, viaPronoun: true } : null;
    }
    const org = /^(?:(?:[Tt]he|[Aa]n?)\s+)?((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}(?:[\p{L}'’.-]+\s+)?[\p{L}'’.-]+)$/u.exec(clause);
    const orgName = org && words.length <= 5 && /\p{Lu}/u.test(org[1]!) ? stripPossessive(org[1]!) : null;
    if (orgName && ORG_NOUNS.test(orgName)) return { name: orgName, role: null, viaPronoun: false };
    const inClause = mentions[pi]!.filter((m) => m.pos >= offset && m.pos < phraseStart + phrase.length);
    if (inClause.length) return { ...speakerFor(inClause[inClause.length - 1]!.name), viaPronoun: false };
    if (orgName && /^\p{Lu}/u.test(words[words.length - 1]!)) {
      const known1 = known.get(orgName.toLowerCase());
      return { ...(known1 ? speakerFor(known1) : { name: orgName, role: null }), viaPronoun: false };
    }
    return null;
  };

  const resolveNamed = (pi: number, phrase: string, at: number): Speaker | null => {
    const p = phrase.trim();
    if (PRONOUNS.has(p.toLowerCase())) return antecedent(pi, at);
    const found = findPeople(p, known, notNames);
    if (found.length) {
      const f = found[found.length - 1]!;
      const canonical = known.get(f.name.toLowerCase()) ?? f.name;
      return people.has(canonical.toLowerCase()) ? speakerFor(canonical) : { name: canonical, role: f.role };
    }
    const org = p.replace(/^(?:the|a|an)\s+/i, "");
    return /^\p{Lu}/u.test(org) ? { name: stripPossessive(org), role: null } : null;
  };

  const out: AnalyzedParagraph[] = [];
  let lastQuoteSpeaker: Speaker | null = null;
  let lastQuoteRanOn = false;
  paragraphs.forEach((para, pi) => {
    const text = para.text;
    const mtext = masked[pi]!;
    const sentences = splitSentences(text);
    const quotes = quotesByPara[pi]!;
    const sentenceOf = (pos: number) => sentences.find((s) => pos >= s.start && pos < s.end) ?? sentences[sentences.length - 1]!;
    const units: Unit[] = [];
    const covered = new Set<number>();
    let prevInPara: Speaker | null = null;
    const onlyQuote = quotes.length > 0 && quotes.reduce((n, q) => n + (q.close - q.open), 0) >= 0.8 * text.trim().length;

    quotes.forEach((q, qi) => {
      const sent = sentenceOf(q.open);
      let speaker = attributeAfter(q, qi) ?? attributeBefore(q, sent.start);
      if (!speaker) {
        const acc = ACCORDING_TO.exec(mtext.slice(sent.start, sentenceOf(Math.max(q.open, q.end - 1)).end));
        if (acc) speaker = resolveNamed(pi, acc[1]!, sent.start + acc.index);
      }
      if (!speaker && prevInPara) speaker = prevInPara;
      if (!speaker && qi === 0 && q.open <= 1 && (lastQuoteRanOn || onlyQuote)) speaker = lastQuoteSpeaker;
      if (speaker) prevInPara = speaker;

      // A fragment quoted inside a sentence reads best with the sentence around it.
      const lastSent = sentenceOf(Math.max(q.open, q.end - 1));
      const before = text.slice(sent.start, q.open).trim();
      const fragment = before.length > 0 && !/[:]$/.test(before) || /^\p{Ll}/u.test(text.slice(q.start, q.start + 1)) && before.length > 0;
      const [start, end] = fragment ? [sent.start, lastSent.end] : [q.start, q.end];
      for (const s of sentences) if (s.start < Math.max(end, q.close) && s.end > Math.min(start, q.open)) covered.add(s.start);
      units.push({
        kind: "quote",
        start: para.start + start,
        end: para.start + end,
        text: text.slice(start, end),
        speaker: speaker?.name ?? null,
        role: speaker?.role ?? null,
        quote: text.slice(q.start, q.end),
      });
    });
    if (quotes.length) {
      const lq = units[units.length - 1]!;
      lastQuoteSpeaker = lq.speaker ? { name: lq.speaker, role: lq.role } : null;
      lastQuoteRanOn = quotes[quotes.length - 1]!.runsOn;
    } else {
      lastQuoteRanOn = false;
    }

    for (const s of sentences) {
      if (covered.has(s.start)) continue;
      const speaker = reportedSpeaker(s.start, s.end);
      const textStart = speaker?.from ?? s.start;
      units.push({
        kind: speaker ? "statement" : "passage",
        start: para.start + textStart,
        end: para.start + s.end,
        text: text.slice(textStart, s.end),
        speaker: speaker?.name ?? null,
        role: speaker?.role ?? null,
        quote: null,
      });
    }
    units.sort((a, b) => a.start - b.start);
    out.push({ paragraph: para, units });

    function attributeAfter(q: QuoteSpan, qi: number): Speaker | null {
      if (q.runsOn) return null;
      const nextOpen = quotes[qi + 1]?.open ?? text.length;
      const tail = mtext.slice(q.close + 1, nextOpen);
      const sv = AFTER_SUBJECT_VERB.exec(tail);
      if (sv) {
        const subj = sv[1]!;
        if (subj.split(/\s+/).length <= 6) {
          const r = resolveNamed(pi, subj, q.close);
          if (r) return r;
        }
      }
      const vs = AFTER_VERB_SUBJECT.exec(tail);
      if (vs) {
        const r = resolveNamed(pi, vs[1]!, q.close);
        if (r) {
          const roleEnd = q.close + 1 + vs.index + vs[0].length;
          const appositive = roleAfter(mtext, roleEnd);
          return appositive && !r.role ? { ...r, role: appositive } : r;
        }
      }
      return null;
    }

    function attributeBefore(q: QuoteSpan, sentStart: number): Speaker | null {
      const prefix = mtext.slice(sentStart, q.open);
      const best = bestSubject(findSpeechVerbs(prefix).reverse(), sentStart);
      return best ? { name: best.name, role: best.role } : null;
    }

    /** Of several speech verbs, a named subject beats one reached through a pronoun. */
    function bestSubject(hits: VerbHit[], base: number): (Resolved & { hit: VerbHit }) | null {
      let fallback: (Resolved & { hit: VerbHit }) | null = null;
      for (const hit of hits) {
        const r = hit.participle ? firstMention(base, base + hit.index) : resolveSubject(pi, base, base + hit.index);
        if (!r) continue;
        if (!r.viaPronoun) return { ...r, hit };
        fallback ??= { ...r, hit };
      }
      return fallback;
    }

    function firstMention(from: number, to: number): Resolved | null {
      const m = mentions[pi]!.find((x) => x.pos >= from && x.pos < to);
      return m ? { ...speakerFor(m.name), viaPronoun: false } : null;
    }

    /** Reported speech without quote marks: "the Kremlin said the two sides had moved closer". */
    function reportedSpeaker(start: number, end: number): (Speaker & { from: number }) | null {
      const sentence = mtext.slice(start, end);
      const best = bestSubject(findSpeechVerbs(sentence), start);
      if (!best) return null;
      // Start the statement at its own clause when it follows ", and" / "; ".
      const head = sentence.slice(0, best.hit.index);
      const clause = /(?:,\s+(?:and|but|while)\s+|;\s+)(?=[^,;]*$)/.exec(head);
      const from = clause && !best.hit.participle ? start + clause.index + clause[0].length : start;
      return { name: best.name, role: best.role, from };
    }
  });
  return out;
}
