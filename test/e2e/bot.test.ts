import { spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../src/bot/bot.js";
import type { BotConfig } from "../../src/bot/config.js";
import type { BotContext } from "../../src/bot/context.js";
import { createLogger } from "../../src/bot/logger.js";
import { RateLimiter } from "../../src/bot/ratelimit.js";
import { Engine } from "../../src/engine.js";
import { ROOT, TSX, runCli } from "../helpers/cli.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { realModel } from "../helpers/model.js";
import { FakeDiscord, nextId, type FakeUser, type RestCall } from "../../src/fake-discord/server.js";

const EVERYONE_ARTICLE = `---
title: Letters to the editor
outlet: Community Desk
---
Reader Jane Roe wrote in about the talks. "@everyone should read what the Kremlin said, and <@123456789012345678> too," Roe wrote.
`;

const ephemeral = (c: RestCall) => ((c.body?.data?.flags ?? c.body?.flags ?? 0) & 64) === 64;
const isCallback = (token: string) => (c: RestCall) => c.method === "POST" && c.path.includes(`/${token}/callback`);
const isEdit = (token: string) => (c: RestCall) => c.method === "PATCH" && c.path.includes(`/${token}/messages/@original`);

let fake: FakeDiscord;
let bot: Bot;
let corpus: string;
let logs: string[];
let ctx: BotContext;
let user: FakeUser;
const newUser = (): FakeUser => ({ id: nextId(), username: `reader${Math.floor(Math.random() * 1e6)}` });

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  corpus = corpusCopy({ "letters.md": EVERYONE_ARTICLE });
  const engine = await Engine.open({ corpusDir: corpus, indexDir: path.join(tempDir(), "index"), embedder: await realModel() });
  logs = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const config: BotConfig = {
    token: fake.token,
    clientId: fake.botUser.id,
    guildId: fake.guildId,
    moderatorRoleId: fake.moderatorRoleId,
    rateLimit: { questions: 5, windowMs: 30_000 },
    logLevel: "info",
    apiUrl: fake.apiUrl,
  };
  // The real engine, except that one question makes the handler throw.
  const failing = Object.create(engine) as Engine;
  failing.ask = async function (this: Engine, q: string, top?: number) {
    if (q.includes("explode")) throw new Error("boom in the engine");
    return Engine.prototype.ask.call(this, q, top);
  };
  ctx = { engine: failing, config, logger: createLogger("info", sink), rateLimiter: new RateLimiter(5, 30_000) };
  bot = await startBot(ctx);
  user = newUser();
});

