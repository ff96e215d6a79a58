import { spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot } from "../../src/bot/bot.js";
import { createLogger } from "../../src/bot/logger.js";
import { Engine } from "../../src/engine.js";
import { FakeDiscord, type FakeUser } from "../../src/fake-discord/server.js";
import { buttons, ephemeral, isCallback, isEdit, newUser, sleep, startTestBot, type TestBot } from "../helpers/bot.js";
import { ROOT, TSX, runCli } from "../helpers/cli.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { realModel } from "../helpers/model.js";

const EVERYONE_ARTICLE = `---
title: Letters to the editor
outlet: Community Desk
---
Reader Jane Roe wrote in about the talks. "@everyone should read what the Kremlin said, and <@123456789012345678> too," Roe wrote.
`;

let fake: FakeDiscord;
let tb: TestBot;
let corpus: string;
let user: FakeUser;
let engineInUse: Engine;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  corpus = corpusCopy({ "letters.md": EVERYONE_ARTICLE });
  const engine = await Engine.open({ corpusDir: corpus, indexDir: path.join(tempDir(), "index"), embedder: await realModel() });
  // The real engine, except that some questions are slow (answered after a deferral) or fail after it.
  const wrapped = Object.create(engine) as Engine;
  wrapped.ask = async function (this: Engine, q: string, top?: number) {
    if (q.includes("slowly") || q.includes("explode")) await sleep(1800);
    if (q.includes("explode")) throw new Error("boom in the engine");
    return Engine.prototype.ask.call(this, q.replace(" slowly", ""), top);
  };
  engineInUse = wrapped;
  tb = await startTestBot(fake, wrapped);
  user = newUser();
});

