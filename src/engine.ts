import { analyzeQuestion } from "./answer/analysis.js";
import { answerQuestion, DEFAULT_TOP } from "./answer/answer.js";
import { speakerMatches } from "./answer/intent.js";
import { validateQuestion } from "./answer/question.js";
import { candidateQuestions } from "./answer/suggest.js";
import type { Answer, Source } from "./answer/types.js";
import { CorpusError } from "./corpus/load.js";
import { addArticle, removeArticle, safeArticleName, type AddOptions } from "./corpus/manage.js";
import { EmbedBatcher, type BatcherOptions } from "./embed/batcher.js";
import type { Embedder } from "./embed/embedder.js";
import { secondLane } from "./embed/second-lane.js";
import type { AddedFromUrl, IngestOptions } from "./ingest/ingest.js";
import type { BuildOptions, BuildSummary } from "./index/build.js";
import { checkFreshness } from "./index/freshness.js";
import { loadIndex } from "./index/load.js";
import type { ArticleRecord } from "./index/schema.js";
import { IndexError, readManifest } from "./index/store.js";
import type { Retrieval } from "./retrieval/index.js";
import { loadStory, type Story } from "./story/story.js";
import { filterTimeline, timelineOf, type TimelineEvent, type TimelineFilter } from "./story/timeline.js";
import { whatsNew, type WhatsNew } from "./story/whatsnew.js";
import { warmUpTaggers } from "./text/warm.js";

export interface EngineOptions {
  corpusDir: string;
  indexDir: string;
  embedder: Embedder;
  /** Progress and warnings; never the answer itself. */
  log?: (line: string) => void;
  onProgress?: (done: number, total: number) => void;
  /** Adding articles from links: ALLOW_PRIVATE_URLS, the fetch timeout (see src/ingest/config.ts). */
  ingest?: IngestOptions;
  /** How questions asked at the same time share model calls; false embeds each on its own. */
  questionBatching?: BatcherOptions | false;
  /**
   * Worker threads with their own copy of the model, embedding questions asked together alongside
   * the main thread (0 or 1; only for a model that declares `worker`). Default: EMBED_WORKERS.
   */
  embedWorkers?: number;
  /** The memory budget (MB) the second lane must fit in when it would start; null or unset: none. */
  laneBudgetMb?: number | null;
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
  /** The fullest spelling ("Carl Brandt" over "Brandt"), the most used among equals. */
  name: string;
  role: string | null;
  /** Quotes and statements attributed to them. */
  count: number;
  /** Of `count`, the quotes (words in quote marks); the rest are reported statements. */
  quotes: number;
  spellings: string[];
  /** Publication dates (yyyy-mm-dd) of the first and last articles that quote them, when known. */
  firstDate: string | null;
  lastDate: string | null;
}

export type ParagraphLookup =
  | {
      ok: true;
      /** title: the article's, or one made from its text (displayTitle). */
      article: { file: string; title: string | null; outlet: string | null; url: string | null; published: string | null };
      paragraph: number;
      text: string;
    }
  | { ok: false; reason: "unknown-article" | "unknown-paragraph" };

export interface Suggestions {
  /** Questions the corpus answers (each was asked and answered). */
  questions: string[];
  /** The most quoted people and organisations. */
  people: { name: string; count: number }[];
}

/** The builder is loaded only when an index has to be (re)built: answering from a fresh one never needs it. */
async function buildIndex(opts: BuildOptions): Promise<BuildSummary> {
  return (await import("./index/build.js")).buildIndex(opts);
}

/**
 * Questions of the main kinds, asked once and thrown away by `warmUp`. No story's words: only what
 * makes the answer code run each of its parts.
 */
