import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/engine.js";
import { FakeDiscord, shardOf, type FakeMessage } from "../../src/fake-discord/server.js";
import { isEdit, newUser, startTestBot, type TestBot } from "../helpers/bot.js";
import { ROOT, TSX, runCli } from "../helpers/cli.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { realModel } from "../helpers/model.js";

/** Two servers that Discord's rule ((guild_id >> 22) % 2) puts on different shards. */
function twoServers(fake: FakeDiscord) {
  const a = fake.addGuild({ name: "Shard zero", shard: 0 });
  const b = fake.addGuild({ name: "Shard one", shard: 1 });
  expect([shardOf(a.guildId, 2), shardOf(b.guildId, 2)]).toEqual([0, 1]);
  return { a, b };
}

/** The shards ([id, count]) that an interaction or message was sent to over the gateway. */
const sentTo = (fake: FakeDiscord, t: string, id: string) => fake.deliveries.filter((d) => d.t === t && d.id === id).map((d) => d.shard);

const description = (m: FakeMessage) => String(m.embeds[0]?.description ?? m.content);

describe("two shards in one process (discord.js internal sharding)", () => {
  let fake: FakeDiscord;
  let tb: TestBot;
  let servers: ReturnType<typeof twoServers>;

  beforeAll(async () => {
    // Discord recommends 2 shards; both may identify at once (max_concurrency 2).
    fake = await new FakeDiscord({ shards: 2, maxConcurrency: 2 }).start();
    servers = twoServers(fake);
    const engine = await Engine.open({ corpusDir: corpusCopy(), indexDir: path.join(tempDir(), "index"), embedder: await realModel() });
    tb = await startTestBot(fake, engine); // DISCORD_SHARDS=auto
  });

  afterAll(async () => {
    await tb?.stop();
    await fake?.stop();
  });

  it("connects the shards Discord recommends and is ready only once both are", () => {
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.connectedShards()).toEqual([0, 1]);
    expect(fake.identifyTooSoon).toBe(0);
    const ready = tb.logs.map((l) => JSON.parse(l)).find((l) => l.msg === "ready");
    expect(ready).toMatchObject({ shards: [0, 1], shardCount: 2 });
    // discord.js sees each server on the shard Discord sent it over.
    const guilds = tb.bot.client.guilds.cache;
    expect([guilds.get(servers.a.guildId)?.shardId, guilds.get(servers.b.guildId)?.shardId]).toEqual([0, 1]);
  });

  it("answers /ask in each server over that server's shard", async () => {
    const user = newUser();
    const inA = fake.slash(user, "ask", { question: "What did the Kremlin say?" }, { channelId: servers.a.channelId });
    const inB = fake.slash(user, "ask", { question: "How long did Witkoff and Putin meet?" }, { channelId: servers.b.channelId });
    const [ra, rb] = await Promise.all([fake.settled(inA.token), fake.settled(inB.token)]);
    expect(description(ra)).toContain("Yuri Ushakov");
    expect(ra.channel_id).toBe(servers.a.channelId);
    expect(description(rb)).toMatch(/hours/);
    expect(rb.channel_id).toBe(servers.b.channelId);
    // Each interaction went to its server's shard only, and only that connection could answer it.
    expect(sentTo(fake, "INTERACTION_CREATE", inA.id)).toEqual([[0, 2]]);
    expect(sentTo(fake, "INTERACTION_CREATE", inB.id)).toEqual([[1, 2]]);
  });

  it("answers an @mention in the second shard's server", async () => {
    const asked = fake.post(newUser(), `<@${fake.botUser.id}> What did the Kremlin say?`, { mentionBot: true, channelId: servers.b.channelId });
    const reply = await fake.waitFor((c) => c.body?.message_reference?.message_id === asked);
    expect(reply.path).toBe(`/channels/${servers.b.channelId}/messages`);
    expect(reply.body.embeds[0].description).toContain("Yuri Ushakov");
    expect(sentTo(fake, "MESSAGE_CREATE", asked)).toEqual([[1, 2]]);
    // Messages are not kept in memory (discord.js would keep 200 per channel of every server).
    const channel = tb.bot.client.channels.cache.get(servers.b.channelId);
    expect(channel && "messages" in channel ? channel.messages.cache.size : -1).toBe(0);
  });
});

