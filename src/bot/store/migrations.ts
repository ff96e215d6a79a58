/**
 * The bot's schema, one entry per version (PRAGMA user_version). A migration is only ever added,
 * never edited: a store written by version N is brought to the latest by running N+1.. in order.
 */
export const MIGRATIONS: string[] = [
  // 1: conversations, answers (so buttons resolve after a restart), feedback, corpus changes.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    guild_id TEXT,
    channel_id TEXT NOT NULL,
    thread_id TEXT UNIQUE,
    created_at INTEGER NOT NULL,
    last_active INTEGER NOT NULL
  );
  CREATE TABLE answers (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    guild_id TEXT,
    channel_id TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    question TEXT NOT NULL,
    asked_as TEXT NOT NULL,
    reason TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    message_id TEXT,
    private INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX answers_by_message ON answers(message_id);
  CREATE INDEX answers_by_conversation ON answers(conversation_id, created_at);
  CREATE TABLE feedback (
    answer_id TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    user_hash TEXT NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    at INTEGER NOT NULL,
    PRIMARY KEY (answer_id, user_hash)
  );
  CREATE TABLE corpus_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    guild_id TEXT,
    user_hash TEXT NOT NULL,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  `,
];