afterAll(async () => {
  if (process.env.DEBUG_FAKE) {
    console.log(fake.calls.map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body).slice(0, 200)}`).join("\n"));
    console.log(logs.join(""));
  }
  await bot?.stop();
  await fake?.stop();
});

describe("Dossier against a fake Discord", () => {
  it("connects through /gateway/bot and identifies with the Message Content intent", () => {
    expect(fake.calls.some((c) => c.method === "GET" && c.path === "/gateway/bot")).toBe(true);
    expect(fake.identifies[0].token).toBe(fake.token);
    expect(fake.identifies[0].intents & (1 << 15)).toBe(1 << 15);
    expect(bot.messageContent).toBe(true);
  });

  it("/ask defers, then edits in an embed quoting Ushakov and citing the seed article", async () => {
    const { token } = fake.slash(newUser(), "ask", { question: "What did the Kremlin say?" });
    const deferred = await fake.waitFor(isCallback(token));
    expect(deferred.body.type).toBe(5);
    const edit = await fake.waitFor(isEdit(token));
    const embed = edit.body.embeds[0];
    expect(embed.title).toBe("What did the Kremlin say?");
    expect(embed.description).toMatch(/^> /);
    expect(embed.description).toContain("— **Yuri Ushakov**, Kremlin foreign policy");
    expect(embed.description).toContain("This conversation");
    const sources = embed.fields.find((f: { name: string }) => f.name === "Sources").value;
    expect(sources).toMatch(/Kremlin sees progress as Trump's envoy meets Putin\*\* — Reuters/);
    expect(embed.footer.text).toBe("Searched 3 articles");
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("says plainly when the articles don't answer, pointing to /sources", async () => {
    const { token } = fake.slash(newUser(), "ask", { question: "What is the capital of France?" });
    const edit = await fake.waitFor(isEdit(token));
    expect(edit.body.embeds ?? []).toEqual([]);
    expect(edit.body.content).toMatch(/^The articles don't say\. .*`\/sources`/);
  });

  it("refuses an over-long question with an ephemeral message, without deferring", async () => {
    const { token } = fake.slash(newUser(), "ask", { question: "why ".repeat(260) });
    const cb = await fake.waitFor(isCallback(token));
    expect(cb.body.type).toBe(4);
    expect(ephemeral(cb)).toBe(true);
    expect(cb.body.data.content).toMatch(/under 1000/);
  });

  it("replies to an @mention with the same embed, and to a bare mention with help", async () => {
    const before = fake.calls.length;
    const msgId = fake.post(user, `<@${fake.botUser.id}> what did Trump say?`, true);
    const reply = await fake.waitFor((c) => c.method === "POST" && c.path.endsWith("/messages") && c.body?.message_reference?.message_id === msgId, 20_000, before);
    expect(reply.body.embeds[0].title).toBe("what did Trump say?");
    expect(reply.body.embeds[0].description).toContain("**Donald Trump**");
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const bareId = fake.post(user, `<@${fake.botUser.id}>`, true);
    const help = await fake.waitFor((c) => c.body?.message_reference?.message_id === bareId);
    expect(help.body.embeds[0].description).toContain("/ask question:");

    // Messages that do not mention the bot are left alone.
    const ignoredId = fake.post(user, "what did Trump say?", false);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.some((c) => c.body?.message_reference?.message_id === ignoredId)).toBe(false);
  });

  it("/quotes speaker:kremlin lists Ushakov's quotes; Next pages, and only for the asker", async () => {
    const asker = newUser();
    const { token } = fake.slash(asker, "quotes", { speaker: "kremlin" });
    const cb = await fake.waitFor(isCallback(token));
    expect(cb.body.type).toBe(4);
    const page1 = cb.body.data;
    expect(page1.embeds[0].description).toContain("**Yuri Ushakov**");
    expect(page1.embeds[0].footer.text).toMatch(/^Page 1 of 2 · 4 quotes$/);
    const [prev, next] = page1.components[0].components;
    expect(prev.disabled).toBe(true);
    expect(next.label).toBe("Next");

    const message = fake.original(token)!;
    const stranger = fake.click(newUser(), message, next.custom_id);
    const refused = await fake.waitFor(isCallback(stranger.token));
    expect(refused.body.type).toBe(4);
    expect(ephemeral(refused)).toBe(true);

    const click = fake.click(asker, message, next.custom_id);
    const update = await fake.waitFor(isCallback(click.token));
    expect(update.body.type).toBe(7);
    expect(update.body.data.embeds[0].footer.text).toMatch(/^Page 2 of 2/);
    expect(update.body.data.embeds[0].description).not.toBe(page1.embeds[0].description);
  });

  it("/sources lists the indexed articles", async () => {
    const { token } = fake.slash(user, "sources");
    const cb = await fake.waitFor(isCallback(token));
    const embed = cb.body.data.embeds[0];
    expect(embed.title).toBe("3 indexed articles");
    expect(embed.description).toContain("Kremlin sees progress as Trump's envoy meets Putin");
    expect(embed.description).toMatch(/Reuters · \d+ paragraphs · \d+ quotes/);
  });

  it("a corpus line with @everyone and a user mention pings nobody", async () => {
    const { token } = fake.slash(newUser(), "ask", { question: "What did Jane Roe write?" });
    const edit = await fake.waitFor(isEdit(token));
    expect(edit.body.embeds[0].description).toContain("@everyone should read");
    expect(edit.body.allowed_mentions.parse).toEqual([]);
  });

  it("a handler that throws after deferring shows the error id to the asker, logs it, and the next question is answered", async () => {
    const asker = newUser();
    const { token } = fake.slash(asker, "ask", { question: "please explode" });
    expect((await fake.waitFor(isCallback(token))).body.type).toBe(5);
    const shown = await fake.settled(token);
    // What the asker sees once the handler has given up: the error, in place of "thinking…".
    await new Promise((r) => setTimeout(r, 200));
    const visible = fake.visibleTo(asker.id).filter((m) => m.content.includes("Something went wrong"));
    expect(visible).toHaveLength(1);
    expect(fake.original(token)?.content).toBe(shown.content);
    const id = /error ([0-9a-f]{8})/.exec(visible[0]!.content)![1]!;
    expect(logs.some((l) => l.includes(id) && l.includes("boom in the engine"))).toBe(true);

    const next = fake.slash(asker, "ask", { question: "How long did Witkoff and Putin meet?" });
    const edit = await fake.waitFor(isEdit(next.token));
    expect(edit.body.embeds[0].description).toContain("three hours");
  });

  it("answers the sixth quick question with the rate-limit notice", async () => {
    const quick = newUser();
    const tokens = Array.from({ length: 6 }, (_, i) => fake.slash(quick, "ask", { question: `Who met Putin? (${i})` }).token);
    const callbacks = await Promise.all(tokens.map((t) => fake.waitFor(isCallback(t))));
    expect(callbacks.slice(0, 5).map((c) => c.body.type)).toEqual([5, 5, 5, 5, 5]);
    expect(callbacks[5]!.body.type).toBe(4);
    expect(ephemeral(callbacks[5]!)).toBe(true);
    expect(callbacks[5]!.body.data.content).toMatch(/faster than I can keep up/);
  });

  it("/reindex: refused for a non-moderator; a moderator's runs while questions are answered", async () => {
    const member = fake.slash(newUser(), "reindex", {}, { permissions: "1024" });
    const refused = await fake.waitFor(isCallback(member.token));
    expect(ephemeral(refused)).toBe(true);
    expect(refused.body.data.content).toMatch(/Only moderators/);

    // A moderator adds a long article (so the reindex takes a while) through /corpus add.
    const para = "Negotiators met again in Geneva to discuss a ceasefire along the front line.";
    const geneva = fake.attachment("Geneva Round.md", `---\ntitle: Geneva round\noutlet: Wire\n---\n${Array.from({ length: 150 }, (_, i) => `${para} Round ${i} ended late.`).join("\n\n")}\n`);
    const add = fake.subcommand(newUser(), "corpus", "add", { file: geneva }, { permissions: String(1 << 5) });
    const added = await fake.waitFor(isEdit(add.token));
    expect(added.body.content).toBe("Added `geneva-round.md` (“Geneva round”). Run `/reindex` to answer from it.");
    expect(readdirSync(corpus)).toContain("geneva-round.md");

    const mod = fake.slash(newUser(), "reindex", {}, { roles: [fake.moderatorRoleId] });
    const started = await fake.waitFor(isCallback(mod.token));
    expect(started.body.data.content).toMatch(/^Reindexing/);
    expect(ephemeral(started)).toBe(true);

    const again = fake.slash(newUser(), "reindex", {}, { permissions: String(1 << 5) });
    const busy = await fake.waitFor(isCallback(again.token));
    expect(busy.body.data.content).toMatch(/already running/);

    const during = fake.slash(newUser(), "ask", { question: "What did the Kremlin say?" });
    const answered = await fake.waitFor(isEdit(during.token));
    const done = await fake.waitFor((c) => isEdit(mod.token)(c) && /^Reindexed/.test(c.body.content ?? ""), 60_000);
    expect(answered.at).toBeLessThan(done.at);
    expect(answered.body.embeds[0].footer.text).toBe("Searched 3 articles");
    expect(done.body.content).toMatch(/Reindexed: 4 articles/);

    const after = fake.slash(newUser(), "ask", { question: "Where did negotiators meet again?" });
    const edit = await fake.waitFor(isEdit(after.token));
    expect(edit.body.embeds[0].footer.text).toBe("Searched 4 articles");
    expect(edit.body.embeds[0].description, JSON.stringify(edit.body.embeds[0], null, 1)).toContain("Geneva");
  });
});

describe("/corpus (moderators)", () => {
  const mod = { permissions: String(1 << 5) };

  it("refuses non-moderators, and refuses files that are not articles without losing anything", async () => {
    const before = readdirSync(corpus).sort();
    const member = fake.subcommand(newUser(), "corpus", "remove", { article: "letters.md" }, { permissions: "1024" });
    const refused = await fake.waitFor(isCallback(member.token));
    expect(ephemeral(refused)).toBe(true);
    expect(refused.body.data.content).toMatch(/Only moderators/);

    const binary = fake.subcommand(newUser(), "corpus", "add", { file: fake.attachment("photo.md", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])) }, mod);
    expect((await fake.waitFor(isEdit(binary.token))).body.content).toBe("photo.md is not a text file.");
    const pdf = fake.subcommand(newUser(), "corpus", "add", { file: fake.attachment("story.pdf", "%PDF-1.4") }, mod);
    expect((await fake.waitFor(isCallback(pdf.token))).body.type).toBe(5);
    expect((await fake.waitFor(isEdit(pdf.token))).body.content).toMatch(/Only \.txt and \.md files/);
    const dup = fake.subcommand(newUser(), "corpus", "add", { file: fake.attachment("letters.md", "New text.") }, mod);
    expect((await fake.waitFor(isEdit(dup.token))).body.content).toMatch(/already in the corpus; add it with replace:true/);
    expect(readdirSync(corpus).sort()).toEqual(before);
  });

  it("removes an article into .removed/ and says how to apply it", async () => {
    writeFileSync(path.join(corpus, "old-note.md"), "An old note about the talks.\n");
    const r = fake.subcommand(newUser(), "corpus", "remove", { article: "old-note.md" }, mod);
    const cb = await fake.waitFor(isCallback(r.token));
    expect(cb.body.data.content).toMatch(/^Removed `old-note.md` from the corpus .* Run `\/reindex`/);
    expect(existsSync(path.join(corpus, "old-note.md"))).toBe(false);
    expect(readdirSync(path.join(corpus, ".removed")).some((f) => f.endsWith("old-note.md"))).toBe(true);
  });
});

describe("starting and registering", () => {
  it("without the Message Content intent, says so once and still serves slash commands", async () => {
    const f = await new FakeDiscord().start();
    f.refuseMessageContent = true;
    const lines: string[] = [];
    const sink = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
    const b = await startBot({ ...ctx, config: { ...ctx.config, token: f.token, apiUrl: f.apiUrl }, logger: createLogger("info", sink) });
    try {
      expect(b.messageContent).toBe(false);
      expect(f.identifies.map((i) => (i.intents & (1 << 15)) !== 0)).toEqual([true, false]);
      expect(lines.filter((l) => l.includes("Message Content intent is not enabled"))).toHaveLength(1);
      const { token } = f.slash(newUser(), "ask", { question: "What did Trump write?" });
      expect((await f.waitFor(isEdit(token))).body.embeds[0].description).toContain("SUCCESS");
    } finally {
      await b.stop();
      await f.stop();
    }
  });

  it("npm run register sends the command definitions to the server", async () => {
    const f = await new FakeDiscord().start();
    try {
      const r = await runCli("scripts/register-commands.ts", [], { env: { DISCORD_TOKEN: f.token, DISCORD_GUILD_ID: f.guildId, DISCORD_API_URL: f.apiUrl } });
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/Registered 6 commands \(\/ask, \/sources, \/quotes, \/reindex, \/corpus, \/help\) for server/);
      const sent = f.registered.get(`/applications/${f.botUser.id}/guilds/${f.guildId}/commands`)!;
      const byName = Object.fromEntries(sent.map((c) => [c.name, c]));
      expect(Object.keys(byName).sort()).toEqual(["ask", "corpus", "help", "quotes", "reindex", "sources"]);
      expect(byName.corpus.default_member_permissions).toBe(String(1 << 5));
      expect(byName.corpus.options.map((o: { name: string }) => o.name)).toEqual(["add", "remove"]);
      expect(byName.ask.options[0]).toMatchObject({ name: "question", type: 3, required: true, max_length: 1000 });
      expect(byName.quotes.options[0]).toMatchObject({ name: "speaker", type: 3, required: true });
      expect(byName.reindex.default_member_permissions).toBe(String(1 << 5));
    } finally {
      await f.stop();
    }
  });

  it("npm start without DISCORD_TOKEN prints one clear line and exits 1", async () => {
    const r = await runCli("src/bot/main.ts", [], { env: { DISCORD_TOKEN: "" } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual(["dossier: DISCORD_TOKEN is not set: put your bot's token in .env (see .env.example and the README's Discord setup)"]);
  });

  it("npm start answers, and on SIGTERM finishes the reply in flight and exits 0", async () => {
    const f = await new FakeDiscord().start();
    const c = corpusCopy();
    const indexDir = path.join(tempDir(), "index");
    await runCli("src/cli/index-cmd.ts", ["--corpus", c, "--index", indexDir]);
    const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "src/bot/main.ts")], {
      cwd: ROOT,
      env: { ...process.env, DISCORD_TOKEN: f.token, DISCORD_API_URL: f.apiUrl, CORPUS_DIR: c, INDEX_DIR: indexDir, EMBEDDING_MODEL: "use-lite", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    try {
      for (let i = 0; i < 200 && !out.includes('"msg":"ready"'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('"msg":"ready"');
      const { token } = f.slash(newUser(), "ask", { question: "What did the Kremlin say?" });
      await f.waitFor(isCallback(token));
      child.kill("SIGTERM");
      const edit = await f.waitFor(isEdit(token));
      expect(edit.body.embeds[0].description).toContain("Yuri Ushakov");
      expect(await exited).toBe(0);
      expect(out).toContain('"msg":"stopped"');
    } finally {
      child.kill("SIGKILL");
      await f.stop();
    }
  });
});