const LATE_ARTICLE = `---
title: Harbour pilots end their strike
outlet: The Harbour Post
---
The harbour pilots' union ended its strike on Thursday. "The harbour reopens to tankers at dawn on Friday," union spokeswoman Maria Keller said.
`;

describe("two processes through discord.js's ShardingManager, one shard each", () => {
  let fake: FakeDiscord;
  let servers: ReturnType<typeof twoServers>;
  let corpus: string;
  let child: ChildProcess;
  let out = "";
  let exited: Promise<number | null>;
  const logs = () =>
    out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, any>);
  const moderator = { permissions: String(1 << 5) };

  beforeAll(async () => {
    fake = await new FakeDiscord({ shards: 2, maxConcurrency: 2 }).start();
    servers = twoServers(fake);
    corpus = corpusCopy();
    const indexDir = path.join(tempDir(), "index");
    await runCli("src/cli/index-cmd.ts", ["--corpus", corpus, "--index", indexDir]);
    child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "src/bot/main.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_SHARDS: "2",
        DISCORD_SHARDS_PER_PROCESS: "1",
        // The moderator log is in the server of shard 1, which the process of shard 0 never sees.
        MOD_LOG_CHANNEL_ID: servers.b.channelId,
        CORPUS_DIR: corpus,
        INDEX_DIR: indexDir,
        BOT_DB: path.join(tempDir(), "bot.sqlite"),
        EMBEDDING_MODEL: "use-lite",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    exited = new Promise((r) => child.on("exit", (code) => r(code)));
    for (let i = 0; i < 1200 && child.exitCode === null && !out.includes('"msg":"all shards ready"'); i++) await new Promise((r) => setTimeout(r, 100));
    if (!out.includes('"msg":"all shards ready"')) throw new Error(`the sharded bot did not get ready:\n${out}`);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await fake?.stop();
  });

  it("starts one process per shard, each ready with its own shard, engine and pid", () => {
    const ready = logs().filter((l) => l.msg === "ready");
    expect(ready.map((l) => l.shards).sort()).toEqual([[0], [1]]);
    expect(ready.every((l) => l.shardCount === 2)).toBe(true);
    expect(new Set([...ready.map((l) => l.pid), child.pid]).size).toBe(3);
    expect(logs().filter((l) => l.msg === "index loaded")).toHaveLength(2);
    expect(fake.connectedShards()).toEqual([0, 1]);
    expect(fake.identifyTooSoon).toBe(0);
  });

  it("answers /ask in each server from the process of that server's shard", async () => {
    const user = newUser();
    const inA = fake.slash(user, "ask", { question: "What did the Kremlin say?" }, { channelId: servers.a.channelId });
    const inB = fake.slash(user, "ask", { question: "What did the Kremlin say?" }, { channelId: servers.b.channelId });
    const [ra, rb] = await Promise.all([fake.settled(inA.token), fake.settled(inB.token)]);
    expect(description(ra)).toContain("Yuri Ushakov");
    expect(description(rb)).toContain("Yuri Ushakov");
    expect(sentTo(fake, "INTERACTION_CREATE", inA.id)).toEqual([[0, 2]]);
    expect(sentTo(fake, "INTERACTION_CREATE", inB.id)).toEqual([[1, 2]]);
  });

  it("/reindex in one process: the log channel on the other shard gets it, and the other process answers from the new index", async () => {
    const user = newUser();
    const before = fake.slash(user, "ask", { question: "What did Maria Keller say?" }, { channelId: servers.b.channelId });
    expect(description(await fake.settled(before.token))).not.toContain("reopens to tankers");

    writeFileSync(path.join(corpus, "harbour-pilots.md"), LATE_ARTICLE);
    const run = fake.slash(newUser(), "reindex", {}, { ...moderator, channelId: servers.a.channelId });
    const done = await fake.waitFor((c) => isEdit(run.token)(c) && /^Reindexed/.test(c.body.content ?? ""), 60_000);
    expect(done.body.content).toMatch(/Reindexed: 3 articles/);
    await fake.waitFor((c) => c.method === "POST" && c.path === `/channels/${servers.b.channelId}/messages` && /Reindex started by/.test(c.body.content));
    // The process of shard 1 hears of the new index from the manager and loads it.
    for (let i = 0; i < 100 && !logs().some((l) => l.msg === "loaded the index another process rebuilt"); i++) await new Promise((r) => setTimeout(r, 100));
    expect(logs().find((l) => l.msg === "loaded the index another process rebuilt")).toMatchObject({ shardGroup: "1", articles: 3 });

    const after = fake.slash(user, "ask", { question: "What did Maria Keller say?" }, { channelId: servers.b.channelId });
    const answer = await fake.settled(after.token);
    expect(description(answer)).toContain("The harbour reopens to tankers at dawn on Friday");
    expect(sentTo(fake, "INTERACTION_CREATE", after.id)).toEqual([[1, 2]]);
  });

  it("on SIGTERM every process finishes its reply in flight and exits, then the manager exits 0", async () => {
    const from = fake.calls.length;
    const asked = fake.post(newUser(), `<@${fake.botUser.id}> What did the Kremlin say?`, { mentionBot: true, channelId: servers.b.channelId });
    // SIGTERM once the process of shard 1 has started on the question (it shows typing).
    await fake.waitFor((c) => c.path === `/channels/${servers.b.channelId}/typing`, 20_000, from);
    child.kill("SIGTERM");
    const reply = await fake.waitFor((c) => c.body?.message_reference?.message_id === asked);
    expect(reply.body.embeds[0].description).toContain("Yuri Ushakov");
    expect(await exited).toBe(0);
    const stopped = logs().filter((l) => l.msg === "stopped");
    expect(stopped.map((l) => l.shardGroup ?? "manager").sort()).toEqual(["0", "1", "manager"]);
    expect(fake.connectedShards()).toEqual([]);
  });
});

