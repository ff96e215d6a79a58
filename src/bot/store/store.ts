import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Answer } from "../../answer/types.js";
import { MIGRATIONS } from "./migrations.js";

export interface StoredAnswer {
  id: string;
  conversationId: string;
  guildId: string | null;
  channelId: string;
  userHash: string;
  /** As the user typed it. */
  question: string;
  /** As the bot read it (a follow-up with its references resolved). */
  askedAs: string;
  answer: Answer;
  messageId: string | null;
  private: boolean;
  createdAt: number;
}

export interface ConversationRef {
  id: string;
  lastActive: number;
  expired: boolean;
}

export interface FeedbackSummary {
  helpful: number;
  notHelpful: number;
  /** Answers with at least one vote. */
  rated: number;
  answers: number;
  /** Most recent first: answers whose votes are mostly "not helpful". */
  recentNotHelpful: { answerId: string; question: string; askedAs: string; reason: string; got: string[]; votes: number; at: number }[];
}

export interface CorpusChange {
  at: number;
  userName: string;
  action: string;
  detail: string;
}

export interface StoreOptions {
  /** How long a conversation can be continued after its last question. */
  conversationTtlMs: number;
  /** One line for the log when the file had to be moved aside. */
  warn?: (line: string) => void;
  now?: () => number;
}

/** Errors that mean "this file is not a usable Dossier store", as opposed to a bug or a full disk. */
const UNUSABLE = new Set(["SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_CORRUPT_VTAB", "SQLITE_CANTOPEN_ISDIR"]);

/**
 * The bot's own state in one SQLite file: conversations, answers (so buttons and follow-ups
 * resolve after a restart), feedback and the corpus change log. User ids are kept only as salted
 * hashes. A damaged or foreign file is moved aside (never deleted) and a fresh store is started.
 */
export class BotStore {
  private readonly db: Database.Database;
  private readonly salt: string;
  private readonly now: () => number;

  private constructor(
    db: Database.Database,
    private readonly opts: StoreOptions,
    /** Set when the previous file could not be used and was moved aside to this path. */
    readonly movedAside: string | null,
  ) {
    this.db = db;
    this.now = opts.now ?? Date.now;
    this.salt = this.ensureSalt();
  }

