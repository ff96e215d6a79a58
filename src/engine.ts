import { answerQuestion, DEFAULT_TOP, sourcesFor } from "./answer/answer.js";
import { speakerMatches } from "./answer/intent.js";
import { validateQuestion } from "./answer/question.js";
import { candidateQuestions } from "./answer/suggest.js";
import type { Answer, Source } from "./answer/types.js";
import { CorpusError, loadArticleFile } from "./corpus/load.js";
import { addArticle, removeArticle, safeArticleName } from "./corpus/manage.js";
import { splitParagraphs } from "./corpus/paragraphs.js";
import type { Embedder } from "./embed/embedder.js";
import { buildIndex, checkFreshness, type BuildSummary } from "./index/build.js";
import { loadIndex, type LoadedIndex } from "./index/load.js";
import type { ArticleRecord } from "./index/schema.js";
import { IndexError, sha256 } from "./index/store.js";

export interface EngineOptions {
  corpusDir: string;
  indexDir: string;
  embedder: Embedder;
  /** Progress and warnings; never the answer itself. */
  log?: (line: string) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface QuoteEntry {
  text: string;
  /** quote: in quote marks; statement: reported speech ("X said the talks were useful"). */
  kind: "quote" | "statement";
  speaker: string;
  role: string | null;
  sources: Source[];
}

/** A speaker as people look for them: spellings that differ only in case, punctuation or a missing first name merged. */
export interface SpeakerSummary {
  /** The fullest spelling ("Donald Trump" over "Trump"), the most used among equals. */
  name: string;
  role: string | null;
  /** Quotes and statements attributed to them. */
  count: number;
  spellings: string[];
}

export type ParagraphLookup =
  | {
      ok: true;
      /** title: the article's, or one made from its text (displayTitle). */
      article: { file: string; title: string | null; outlet: string | null; url: string | null; published: string | null };
      paragraph: number;
      text: string;
    }
  | { ok: false; reason: "unknown-article" | "unknown-paragraph" | "changed" };

export interface Suggestions {
  /** Questions the corpus answers (each was asked and answered). */
  questions: string[];
  /** The most quoted people and organisations. */
  people: { name: string; count: number }[];
}

export class ReindexInProgressError extends Error {
  constructor() {
    super("A reindex is already running.");
  }
}

/**
 * The whole engine behind one object: corpus -> index -> retrieval -> answer. The CLI and the
 * Discord bot only call it and format what it returns.
 */
export class Engine {
  private reindexing: Promise<BuildSummary> | null = null;
  private speakerCache: SpeakerSummary[] | null = null;
  private suggestionCache: Promise<Suggestions> | null = null;
  private titleCache: Map<string, string> | null = null;

  private constructor(
    private index: LoadedIndex,
    readonly embedder: Embedder,
    private readonly opts: EngineOptions,
  ) {}

  /** Opens the index, building it first when it is missing, stale, damaged or from another model. */
  static async open(opts: EngineOptions): Promise<Engine> {
    const log = opts.log ?? (() => {});
    const fresh = await checkFreshness(opts.corpusDir, opts.indexDir, opts.embedder.id);
    if (!fresh.fresh) {
      if (fresh.reason) log(`dossier: ${fresh.reason} Building the index at ${opts.indexDir}…`);
      const summary = await buildIndex({ corpusDir: opts.corpusDir, indexDir: opts.indexDir, embedder: opts.embedder, onProgress: opts.onProgress });
      for (const w of summary.warnings) log(`dossier: skipped ${w.file}: ${w.reason}`);
    }
    let index: LoadedIndex;
    try {
      index = await loadIndex(opts.indexDir, opts.embedder.id);
    } catch (err) {
      if (!(err instanceof IndexError)) throw err;
      log(`dossier: ${err.message} Rebuilding…`);
      await buildIndex({ corpusDir: opts.corpusDir, indexDir: opts.indexDir, embedder: opts.embedder, force: true, onProgress: opts.onProgress });
      index = await loadIndex(opts.indexDir, opts.embedder.id);
    }
    return new Engine(index, opts.embedder, opts);
  }

  async ask(rawQuestion: string, top = DEFAULT_TOP): Promise<Answer> {
    const question = validateQuestion(rawQuestion);
    const [vector] = await this.embedder.embed([question]);
    return answerQuestion(this.index, question, vector!, top);
  }