describe("a sharded start that fails", () => {
  it("stops at the first process that cannot start: its reason, then the manager's, and exit 1", async () => {
    const fake = await new FakeDiscord({ shards: 2, maxConcurrency: 2 }).start();
    try {
      const missing = path.join(tempDir(), "no-such-corpus");
      const r = await runCli("src/bot/main.ts", [], {
        env: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_SHARDS: "auto", DISCORD_SHARDS_PER_PROCESS: "1", CORPUS_DIR: missing, INDEX_DIR: path.join(tempDir(), "index"), BOT_DB: ":memory:", LOG_LEVEL: "silent" },
      });
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^dossier: could not start: .*no-such-corpus/);
      expect(lines[1]).toBe("dossier: could not start: the bot process for shards 0 exited (code 1) before it was ready");
      // Nothing connected: the second process was never started.
      expect(fake.identifies).toEqual([]);
    } finally {
      await fake.stop();
    }
  });
});

describe("too few shards for the servers", () => {
  it("a shard that would hold more than 2,500 servers is refused with 4011: one clear error, then 'auto' connects", async () => {
    const fake = await new FakeDiscord({ shards: 2, maxConcurrency: 2 }).start();
    try {
      for (let i = 0; i < 2500; i++) fake.addGuild();
      const engine = await Engine.open({ corpusDir: corpusCopy(), indexDir: path.join(tempDir(), "index"), embedder: await realModel() });
      await expect(startTestBot(fake, engine, { shards: 1 })).rejects.toThrow(/4011 Sharding required.*DISCORD_SHARDS=auto/);
      const tb = await startTestBot(fake, engine, { shards: "auto" });
      try {
        expect(fake.connectedShards()).toEqual([0, 1]);
        expect(tb.bot.client.guilds.cache.size).toBe(2501);
      } finally {
        await tb.stop();
      }
    } finally {
      await fake.stop();
    }
  });
});