  /** Opens (or creates) the store at `file`; ":memory:" for a throwaway one. */
  static open(file: string, opts: StoreOptions): BotStore {
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    try {
      return new BotStore(openDatabase(file), opts, null);
    } catch (err) {
      const code = (err as { code?: string }).code ?? "";
      if (file === ":memory:" || !(UNUSABLE.has(code) || err instanceof ForeignStoreError)) throw err;
      const aside = `${file}.unusable-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      renameSync(file, aside);
      for (const ext of ["-wal", "-shm"]) if (existsSync(file + ext)) renameSync(file + ext, aside + ext);
      opts.warn?.(`dossier: the bot store ${file} could not be used (${(err as Error).message}); it was moved to ${aside} and a fresh store was started.`);
      return new BotStore(openDatabase(file), opts, aside);
    }
  }

  close(): void {
    this.db.close();
  }

  /** A user id as stored: salted per install, so the file alone does not say who voted. */
  hashUser(userId: string): string {
    return createHash("sha256").update(`${this.salt}:${userId}`).digest("hex").slice(0, 32);
  }

  // ---- conversations ---------------------------------------------------------------------------

  newConversation(where: { guildId: string | null; channelId: string; threadId?: string | null }): string {
    const id = newId();
    const t = this.now();
    this.db
      .prepare("INSERT INTO conversations (id, guild_id, channel_id, thread_id, created_at, last_active) VALUES (?, ?, ?, ?, ?, ?)")
      .run(id, where.guildId, where.channelId, where.threadId ?? null, t, t);
    return id;
  }

  conversation(id: string): ConversationRef | null {
    const row = this.db.prepare("SELECT id, last_active FROM conversations WHERE id = ?").get(id) as { id: string; last_active: number } | undefined;
    return row ? this.ref(row) : null;
  }

  conversationByThread(threadId: string): ConversationRef | null {
    const row = this.db.prepare("SELECT id, last_active FROM conversations WHERE thread_id = ?").get(threadId) as { id: string; last_active: number } | undefined;
    return row ? this.ref(row) : null;
  }

  /** Ties a thread to a conversation; false when the thread already belongs to another one. */
  linkThread(conversationId: string, threadId: string): boolean {
    const other = this.conversationByThread(threadId);
    if (other && other.id !== conversationId) return false;
    this.db.prepare("UPDATE conversations SET thread_id = ? WHERE id = ?").run(threadId, conversationId);
    return true;
  }

  /** Frees a thread from the (expired) conversation that had it. */
  releaseThread(threadId: string): void {
    this.db.prepare("UPDATE conversations SET thread_id = NULL WHERE thread_id = ?").run(threadId);
  }

  /** The conversation's answers, oldest first, at most `limit` of the latest. */
  turns(conversationId: string, limit = 4): StoredAnswer[] {
    const rows = this.db.prepare("SELECT * FROM answers WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?").all(conversationId, limit) as AnswerRow[];
    return rows.reverse().map(fromRow);
  }

  // ---- answers ---------------------------------------------------------------------------------

  saveAnswer(a: { conversationId: string; guildId: string | null; channelId: string; userId: string; question: string; askedAs: string; answer: Answer; private: boolean }): string {
    const id = newId();
    const t = this.now();
    const insert = this.db.transaction(() => {
      this.db
        .prepare(
          "INSERT INTO answers (id, conversation_id, guild_id, channel_id, user_hash, question, asked_as, reason, answer_json, private, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(id, a.conversationId, a.guildId, a.channelId, this.hashUser(a.userId), a.question, a.askedAs, a.answer.reason, JSON.stringify(a.answer), a.private ? 1 : 0, t);
      this.db.prepare("UPDATE conversations SET last_active = ? WHERE id = ?").run(t, a.conversationId);
    });
    // IMMEDIATE: a deferred transaction that starts reading and then writes fails at once (without
    // waiting) when another process wrote in between; taking the write lock first waits instead.
    insert.immediate();
    return id;
  }

  setAnswerMessage(answerId: string, messageId: string): void {
    this.db.prepare("UPDATE answers SET message_id = ? WHERE id = ?").run(messageId, answerId);
  }

  answer(id: string): StoredAnswer | null {
    const row = this.db.prepare("SELECT * FROM answers WHERE id = ?").get(id) as AnswerRow | undefined;
    return row ? fromRow(row) : null;
  }

  answerByMessage(messageId: string): StoredAnswer | null {
    const row = this.db.prepare("SELECT * FROM answers WHERE message_id = ?").get(messageId) as AnswerRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Did this user ask it? (Compared through the hash.) */
  isAsker(a: StoredAnswer, userId: string): boolean {
    return a.userHash === this.hashUser(userId);
  }

  // ---- feedback --------------------------------------------------------------------------------

  /** One vote per user and answer; voting again changes it. Returns the vote it replaced. */
  vote(answerId: string, userId: string, vote: 1 | -1): { previous: 1 | -1 | null } {
    const user = this.hashUser(userId);
    const prev = this.db.prepare("SELECT vote FROM feedback WHERE answer_id = ? AND user_hash = ?").get(answerId, user) as { vote: 1 | -1 } | undefined;
    this.db
      .prepare("INSERT INTO feedback (answer_id, user_hash, vote, at) VALUES (?, ?, ?, ?) ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, at = excluded.at")
      .run(answerId, user, vote, this.now());
    return { previous: prev?.vote ?? null };
  }

  votes(answerId: string): { helpful: number; notHelpful: number } {
    const row = this.db.prepare("SELECT SUM(vote = 1) AS up, SUM(vote = -1) AS down FROM feedback WHERE answer_id = ?").get(answerId) as { up: number | null; down: number | null };
    return { helpful: row.up ?? 0, notHelpful: row.down ?? 0 };
  }

  feedbackSummary(guildId: string | null, limit = 10): FeedbackSummary {
    const where = guildId ? "WHERE a.guild_id = ?" : "";
    const args = guildId ? [guildId] : [];
    const totals = this.db
      .prepare(`SELECT SUM(f.vote = 1) AS up, SUM(f.vote = -1) AS down, COUNT(DISTINCT f.answer_id) AS rated FROM feedback f JOIN answers a ON a.id = f.answer_id ${where}`)
      .get(...args) as { up: number | null; down: number | null; rated: number };
    const answers = (this.db.prepare(`SELECT COUNT(*) AS n FROM answers a ${where}`).get(...args) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT a.*, SUM(f.vote = -1) AS down, SUM(f.vote = 1) AS up, MAX(f.at) AS last FROM answers a JOIN feedback f ON f.answer_id = a.id ${where}
         GROUP BY a.id HAVING down > up ORDER BY last DESC LIMIT ?`,
      )
      .all(...args, limit) as (AnswerRow & { down: number; up: number; last: number })[];
    return {
      helpful: totals.up ?? 0,
      notHelpful: totals.down ?? 0,
      rated: totals.rated,
      answers,
      recentNotHelpful: rows.map((r) => {
        const a = fromRow(r);
        return { answerId: a.id, question: a.question, askedAs: a.askedAs, reason: a.answer.reason, got: a.answer.items.map((i) => i.text), votes: r.down, at: r.last };
      }),
    };
  }