  get articles(): ArticleRecord[] {
    return this.index.manifest.articles;
  }

  get builtAt(): string {
    return this.index.manifest.builtAt;
  }

  get isReindexing(): boolean {
    return this.reindexing !== null;
  }

  /** Saves a new article into the corpus folder; it is answered from after the next reindex. */
  addArticle(name: string, bytes: Buffer, opts: { replace?: boolean } = {}) {
    return addArticle(this.opts.corpusDir, name, bytes, opts);
  }

  /** Moves an article out of the corpus (kept in corpus/.removed/); gone after the next reindex. */
  removeArticle(name: string) {
    return removeArticle(this.opts.corpusDir, name);
  }

  /**
   * Every quote and reported statement whose speaker or role matches `name` (case-insensitive,
   * partial, organisations via roles, and every spelling that speakers() merges under that name).
   */
  quotesBy(name: string): QuoteEntry[] {
    const wanted = name.trim().toLowerCase();
    if (!wanted) return [];
    const { meta, speakers, unitsByText } = this.index;
    const merged = new Set(this.speakers().find((s) => s.name.toLowerCase() === wanted || s.spellings.some((x) => x.toLowerCase() === wanted))?.spellings ?? []);
    const found: number[] = [];
    for (const entry of speakers.values()) {
      const hay = `${entry.speaker} ${entry.role ?? ""}`.toLowerCase();
      if (merged.has(entry.speaker) || hay.includes(wanted) || speakerMatches(name, entry.speaker, entry.role)) found.push(...entry.units);
    }
    const seen = new Set<string>();
    const out: QuoteEntry[] = [];
    // Unit ids follow the articles' reading order.
    for (const u of found.sort((a, b) => a - b)) {
      const unit = meta.units[u]!;
      if (unit.kind === "passage" || seen.has(unit.text)) continue;
      seen.add(unit.text);
      const sources = sourcesFor(this.index, unitsByText.get(unit.text) ?? [u]).map((s) => ({ ...s, title: s.title ?? this.displayTitle(s.article) }));
      out.push({ text: unit.quote ?? unit.text, kind: unit.kind, speaker: unit.speaker!, role: unit.role, sources });
    }
    // Quotes first, then reported speech; reading order within each.
    return [...out.filter((q) => q.kind === "quote"), ...out.filter((q) => q.kind === "statement")];
  }

  /**
   * Distinct speakers, most quoted first. Spellings that differ only in case or punctuation are
   * one speaker, and so is a surname used alone ("Trump") when exactly one full name ends with it.
   */
  speakers(): SpeakerSummary[] {
    if (this.speakerCache) return this.speakerCache;
    const groups = new Map<string, { spellings: Map<string, number>; roles: Map<string, number>; count: number }>();
    const norm = (s: string) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    for (const entry of this.index.speakers.values()) {
      const said = entry.units.filter((u) => this.index.meta.units[u]!.kind !== "passage").length;
      if (!said) continue;
      const key = norm(entry.speaker);
      if (!key) continue;
      const g = groups.get(key) ?? { spellings: new Map(), roles: new Map(), count: 0 };
      g.count += said;
      g.spellings.set(entry.speaker, (g.spellings.get(entry.speaker) ?? 0) + said);
      if (entry.role) g.roles.set(entry.role, (g.roles.get(entry.role) ?? 0) + said);
      groups.set(key, g);
    }
    for (const key of [...groups.keys()]) {
      if (key.includes(" ")) continue;
      const owners = [...groups.keys()].filter((k) => k.endsWith(` ${key}`));
      if (owners.length !== 1) continue;
      const into = groups.get(owners[0]!)!;
      const from = groups.get(key)!;
      into.count += from.count;
      for (const [k, v] of from.spellings) into.spellings.set(k, (into.spellings.get(k) ?? 0) + v);
      groups.delete(key);
    }
    const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]?.[0] ?? null;
    this.speakerCache = [...groups.values()]
      .map((g) => {
        // The full name names the speaker best, even when the surname alone is used more.
        const name = [...g.spellings.keys()].sort((a, b) => b.split(" ").length - a.split(" ").length || (g.spellings.get(b) ?? 0) - (g.spellings.get(a) ?? 0))[0]!;
        return { name, role: top(g.roles), count: g.count, spellings: [...g.spellings.keys()] };
      })
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    return this.speakerCache;
  }

