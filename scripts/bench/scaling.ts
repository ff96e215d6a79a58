/**
 * Figures for docs/scaling.md: what a bot process costs (memory, start) with one shard, two shards
 * in one process and two processes under the ShardingManager, against the local fake Discord; and
 * what the files grow by (bot store per answer, index per paragraph).
 */
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BotStore } from "../../src/bot/store/store.js";
import type { Engine } from "../../src/engine.js";
import { FakeDiscord } from "../../src/fake-discord/server.js";

export interface BotRun {
  /** Seconds from spawning `npm start` to the last process being ready. */
  readySeconds: number;
  /** Resident memory of each bot process after answering questions, in MB (the manager's last, when there is one). */
  rssMb: number[];
  managerRssMb: number | null;
}

/** VmRSS of a live process, in MB (Linux). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

/**
 * Starts the bot as `npm start` does with the given sharding settings, waits for it to be ready,
 * asks `questions` in each server (one server per shard), then measures every process.
 */
export async function runShardedBot(opts: { shards: number; env: NodeJS.ProcessEnv; indexDir: string; questions: string[] }): Promise<BotRun> {
  const fake = await new FakeDiscord({ shards: opts.shards, maxConcurrency: opts.shards }).start();
  const channels = Array.from({ length: opts.shards }, (_, shard) => fake.addGuild({ shard }).channelId);
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/bot/main.ts"], {
    env: { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, CORPUS_DIR: "corpus", INDEX_DIR: opts.indexDir, BOT_DB: ":memory:", EMBEDDING_MODEL: "use-lite", LOG_LEVEL: "info", ...opts.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  const lines = () => out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { msg: string; pid: number; shards?: number[] });
  try {
    const readySeconds = await new Promise<number>((resolve, reject) => {
      const check = setInterval(() => {
        const ready = lines().filter((l) => l.msg === "ready");
        if (ready.flatMap((l) => l.shards ?? []).length === opts.shards) {
          clearInterval(check);
          resolve((performance.now() - t0) / 1000);
        }
      }, 20);
      child.on("exit", (code) => (clearInterval(check), reject(new Error(`bot exited with ${code} before ready:\n${out}`))));
    });
    const user = { id: "1700000000000000001", username: "bench" };
    for (const q of opts.questions) {
      const asked = channels.map((channelId) => fake.slash(user, "ask", { question: q }, { channelId, permissions: "1024" }));
      await Promise.all(asked.map((a) => fake.settled(a.token, 30_000)));
    }
    const bots = lines().filter((l) => l.msg === "ready").map((l) => l.pid);
    const managed = !bots.includes(child.pid!);
    return { readySeconds, rssMb: bots.map(rssMb), managerRssMb: managed ? rssMb(child.pid!) : null };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r(null)));
    await fake.stop();
  }
}

/** Bytes the bot store grows by per stored answer, with real answers from the engine. */
export async function storeBytesPerAnswer(engine: Engine, questions: string[], file: string, count = 2000): Promise<number> {
  const answers = await Promise.all(questions.map((q) => engine.ask(q)));
  const store = BotStore.open(file, { conversationTtlMs: 86_400_000 });
  const empty = fileBytes(file);
  for (let i = 0; i < count; i++) {
    const conv = store.newConversation({ guildId: "1200000000000000001", channelId: "1300000000000000001" });
    const a = answers[i % answers.length]!;
    const id = store.saveAnswer({ conversationId: conv, guildId: "1200000000000000001", channelId: "1300000000000000001", userId: String(1_600_000_000_000_000_000n + BigInt(i)), question: a.question, askedAs: a.question, answer: a, private: false });
    store.setAnswerMessage(id, String(1_800_000_000_000_000_000n + BigInt(i)));
  }
  store.close();
  // Fold the write-ahead log into the file, as a checkpoint does over time.
  const db = new Database(file);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return (fileBytes(file) - empty) / count;
}

function fileBytes(file: string): number {
  return ["", "-wal"].reduce((sum, ext) => sum + (statSync(file + ext, { throwIfNoEntry: false })?.size ?? 0), 0);
}

/** Sizes of the current index generation's files, by name. */
export function indexFileBytes(indexDir: string): Record<string, number> {
  const gen = path.join(indexDir, readFileSync(path.join(indexDir, "CURRENT"), "utf8").trim());
  return Object.fromEntries(readdirSync(gen).map((f) => [f, statSync(path.join(gen, f)).size]));
}

export interface ServersRun {
  servers: number;
  /** RSS once ready with one server, and with `servers` servers (one shard, every server a text channel). */
  rssMbOneServer: number;
  rssMbAllServers: number;
  /** RSS after `messages` ordinary messages (not for the bot) were posted across the servers. */
  rssMbAfterMessages: number;
  messages: number;
  readySeconds: number;
}

/**
 * What servers and the messages posted in them cost a bot process, outside the engine: discord.js
 * keeps every server, channel and role, and (with the Message Content intent) recent messages.
 */
export async function serversMemory(opts: { indexDir: string; servers: number; messages: number }): Promise<ServersRun> {
  const measure = async (servers: number, messages: number) => {
    const fake = await new FakeDiscord().start();
    const channels = [fake.channelId, ...Array.from({ length: servers - 1 }, () => fake.addGuild().channelId)];
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "src/bot/main.ts"], {
      env: { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, CORPUS_DIR: "corpus", INDEX_DIR: opts.indexDir, BOT_DB: ":memory:", EMBEDDING_MODEL: "use-lite", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    try {
      for (let i = 0; i < 1200 && !out.includes('"msg":"ready"'); i++) await new Promise((r) => setTimeout(r, 50));
      const readySeconds = (performance.now() - t0) / 1000;
      const user = { id: "1700000000000000002", username: "reader" };
      const ask = async () => {
        const { token } = fake.slash(user, "ask", { question: "What did the Kremlin say?" });
        await fake.settled(token, 30_000);
      };
      await ask();
      const atReady = rssMb(child.pid!);
      for (let i = 0; i < messages; i++) {
        fake.post(user, `An ordinary message about the talks in Geneva and Moscow, number ${i}, that is not for the bot.`, { channelId: channels[i % channels.length] });
        if (i % 500 === 499) await new Promise((r) => setTimeout(r, 20));
      }
      // Events are handled in order: once the bot answers this, it has read every message before it.
      const last = fake.post(user, `<@${fake.botUser.id}> What did the Kremlin say?`, { mentionBot: true });
      await fake.waitFor((c) => c.body?.message_reference?.message_id === last, 60_000);
      return { readySeconds, atReady, afterMessages: rssMb(child.pid!) };
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r(null)));
      await fake.stop();
    }
  };
  const one = await measure(1, 0);
  const all = await measure(opts.servers, opts.messages);
  return { servers: opts.servers, rssMbOneServer: one.atReady, rssMbAllServers: all.atReady, rssMbAfterMessages: all.afterMessages, messages: opts.messages, readySeconds: all.readySeconds };
}