const WARM_UP_QUESTIONS = ["What was said about it?", "How long did it last?", "When and where did it happen?", "How many were there?", "Who said it?"];

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
  private reloading: Promise<boolean> | null = null;
  /** Questions asked at the same time are embedded in one model call. */
  private readonly questionEmbedder: EmbedBatcher | null;
  private suggestionCache: Promise<Suggestions> | null = null;
  private titleCache: Map<string, string> | null = null;

  private constructor(
    private index: Retrieval,
    private story: Story,
    readonly embedder: Embedder,
    private readonly opts: EngineOptions,
  ) {
    this.questionEmbedder = opts.questionBatching === false ? null : new EmbedBatcher(embedder, { secondLane: secondLane(embedder, opts), log: opts.log, ...opts.questionBatching });
  }

  /** Opens the index, building it first when it is missing, stale, damaged or from another model. */
  static async open(opts: EngineOptions): Promise<Engine> {
    const log = opts.log ?? (() => {});
    const story = await loadStory(opts.corpusDir, log);
    const fresh = await checkFreshness(opts.corpusDir, opts.indexDir, opts.embedder.id, story);
    // The first build and a rebuild of a damaged index: both in two lanes when the machine allows.
    const build: BuildOptions = { corpusDir: opts.corpusDir, indexDir: opts.indexDir, embedder: opts.embedder, onProgress: opts.onProgress, secondLane: secondLane(opts.embedder, opts), log };
    if (!fresh.fresh) {
      if (fresh.reason) log(`dossier: ${fresh.reason} Building the index at ${opts.indexDir}…`);
      const summary = await buildIndex(build);
      for (const w of summary.warnings) log(`dossier: skipped ${w.file}: ${w.reason}`);
    }
    let index: Retrieval;
    try {
      index = await loadIndex(opts.indexDir, opts.embedder.id);
    } catch (err) {
      if (!(err instanceof IndexError) || err.kind === "not-a-folder") throw err;
      log(`dossier: ${err.message} Rebuilding…`);
      await buildIndex({ ...build, force: true });
      index = await loadIndex(opts.indexDir, opts.embedder.id);
    }
    return new Engine(index, story, opts.embedder, opts);
  }

  async ask(rawQuestion: string, top = DEFAULT_TOP): Promise<Answer> {
    const question = validateQuestion(rawQuestion);
    const info = analyzeQuestion(question, this.index, this.story);
    const text = info.embedText;
    const vector = this.questionEmbedder ? await this.questionEmbedder.embed(text) : (await this.embedder.embed([text]))[0]!;
    const answer = answerQuestion({ retrieval: this.index, story: this.story }, question, vector, top, info);
    // Every cited article gets a readable title, so the terminal, the bot and stored answers show the same.
    const titled = (items: Answer["items"]) => items.map((i) => ({ ...i, sources: i.sources.map((s) => this.titled(s)) }));
    return { ...answer, items: titled(answer.items), ...(answer.nearest ? { nearest: titled(answer.nearest) } : {}) };
  }

  /**
   * Runs the taggers on a fixed sentence (`warmUpTaggers`) and asks a few questions of the main
   * kinds, throwing the answers away, so that the first askers do not pay for the model's first
   * call and for what the answer code loads or compiles on first use (chrono's patterns, entity
   * models, WordNet): on the seed corpus here the first question took about 0.3 to 0.5 s and the
   * first "how long" question 0.5 to 0.85 s, against 20 to 60 ms once warm. Resolves to the time it
   * took, in ms.
   */
  async warmUp(): Promise<number> {
    const t = performance.now();
    warmUpTaggers();
    for (const q of WARM_UP_QUESTIONS) await this.ask(q);
    return performance.now() - t;
  }

  /** Model calls (in both lanes), texts embedded and second-lane calls for questions so far (benchmarks); null when batching is off. */
  get questionEmbedding(): { calls: number; texts: number; secondLaneCalls: number } | null {
    return this.questionEmbedder ? { ...this.questionEmbedder.stats } : null;
  }

  /** Stops the second model lane's worker, if one was started, and closes the index. */
  async close(): Promise<void> {
    await this.questionEmbedder?.close();
    this.index.close();
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
  addArticle(name: string, bytes: Buffer, opts: AddOptions = {}) {
    return addArticle(this.opts.corpusDir, name, bytes, opts);
  }

  /**
   * Fetches a link (safely: public http(s) addresses only unless allowed, redirects re-checked,
   * size, time and content-type limits), reads the article out of the page and saves it into the
   * corpus folder as Markdown with front matter. The same link again rewrites its file. Answered
   * from after the next reindex. Refusals are IngestErrors whose `code` says why.
   */
  addArticleFromUrl(url: string): Promise<AddedFromUrl> {
    return Engine.addArticleFromUrl(this.opts.corpusDir, url, this.opts.ingest);
  }

  /** The same without an open engine (no model, no index), for `npm run add`. */
  static addArticleFromUrl(corpusDir: string, url: string, opts: IngestOptions = {}): Promise<AddedFromUrl> {
    // Fetching and reading pages is loaded on first use, not at every start.
    return import("./ingest/ingest.js").then((m) => m.addArticleFromUrl(corpusDir, url, opts));
  }

  /** Moves an article out of the corpus (kept in corpus/.removed/); gone after the next reindex. */
  removeArticle(name: string) {
    return removeArticle(this.opts.corpusDir, name);
  }

  /**
   * Every quote and reported statement whose speaker matches `name` (case-insensitive, partial,
   * every spelling merged into one speaker, organisations via roles and the story's aliases).
   * Quotes first, then reported speech; reading order within each.
   */
  quotesBy(name: string): QuoteEntry[] {
    const wanted = name.trim().toLowerCase();
    if (!wanted) return [];
    const out: QuoteEntry[] = [];
    const seen = new Set<string>();
    for (const s of this.index.speakers()) {
      const hay = `${s.name} ${s.spellings.join(" ")} ${s.role ?? ""}`.toLowerCase();
      if (!hay.includes(wanted) && !speakerMatches(name, s, this.story.aliases)) continue;
      for (const u of this.index.unitsOfSpeaker(s.key)) {
        if (u.kind === "passage" || seen.has(u.textKey)) continue;
        seen.add(u.textKey);
        const sources = this.index.sourcesFor(u).map((src) => ({ ...src, title: src.title ?? this.displayTitle(src.article) }));
        out.push({ text: u.quote ?? u.text, kind: u.kind, speaker: s.name, role: s.role, sources });
      }
    }
    return [...out.filter((q) => q.kind === "quote"), ...out.filter((q) => q.kind === "statement")];
  }

  /** Distinct speakers, most quoted first; spellings of one person are merged when the index is built. */
  speakers(): SpeakerSummary[] {
    return this.index.speakers().map((s) => ({ name: s.name, role: s.role, count: s.quotes + s.statements, quotes: s.quotes, spellings: s.spellings, firstDate: s.firstDate, lastDate: s.lastDate }));
  }

  /**
   * The story's timeline: dated events across the articles, oldest first, each with the sentence
   * that reports it and every article that reports it, each once (src/story/timeline.ts says what
   * counts as an event). Built on first use per loaded index (about a second for 35 articles);
   * `filter` keeps a span of days or the events about some words.
   */
  timeline(filter: TimelineFilter = {}): TimelineEvent[] {
    return filterTimeline(timelineOf(this.index), filter).map((e) => ({ ...e, sources: e.sources.map((s) => this.titled(s)) }));
  }

  /**
   * What the articles published on or after `since` (yyyy-mm-dd) add: their sentences that no
   * earlier article had reported, near-duplicates included (src/story/whatsnew.ts).
   */
  whatsNew(since: string): WhatsNew {
    const news = whatsNew(this.index, since);
    return { ...news, articles: news.articles.map((a) => ({ ...a, title: a.title ?? this.displayTitle(a.file) })), items: news.items.map((i) => ({ ...i, sources: i.sources.map((s) => this.titled(s)) })) };
  }

  /** A citation with a title to show: the article's, or one made from its text. */
  private titled(s: Source): Source {
    return s.title ? s : { ...s, title: this.displayTitle(s.article) };
  }

  /** One paragraph of an indexed article, numbered and worded as answers cite it. */
  async paragraph(article: string, paragraphNo: number): Promise<ParagraphLookup> {
    const a = this.index.articles.find((x) => x.file === article);
    if (!a) return { ok: false, reason: "unknown-article" };
    const p = this.index.paragraph(a.id, paragraphNo);
    if (!p) return { ok: false, reason: "unknown-paragraph" };
    return { ok: true, article: { file: a.file, title: this.displayTitle(a.file), outlet: a.outlet, url: a.url, published: a.published }, paragraph: p.number, text: p.text };
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
   * dateline such as "LISBON/WASHINGTON -"), never the file name. Null for an unknown file.
   */
  displayTitle(file: string): string | null {
    const a = this.index.articles.find((x) => x.file === file);
    if (!a) return null;
    if (a.title) return a.title;
    this.titleCache ??= new Map();
    const cached = this.titleCache.get(file);
    if (cached) return cached;
    const first = this.index.leadUnits(a.id, 1)[0];
    const sentence = (first?.text ?? "").replace(/^[\p{Lu}\p{N}/ ,.'-]{3,}\s[-–—:]\s+/u, "").trim();
    const title = sentence ? shortenAtWord(sentence, 90) : a.outlet ?? "Untitled article";
    this.titleCache.set(file, title);
    return title;
  }

  /** The stored file name for a name as uploaded ("Lisbon Round.md") or as stored; null when it is neither. */
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
      await this.reloading?.catch(() => {});
      const summary = await buildIndex({ corpusDir: this.opts.corpusDir, indexDir: this.opts.indexDir, embedder: this.embedder, onProgress });
      await this.swapIn();
      return summary;
    })();
    try {
      return await this.reindexing;
    } finally {
      this.reindexing = null;
    }
  }

  /**
   * Loads the index on disk when it is newer than the one in use, because another process built
   * it (another process of a sharded bot after its /reindex, or `npm run index`). Never builds.
   * Resolves true when a new index was swapped in, false when the one in use is current or this
   * engine is reindexing (its own build ends by loading the latest). A damaged or missing index on
   * disk is an IndexError and the index in use stays.
   */
  async reload(): Promise<boolean> {
    if (this.reindexing) return false;
    this.reloading ??= (async () => {
      const { manifest } = await readManifest(this.opts.indexDir);
      if (manifest.builtAt === this.index.manifest.builtAt) return false;
      await this.swapIn();
      return true;
    })().finally(() => (this.reloading = null));
    return this.reloading;
  }

  /** Loads the current index generation and the story, then answers from them at once. */
  private async swapIn(): Promise<void> {
    const story = await loadStory(this.opts.corpusDir, this.opts.log);
    const next = await loadIndex(this.opts.indexDir, this.embedder.id);
    const old = this.index;
    this.index = next;
    this.story = story;
    this.suggestionCache = null;
    this.titleCache = null;
    old.close();
  }
}

function shortenAtWord(text: string, max: number): string {
  if (text.length <= max) return text.replace(/[.!?]$/, "");
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, "")}…`;
}

export { CorpusError, IndexError };
export { IngestError, type IngestErrorCode } from "./ingest/errors.js";