  /**
   * One paragraph of an indexed article, numbered as answers cite it. Read from the corpus file,
   * and only when the file is still the one indexed (else "changed": numbering may differ).
   */
  async paragraph(article: string, paragraphNo: number): Promise<ParagraphLookup> {
    const record = this.articles.find((a) => a.file === article);
    if (!record) return { ok: false, reason: "unknown-article" };
    const loaded = await loadArticleFile(this.opts.corpusDir, article);
    if ("reason" in loaded || sha256(loaded.content) !== record.hash) return { ok: false, reason: "changed" };
    const p = splitParagraphs(loaded).find((x) => x.number === paragraphNo);
    if (!p) return { ok: false, reason: "unknown-paragraph" };
    const { file, outlet, url, published } = record;
    return { ok: true, article: { file, title: this.displayTitle(file), outlet, url, published }, paragraph: p.number, text: p.text };
  }

  /**
   * What to offer after a miss: up to `limit` questions that this corpus answers (built from the
   * most quoted speakers and the article titles, each checked by asking it) and the most quoted
   * people. Computed once per loaded index.
   */
  suggestions(limit = 3): Promise<Suggestions> {
    this.suggestionCache ??= (async () => {
      const speakers = this.speakers();
      const titles = this.articles.map((a) => a.title).filter((t): t is string => !!t);
      const questions: string[] = [];
      for (const q of candidateQuestions(speakers, titles)) {
        if (questions.length >= limit) break;
        const a = await this.ask(q).catch(() => null);
        if (a?.answered) questions.push(q);
      }
      return { questions, people: speakers.slice(0, 5).map((s) => ({ name: s.name, count: s.count })) };
    })();
    return this.suggestionCache;
  }

  /**
   * An article's title; for an article without one, its first sentence shortened (without a
   * dateline such as "MOSCOW/WASHINGTON -"), never the file name. Null for an unknown file.
   */
  displayTitle(file: string): string | null {
    const idx = this.articles.findIndex((a) => a.file === file);
    if (idx < 0) return null;
    const record = this.articles[idx]!;
    if (record.title) return record.title;
    this.titleCache ??= new Map();
    const cached = this.titleCache.get(file);
    if (cached) return cached;
    const { meta } = this.index;
    const first = meta.units.find((u) => meta.chunks[u.chunk]?.article === idx);
    const sentence = (first?.text ?? "").replace(/^[\p{Lu}\p{N}/ ,.'-]{3,}\s[-–—:]\s+/u, "").trim();
    const title = sentence ? shortenAtWord(sentence, 90) : record.outlet ?? "Untitled article";
    this.titleCache.set(file, title);
    return title;
  }

  /** The stored file name for a name as uploaded ("Geneva Round.md") or as stored; null when it is neither. */
  articleFileFor(name: string): string | null {
    const files = this.articles.map((a) => a.file);
    const exact = files.find((f) => f === name) ?? files.find((f) => f.toLowerCase() === name.trim().toLowerCase());
    if (exact) return exact;
    try {
      const safe = safeArticleName(name.trim());
      return files.find((f) => f === safe) ?? null;
    } catch {
      return null;
    }
  }

  /**
   * Incremental rebuild in the background of the caller; questions keep being answered from the
   * current index until the new one is loaded, then it is swapped in at once.
   */
  async reindex(onProgress?: (done: number, total: number) => void): Promise<BuildSummary> {
    if (this.reindexing) throw new ReindexInProgressError();
    this.reindexing = (async () => {
      const summary = await buildIndex({ corpusDir: this.opts.corpusDir, indexDir: this.opts.indexDir, embedder: this.embedder, onProgress });
      this.index = await loadIndex(this.opts.indexDir, this.embedder.id);
      this.speakerCache = null;
      this.suggestionCache = null;
      this.titleCache = null;
      return summary;
    })();
    try {
      return await this.reindexing;
    } finally {
      this.reindexing = null;
    }
  }
}

function shortenAtWord(text: string, max: number): string {
  if (text.length <= max) return text.replace(/[.!?]$/, "");
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, "")}…`;
}

export { CorpusError, IndexError };