  // ---- corpus changes --------------------------------------------------------------------------

  logCorpusChange(c: { guildId: string | null; userId: string; userName: string; action: string; detail: string }): void {
    this.db.prepare("INSERT INTO corpus_log (at, guild_id, user_hash, user_name, action, detail) VALUES (?, ?, ?, ?, ?, ?)").run(this.now(), c.guildId, this.hashUser(c.userId), c.userName, c.action, c.detail);
  }

  corpusChanges(limit = 20): CorpusChange[] {
    const rows = this.db.prepare("SELECT at, user_name, action, detail FROM corpus_log ORDER BY id DESC LIMIT ?").all(limit) as { at: number; user_name: string; action: string; detail: string }[];
    return rows.map((r) => ({ at: r.at, userName: r.user_name, action: r.action, detail: r.detail }));
  }

  // ---- upkeep ----------------------------------------------------------------------------------

  /**
   * Drops conversations idle for longer than the TTL, with their answers, except answers someone
   * voted on (kept for /feedback, moved to a conversation of their own).
   */
  purgeExpired(): number {
    const cutoff = this.now() - this.opts.conversationTtlMs;
    const run = this.db.transaction(() => {
      const stale = this.db.prepare("SELECT id FROM conversations WHERE last_active < ?").all(cutoff) as { id: string }[];
      for (const { id } of stale) {
        const kept = this.db.prepare("SELECT COUNT(*) AS n FROM answers a WHERE a.conversation_id = ? AND EXISTS (SELECT 1 FROM feedback f WHERE f.answer_id = a.id)").get(id) as { n: number };
        if (kept.n) {
          this.db.prepare("DELETE FROM answers WHERE conversation_id = ? AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.answer_id = answers.id)").run(id);
          this.db.prepare("UPDATE conversations SET thread_id = NULL WHERE id = ?").run(id);
        } else {
          this.db.prepare("DELETE FROM conversations WHERE id = ?").run(id);
        }
      }
      return stale.length;
    });
    return run.immediate();
  }

  private ref(row: { id: string; last_active: number }): ConversationRef {
    return { id: row.id, lastActive: row.last_active, expired: this.now() - row.last_active > this.opts.conversationTtlMs };
  }

  /** The first process to open a new file sets the salt; one opening it at the same time reads that one. */
  private ensureSalt(): string {
    this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)").run(randomBytes(16).toString("hex"));
    return (this.db.prepare("SELECT value FROM meta WHERE key = 'salt'").get() as { value: string }).value;
  }
}

class ForeignStoreError extends Error {}

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  try {
    // Several processes of a sharded bot write this file at once: each waits its turn for the
    // write lock (writes take milliseconds) instead of failing, from the first statement on.
    db.pragma("busy_timeout = 5000");
    walMode(db);
    db.pragma("foreign_keys = ON");
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") throw Object.assign(new Error(`integrity check: ${String(check)}`), { code: "SQLITE_CORRUPT" });
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Switches a file to WAL. On a new file that other processes are opening at the same instant the
 * switch can report SQLITE_BUSY without waiting for the busy timeout, so it is retried.
 */
function walMode(db: Database.Database): void {
  for (let attempt = 0; ; attempt++) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== "SQLITE_BUSY" || attempt >= 50) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

/**
 * Brings the schema to the latest version. The version is read and the migrations run inside one
 * write transaction (BEGIN IMMEDIATE), so when several processes open a new file at once, one
 * migrates and the others then find it done.
 */
function migrate(db: Database.Database): void {
  const run = db.transaction(() => {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > MIGRATIONS.length) throw new ForeignStoreError(`it was written by a newer Dossier (schema ${version}, this one knows ${MIGRATIONS.length})`);
    if (version === 0) {
      // A file someone else's program made: not ours to add tables to.
      const tables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (tables.n > 0) throw new ForeignStoreError("it holds tables that are not Dossier's");
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  });
  if ((db.pragma("user_version", { simple: true }) as number) !== MIGRATIONS.length) run.immediate();
  else run();
}

function newId(): string {
  return randomBytes(6).toString("base64url");
}

interface AnswerRow {
  id: string;
  conversation_id: string;
  guild_id: string | null;
  channel_id: string;
  user_hash: string;
  question: string;
  asked_as: string;
  reason: string;
  answer_json: string;
  message_id: string | null;
  private: number;
  created_at: number;
}

function fromRow(r: AnswerRow): StoredAnswer {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    guildId: r.guild_id,
    channelId: r.channel_id,
    userHash: r.user_hash,
    question: r.question,
    askedAs: r.asked_as,
    answer: JSON.parse(r.answer_json) as Answer,
    messageId: r.message_id,
    private: r.private === 1,
    createdAt: r.created_at,
  };
}