afterAll(async () => {
  if (process.env.DEBUG_FAKE) {
    console.log(fake.calls.map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body).slice(0, 200)}`).join("\n"));
    console.log(tb.logs.join(""));
  }
  await tb?.stop();
  await fake?.stop();
});

describe("Dossier against a fake Discord", () => {
  it("connects through /gateway/bot and identifies with the Message Content intent", () => {
    expect(fake.calls.some((c) => c.method === "GET" && c.path === "/gateway/bot")).toBe(true);
    expect(fake.identifies[0].token).toBe(fake.token);
    expect(fake.identifies[0].intents & (1 << 15)).toBe(1 << 15);
    expect(tb.bot.messageContent).toBe(true);
  });

  it("/ask answers in public with grouped citations and the answer's buttons", async () => {
    const { token } = fake.slash(newUser(), "ask", { question: "What did the Kremlin say?" });
    const cb = await fake.waitFor(isCallback(token));
    expect(cb.body.type).toBe(4);
    expect(ephemeral(cb)).toBe(false);
    const embed = cb.body.data.embeds[0];
    expect(embed.title).toBe("What did the Kremlin say?");
    expect(embed.description).toMatch(/^> /m);
    expect(embed.description).toContain("— **Yuri Ushakov**, Kremlin foreign policy");
    expect(embed.description).toContain("This conversation");
    const sources = embed.fields.find((f: { name: string }) => f.name === "Sources").value;
    // Each article once, with every paragraph cited; a title from the text for the article without one.
    expect(sources).toMatch(/\*\*Kremlin sees progress as Trump's envoy meets Putin\*\* — Reuters · ¶\d+(, ¶\d+)*/);
    expect(sources).not.toMatch(/\.md/);
    expect(sources.match(/Kremlin sees progress/g)).toHaveLength(1);
    expect(embed.footer.text).toMatch(/^Searched 3 articles · items 1–3 of \d+$/);
    expect(Object.keys(buttons(cb.body.data))).toEqual(["Helpful", "Not helpful", "Show paragraph", "More", "Follow up"]);
    expect(cb.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("defers a slow answer within Discord's 3 s, then edits it in", async () => {
    const { token } = fake.slash(newUser(), "ask", { question: "How long did Witkoff and Putin meet slowly?" });
    expect((await fake.waitFor(isCallback(token))).body.type).toBe(5);
    const edit = await fake.waitFor(isEdit(token));
    expect(edit.body.embeds[0].description).toContain("three hours");
    expect(fake.original(token)?.thinking).toBe(false);
  });

  it("keeps a miss private: what is missing once, and questions the articles do answer", async () => {
    const asker = newUser();
    const { token } = fake.slash(asker, "ask", { question: "What is the capital of France?" });
    const cb = await fake.waitFor(isCallback(token));
    expect(ephemeral(cb)).toBe(true);
    const d = cb.body.data.embeds[0].description;
    expect(d.split("\n")[0]).toMatch(/^The articles (don't cover that|never mention .*)\.$/);
    expect(d).toMatch(/\*\*Questions these articles answer:\*\*\n• What did Yuri Ushakov say\?/);
    expect(d).toMatch(/\*\*Most quoted:\*\* Yuri Ushakov \(\d+\)/);
    expect(fake.visibleTo(newUser().id).some((m) => m.id === fake.original(token)!.id)).toBe(false);
  });

  it("/ask private:true answers only the asker", async () => {
    const { token } = fake.slash(newUser(), "ask", { question: "What did Trump say?", private: true });
    const cb = await fake.waitFor(isCallback(token));
    expect(ephemeral(cb)).toBe(true);
    expect(cb.body.data.embeds[0].description).toContain("**Donald Trump**");
  });

  it("refuses an over-long question with an ephemeral message", async () => {
    const { token } = fake.slash(newUser(), "ask", { question: "why ".repeat(260) });
    const cb = await fake.waitFor(isCallback(token));
    expect(cb.body.type).toBe(4);
    expect(ephemeral(cb)).toBe(true);
    expect(cb.body.data.content).toMatch(/under 1000/);
  });

  it("replies to an @mention with the same embed while typing, reacts to a miss, and helps a bare mention", async () => {
    const before = fake.calls.length;
    const msgId = fake.post(user, `<@${fake.botUser.id}> what did Trump say?`, true);
    const reply = await fake.waitFor((c) => c.method === "POST" && c.path.endsWith("/messages") && c.body?.message_reference?.message_id === msgId, 20_000, before);
    const typing = fake.calls.findIndex((c, i) => i >= before && c.path === `/channels/${fake.channelId}/typing`);
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(fake.calls.indexOf(reply));
    expect(reply.body.embeds[0].title).toBe("what did Trump say?");
    expect(reply.body.embeds[0].description).toContain("**Donald Trump**");
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const missId = fake.post(user, `<@${fake.botUser.id}> what is the capital of France?`, true);
    await fake.waitFor((c) => c.method === "PUT" && c.path.includes(`/messages/${missId}/reactions/`));
    expect(fake.messages.get(missId)!.reactions).toEqual(["🤷"]);
    expect(fake.repliesTo(missId)).toEqual([]);

    const bareId = fake.post(user, `<@${fake.botUser.id}>`, true);
    const help = await fake.waitFor((c) => c.body?.message_reference?.message_id === bareId);
    expect(help.body.embeds[0].description).toContain("/ask question:");
    // Its example names the one the corpus quotes most.
    expect(help.body.embeds[0].description).toContain(`e.g. *What did ${engineInUse.speakers()[0]!.name} say?*`);

    // Messages that do not mention the bot, and other bots, are left alone.
    const ignoredId = fake.post(user, "what did Trump say?", false);
    const botId = fake.post({ id: "1100000000000000777", username: "OtherBot", bot: true }, `<@${fake.botUser.id}> what did Trump say?`, true);
    await sleep(300);
    expect(fake.repliesTo(ignoredId)).toEqual([]);
    expect(fake.repliesTo(botId)).toEqual([]);
  });

  it("/quotes speaker:kremlin lists Ushakov's quotes; Next pages, and only for the asker", async () => {
    const asker = newUser();
    const { token } = fake.slash(asker, "quotes", { speaker: "kremlin" });
    const cb = await fake.waitFor(isCallback(token));
    expect(cb.body.type).toBe(4);
    const page1 = cb.body.data;
    expect(page1.embeds[0].description).toContain("**Yuri Ushakov**");
    expect(page1.embeds[0].footer.text).toMatch(/^Page 1 of \d+ · 4 quotes, \d+ reported statements?$/);
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
    expect(update.body.data.embeds[0].footer.text).toMatch(/^Page 2 of/);
    expect(update.body.data.embeds[0].description).not.toBe(page1.embeds[0].description);
  });

  it("/quotes finds Zelensky's reported statements, and autocompletes speakers most quoted first", async () => {
    const { token } = fake.slash(newUser(), "quotes", { speaker: "Zelensky" });
    const cb = await fake.waitFor(isCallback(token));
    expect(cb.body.data.embeds[0].description).toMatch(/\*\*Volodymyr Zelenskiy?\*\*, Ukrainian President, as reported: Ukrainian President Volodymyr Zelensky has publicly refused/);

    const ac = fake.autocomplete(newUser(), "quotes", { speaker: "" }, "speaker");
    const all = (await fake.waitFor(isCallback(ac.token))).body;
    expect(all.type).toBe(8);
    const counts = all.data.choices.map((c: { name: string }) => Number(/\((\d+)\)$/.exec(c.name)![1]));
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    expect(all.data.choices[0]).toEqual({ name: expect.stringMatching(/^Yuri Ushakov — Kremlin foreign policy (aide|adviser) \(\d+\)$/), value: "Yuri Ushakov" });

    const typed = fake.autocomplete(newUser(), "quotes", { speaker: "zelen" }, "speaker");
    const some = (await fake.waitFor(isCallback(typed.token))).body.data.choices.map((c: { value: string }) => c.value);
    // Zelensky and Zelenskiy are one speaker: one choice, under the spelling used most.
    expect(some).toEqual(["Volodymyr Zelenskiy"]);
  });

  it("/sources lists the indexed articles with titles from the text, and autocompletes one article", async () => {
    const { token } = fake.slash(user, "sources");
    const cb = await fake.waitFor(isCallback(token));
    const embed = cb.body.data.embeds[0];
    expect(embed.title).toBe("3 indexed articles");
    expect(embed.description).toContain("Kremlin sees progress as Trump's envoy meets Putin");
    expect(embed.description).toContain("**U.S. President Donald Trump's special envoy Steve Witkoff met with Russian President…**");
    expect(embed.description).toMatch(/Reuters · \d+ paragraphs · \d+ quotes/);

    const ac = fake.autocomplete(newUser(), "sources", { article: "witkoff" }, "article");
    const choices = (await fake.waitFor(isCallback(ac.token))).body.data.choices;
    expect(choices).toEqual([{ name: expect.stringContaining("witkoff-putin-talks-reuters-cgtn-gnews.md"), value: "witkoff-putin-talks-reuters-cgtn-gnews.md" }]);
    const one = fake.slash(newUser(), "sources", { article: choices[0].value });
    expect((await fake.waitFor(isCallback(one.token))).body.data.embeds[0].description).toMatch(/^Reuters\/CGTN\/gnews\.cz · \d+ paragraphs/);
  });

  it("a corpus line with @everyone and a user mention pings nobody", async () => {
    const { token } = fake.slash(newUser(), "ask", { question: "What did Jane Roe write?" });
    const cb = await fake.waitFor(isCallback(token));
    expect(cb.body.data.embeds[0].description).toContain("@everyone should read");
    expect(cb.body.data.allowed_mentions.parse).toEqual([]);
  });

  it("a handler that throws after deferring shows the error id to the asker, logs it, and the next question is answered", async () => {
    const asker = newUser();
    const { token } = fake.slash(asker, "ask", { question: "please explode" });
    expect((await fake.waitFor(isCallback(token))).body.type).toBe(5);
    const shown = await fake.settled(token);
    // What the asker sees once the handler has given up: the error, in place of "thinking…".
    await sleep(200);
    const visible = fake.visibleTo(asker.id).filter((m) => m.content.includes("Something went wrong"));
    expect(visible).toHaveLength(1);
    expect(fake.original(token)?.content).toBe(shown.content);
    const id = /error ([0-9a-f]{8})/.exec(visible[0]!.content)![1]!;
    expect(tb.logs.some((l) => l.includes(id) && l.includes("boom in the engine"))).toBe(true);
    // The interaction token reached no log line, even inside a request URL.
    expect(tb.logs.join("")).not.toContain(token);

    const next = fake.slash(asker, "ask", { question: "How long did Witkoff and Putin meet?" });
    const cb = await fake.waitFor(isCallback(next.token));
    expect(cb.body.data.embeds[0].description).toContain("three hours");
  });

  it("a request that Discord refuses is logged without the interaction token in its URL", async () => {
    fake.failCallbacks = 2; // the reply, then the error report
    const before = tb.logs.length;
    const { token } = fake.slash(newUser(), "sources");
    await fake.waitFor((c) => isCallback(token)(c) && c.body?.data?.content?.includes("Something went wrong"));
    await sleep(200);
    const lines = tb.logs.slice(before).join("");
    expect(lines).toContain("Unknown interaction");
    expect(lines).toMatch(/\/interactions\/\d+\/\[redacted\]\/callback/);
    expect(lines).not.toContain(token);
  });

  it("rate limits every kind of request: the sixth question, and browsing past its own limit", async () => {
    const quick = newUser();
    const tokens = Array.from({ length: 6 }, (_, i) => fake.slash(quick, "ask", { question: `Who met Putin? (${i})` }).token);
    const callbacks = await Promise.all(tokens.map((t) => fake.waitFor(isCallback(t))));
    expect(callbacks.slice(0, 5).every((c) => c.body.data?.embeds?.length === 1)).toBe(true);
    expect(ephemeral(callbacks[5]!)).toBe(true);
    expect(callbacks[5]!.body.data.content).toMatch(/faster than I can keep up.*at most 5 questions every 30 s/);

    const browser = newUser();
    const pages = Array.from({ length: 21 }, () => fake.slash(browser, "sources").token);
    const last = await fake.waitFor(isCallback(pages[20]!));
    expect(last.body.data.content).toMatch(/at most 20 requests every 60 s/);
  });

  it("/reindex: refused for a non-moderator; a moderator's runs while questions are answered", async () => {
    const member = fake.slash(newUser(), "reindex", {}, { permissions: "1024" });
    const refused = await fake.waitFor(isCallback(member.token));
    expect(ephemeral(refused)).toBe(true);
    expect(refused.body.data.content).toMatch(/Only moderators/);

    // A moderator adds a long article (so the reindex takes a while) through /corpus add.
    const para = "Negotiators met again in Geneva to discuss a ceasefire along the front line.";
    const geneva = fake.attachment("Geneva *Round*.md", `---\ntitle: Geneva *round*\noutlet: Wire\n---\n${Array.from({ length: 150 }, (_, i) => `${para} Round ${i} ended late.`).join("\n\n")}\n`);
    const moderator = newUser();
    const add = fake.subcommand(moderator, "corpus", "add", { file: geneva }, { permissions: String(1 << 5) });
    const added = await fake.waitFor(isEdit(add.token));
    expect(added.body.content).toBe("Added `geneva-round.md` (“Geneva \\*round\\*”). Reindex to answer from it.");
    expect(readdirSync(corpus)).toContain("geneva-round.md");
    const log = await fake.waitFor((c) => c.method === "POST" && c.path === `/channels/${fake.logChannelId}/messages` && /added `geneva-round.md`/.test(c.body.content));
    expect(log.body.content).toContain(`<@${moderator.id}>`);
    expect(log.body.allowed_mentions.parse).toEqual([]);

    // "Reindex now" on the confirmation: a moderator's button.
    const now = buttons(fake.original(add.token)!)["Reindex now"]!;
    const notMod = fake.click(newUser(), fake.original(add.token)!, now);
    expect((await fake.waitFor(isCallback(notMod.token))).body.data.content).toMatch(/Only moderators/);
    const mod = fake.click(newUser(), fake.original(add.token)!, now, { roles: [fake.moderatorRoleId] });
    const started = await fake.waitFor(isCallback(mod.token));
    expect(started.body.data.content).toMatch(/^Reindexing/);
    expect(ephemeral(started)).toBe(true);

    const again = fake.slash(newUser(), "reindex", {}, { permissions: String(1 << 5) });
    const busy = await fake.waitFor(isCallback(again.token));
    expect(busy.body.data.content).toMatch(/already running/);

    const during = fake.slash(newUser(), "ask", { question: "What did the Kremlin say?" });
    const answered = await fake.waitFor(isCallback(during.token));
    const done = await fake.waitFor((c) => isEdit(mod.token)(c) && /^Reindexed/.test(c.body.content ?? ""), 60_000);
    expect(answered.at).toBeLessThan(done.at);
    expect(answered.body.data.embeds[0].footer.text).toMatch(/^Searched 3 articles/);
    expect(done.body.content).toMatch(/Reindexed: 4 articles/);
    // Progress and the result in the moderator log.
    await fake.waitFor((c) => c.method === "PATCH" && c.path.startsWith(`/channels/${fake.logChannelId}/messages/`) && /Reindexed: 4 articles/.test(c.body.content));

    const after = fake.slash(newUser(), "ask", { question: "Where did negotiators meet again?" });
    const cb = await fake.waitFor(isCallback(after.token));
    expect(cb.body.data.embeds[0].footer.text).toMatch(/^Searched 4 articles/);
    expect(cb.body.data.embeds[0].description).toContain("Geneva");
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

  it("stops downloading a file that declares 100 bytes but serves 46 MB at the size limit", async () => {
    const liar = fake.attachment("small.md", "x".repeat(100), Buffer.alloc(46 * 1024 * 1024, 0x61));
    const r = fake.subcommand(newUser(), "corpus", "add", { file: liar }, mod);
    expect((await fake.waitFor(isEdit(r.token))).body.content).toBe("small.md is too large (larger than the 1 MB limit set by MAX_ARTICLE_BYTES).");
    await sleep(300);
    // Cut off at the cap (plus what was in flight), not downloaded in full.
    expect(fake.bytesSent(liar.id)).toBeLessThan(8 * 1024 * 1024);
    expect(existsSync(path.join(corpus, "small.md"))).toBe(false);
  });

  it("removes an article by the name it was uploaded as, or as stored, into .removed/", async () => {
    writeFileSync(path.join(corpus, "old-note.md"), "An old note about the talks.\n");
    const r = fake.subcommand(newUser(), "corpus", "remove", { article: "Old Note.md" }, mod);
    const cb = await fake.waitFor(isCallback(r.token));
    expect(cb.body.data.content).toMatch(/^Removed `old-note.md` from the corpus .* Reindex to stop answering from it/);
    expect(buttons(cb.body.data)).toHaveProperty("Reindex now");
    expect(existsSync(path.join(corpus, "old-note.md"))).toBe(false);
    expect(readdirSync(path.join(corpus, ".removed")).some((f) => f.endsWith("old-note.md"))).toBe(true);
    expect(tb.ctx.store.corpusChanges(5).map((c) => c.action)).toEqual(["remove", "add"]);

    const ac = fake.autocomplete(newUser(), "corpus", { article: "letters" }, "article", { ...mod, sub: "remove" });
    expect((await fake.waitFor(isCallback(ac.token))).body.data.choices).toEqual([{ name: "Letters to the editor (Community Desk) · letters.md", value: "letters.md" }]);
    const acMember = fake.autocomplete(newUser(), "corpus", { article: "letters" }, "article", { sub: "remove" });
    expect((await fake.waitFor(isCallback(acMember.token))).body.data.choices).toEqual([]);
  });
});

describe("starting and registering", () => {
  it("without the Message Content intent, says so once and still serves slash commands", async () => {
    const f = await new FakeDiscord().start();
    f.refuseMessageContent = true;
    const lines: string[] = [];
    const sink = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
    const b = await startBot({ ...tb.ctx, config: { ...tb.ctx.config, token: f.token, apiUrl: f.apiUrl }, logger: createLogger("info", sink) });
    try {
      expect(b.messageContent).toBe(false);
      expect(f.identifies.map((i) => (i.intents & (1 << 15)) !== 0)).toEqual([true, false]);
      expect(lines.filter((l) => l.includes("Message Content intent is not enabled"))).toHaveLength(1);
      const { token } = f.slash(newUser(), "ask", { question: "What did Trump write?" });
      expect((await f.waitFor(isCallback(token))).body.data.embeds[0].description).toContain("SUCCESS");
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
      expect(r.stdout).toMatch(/Registered 10 commands \(\/ask, \/sources, \/quotes, \/people, \/timeline, \/whatsnew, \/reindex, \/corpus, \/feedback, \/help\) for server/);
      const sent = f.registered.get(`/applications/${f.botUser.id}/guilds/${f.guildId}/commands`)!;
      const byName = Object.fromEntries(sent.map((c) => [c.name, c]));
      expect(Object.keys(byName).sort()).toEqual(["ask", "corpus", "feedback", "help", "people", "quotes", "reindex", "sources", "timeline", "whatsnew"]);
      expect(byName.whatsnew.options[0]).toMatchObject({ name: "since", type: 3, required: true });
      expect(byName.timeline.options.map((o: { name: string }) => o.name)).toEqual(["since", "until", "about"]);
      expect(byName.feedback.default_member_permissions).toBe(String(1 << 5));
      expect(byName.ask.options[1]).toMatchObject({ name: "private", type: 5 });
      expect(byName.sources.options[0]).toMatchObject({ name: "article", autocomplete: true });
      expect(byName.corpus.default_member_permissions).toBe(String(1 << 5));
      expect(byName.corpus.options.map((o: { name: string }) => o.name)).toEqual(["add", "remove"]);
      expect(byName.ask.options[0]).toMatchObject({ name: "question", type: 3, required: true, max_length: 1000 });
      expect(byName.quotes.options[0]).toMatchObject({ name: "speaker", type: 3, required: true, autocomplete: true });
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

  it("npm start warms up once connected, answers, and on SIGTERM finishes the reply in flight and exits 0", async () => {
    const f = await new FakeDiscord().start();
    const c = corpusCopy();
    const indexDir = path.join(tempDir(), "index");
    await runCli("src/cli/index-cmd.ts", ["--corpus", c, "--index", indexDir]);
    const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "src/bot/main.ts")], {
      cwd: ROOT,
      env: { ...process.env, DISCORD_TOKEN: f.token, DISCORD_API_URL: f.apiUrl, CORPUS_DIR: c, INDEX_DIR: indexDir, BOT_DB: path.join(tempDir(), "bot.sqlite"), EMBEDDING_MODEL: "use-lite", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    try {
      for (let i = 0; i < 200 && !out.includes('"msg":"ready"'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('"msg":"ready"');
      // Once connected, it asks itself a few questions so that the first askers find it warm.
      for (let i = 0; i < 200 && !out.includes('"msg":"warmed up"'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(/"ms":\d+,"msg":"warmed up"/);
      // SIGTERM once the bot has started on a question (it shows typing): the reply still goes out.
      const asked = f.post(newUser(), `<@${f.botUser.id}> What did the Kremlin say?`, true);
      await f.waitFor((c) => c.path.endsWith("/typing"));
      child.kill("SIGTERM");
      const reply = await f.waitFor((c) => c.body?.message_reference?.message_id === asked);
      expect(reply.body.embeds[0].description).toContain("Yuri Ushakov");
      expect(await exited).toBe(0);
      expect(out).toContain('"msg":"stopped"');
    } finally {
      child.kill("SIGKILL");
      await f.stop();
    }
  });
});
