import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/engine.js";
import { FakeDiscord, type FakeMessage, type FakeUser } from "../../src/fake-discord/server.js";
import { buttons, ephemeral, isCallback, newUser, sleep, startTestBot, type TestBot } from "../helpers/bot.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { realModel } from "../helpers/model.js";

let fake: FakeDiscord;
let engine: Engine;
let tb: TestBot;
let dbPath: string;
const logs: string[] = [];
const mod = { permissions: String(1 << 5) };

/** The bot's reply in a channel or thread after a given message, once it is there. */
async function replyIn(channelId: string, after: string, timeoutMs = 20_000): Promise<FakeMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = [...fake.messages.values()].find((x) => x.channel_id === channelId && x.author.id === fake.botUser.id && BigInt(x.id) > BigInt(after) && !x.deleted);
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`no reply in ${channelId} after ${after}`);
    await sleep(20);
  }
}

/** Asks in public with /ask and returns the answer message. */
async function askPublic(asker: FakeUser, question: string): Promise<FakeMessage> {
  const { token } = fake.slash(asker, "ask", { question });
  return fake.settled(token);
}

/** Presses a button and returns the interaction's callback. */
async function press(u: FakeUser, message: FakeMessage, label: string, opts = {}) {
  const id = buttons(message)[label];
  if (!id) throw new Error(`no "${label}" button on ${JSON.stringify(message.components)}`);
  const { token } = fake.click(u, message, id, opts);
  return { token, cb: await fake.waitFor(isCallback(token)) };
}

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  engine = await Engine.open({ corpusDir: corpusCopy(), indexDir: path.join(tempDir(), "index"), embedder: await realModel() });
  dbPath = path.join(tempDir(), "bot.sqlite");
  tb = await startTestBot(fake, engine, { dbPath }, logs);
});

afterAll(async () => {
  await tb?.stop();
  await fake?.stop();
});

describe("conversations", () => {
  let answer: FakeMessage;
  let threadId: string;
  const asker = newUser();

  it("Follow up opens a thread on the answer, where a follow-up's 'it' is read from the conversation", async () => {
    answer = await askPublic(asker, "What did Trump say about the meeting?");
    expect(answer.embeds[0].description).toContain("**Donald Trump**");
    const { cb } = await press(asker, answer, "Follow up");
    expect(ephemeral(cb)).toBe(true);
    threadId = answer.thread!;
    expect(threadId).toBe(answer.id);
    expect(cb.body.data.content).toBe(`Opened <#${threadId}>: ask your follow-up there.`);
    expect(fake.channels.get(threadId)).toMatchObject({ type: 11, parent_id: fake.channelId, owner_id: fake.botUser.id, name: "What did Trump say about the meeting?" });

    // In its own thread the bot reads every message, no mention needed.
    const q = fake.post(asker, "and what did Ushakov say about it?", { channelId: threadId });
    const reply = await replyIn(threadId, q);
    expect(reply.message_reference?.message_id).toBe(q);
    const d = reply.embeds[0].description as string;
    expect(d.split("\n")[0]).toBe("*Reading this as:* What did Ushakov say about the meeting?");
    expect(d).toContain("— **Yuri Ushakov**");
    expect(reply.content).toBe("");

    // Pressing Follow up again points to the thread that exists.
    const again = await press(newUser(), answer, "Follow up");
    expect(again.cb.body.data.content).toBe(`This answer already has a thread: <#${threadId}>.`);
  });

  it("a reply to an answer continues its conversation: 'he' and 'that' are read from it, even when it outruns the answer's own post", async () => {
    const u = newUser();
    const ask = fake.post(u, `<@${fake.botUser.id}> What did the Kremlin say?`, true);
    // The answer is in the channel (and the reply to it on the gateway) before the bot hears back
    // from the REST call that posted it.
    fake.restDelayMs = 400;
    try {
      const first = await replyIn(fake.channelId, ask);
      const follow = fake.post(u, "what did he mean by that?", { replyTo: first.id });
      const reply = await replyIn(fake.channelId, follow);
      expect(reply.message_reference?.message_id).toBe(follow);
      expect(reply.embeds[0].description.split("\n")[0]).toBe("*Reading this as:* What did Yuri Ushakov mean by that?");
    } finally {
      fake.restDelayMs = 0;
    }
  });

  it("Show paragraph shows the whole paragraph privately, the quote marked, with the article's outlet", async () => {
    const a = await askPublic(newUser(), "What did the Kremlin say?");
    const { cb } = await press(newUser(), a, "Show paragraph");
    expect(ephemeral(cb)).toBe(true);
    const embeds = cb.body.data.embeds;
    expect(embeds.length).toBeGreaterThanOrEqual(1);
    // The paragraph of the first item, that item in bold (here Ushakov's paragraph, his words or the report of them).
    const ushakov = embeds.find((e: { description: string }) => e.description.includes("This conversation allowed Russia"));
    expect(ushakov.description).toMatch(/^(?:\*\*)?Kremlin foreign policy aide Yuri Ushakov, who took part in the meeting, described it as constructive and very useful\.(?:\*\*)? (?:\*\*)?"(?:\*\*)?This conversation allowed Russia .*," he told reporters\.(?:\*\*)?$/);
    expect(ushakov.description).toMatch(/\*\*.+\*\*/);
    expect(ushakov.title).toBe("Kremlin sees progress as Trump's envoy meets Putin");
    expect(ushakov.footer.text).toMatch(/^Reuters · ¶\d+$/);
  });

  it("More shows the next items privately, with a further More while there are more", async () => {
    const a = await askPublic(newUser(), "What did the Kremlin say?");
    const total = Number(/of (\d+)$/.exec(a.embeds[0].footer.text)![1]);
    expect(total).toBeGreaterThan(3);
    const { cb } = await press(newUser(), a, "More");
    expect(ephemeral(cb)).toBe(true);
    const page = cb.body.data.embeds[0];
    expect(page.title).toBe("More: What did the Kremlin say?");
    expect(page.footer.text).toBe(`Searched 2 articles · items 4–${Math.min(6, total)} of ${total}`);
    expect(page.description).not.toBe(a.embeds[0].description);
    expect(Object.keys(buttons(cb.body.data))).toEqual(total > 6 ? ["Show paragraph", "More"] : ["Show paragraph"]);
  });

  it("a private answer's Follow up asks in a form and answers privately in the same conversation", async () => {
    const u = newUser();
    const { token } = fake.slash(u, "ask", { question: "What did Trump say about the meeting?", private: true });
    const a = await fake.settled(token);
    const { cb } = await press(u, a, "Follow up");
    expect(cb.body.type).toBe(9);
    const form = cb.body.data;
    const other = fake.submitModal(newUser(), form.custom_id, { question: "what about Ushakov?" });
    expect((await fake.waitFor(isCallback(other.token))).body.data.content).toMatch(/Only the person who asked/);
    const sub = fake.submitModal(u, form.custom_id, { question: "what about Ushakov?" });
    const shown = await fake.settled(sub.token);
    expect(shown.visibleTo).toBe(u.id);
    expect(shown.embeds[0].description.split("\n")[0]).toBe("*Reading this as:* What did Ushakov say about the meeting?");
  });

  it("stores one vote per user (changeable); /feedback shows the not-helpful answers and exports them as eval questions", async () => {
    const a = await askPublic(newUser(), "What did Witkoff say about sanctions?");
    const [u1, u2] = [newUser(), newUser()];
    expect((await press(u1, a, "Not helpful")).cb.body.data.content).toMatch(/^Thanks: marked not helpful/);
    expect((await press(u2, a, "Helpful")).cb.body.data.content).toMatch(/^Thanks: marked helpful/);
    expect((await press(u2, a, "Not helpful")).cb.body.data.content).toBe("Changed your vote to not helpful. Thanks.");
    expect((await press(u2, a, "Not helpful")).cb.body.data.content).toBe("You already marked this answer not helpful.");

    const member = fake.slash(newUser(), "feedback", {}, { permissions: "1024" });
    expect((await fake.waitFor(isCallback(member.token))).body.data.content).toMatch(/Only moderators/);
    const fb = fake.slash(newUser(), "feedback", {}, mod);
    const shown = (await fake.waitFor(isCallback(fb.token))).body.data;
    expect(shown.flags & 64).toBe(64);
    expect(shown.embeds[0].description).toMatch(/^\d+ answers, 1 rated: 0 helpful, 2 not helpful\./);
    expect(shown.embeds[0].description).toContain("**What did Witkoff say about sanctions?** · 2 not helpful");

    const ex = fake.slash(newUser(), "feedback", { export: true }, mod);
    const call = await fake.waitFor(isCallback(ex.token));
    expect(call.files.map((f) => f.name)).toEqual(["feedback-questions.json"]);
    const exported = JSON.parse(call.files[0]!.content);
    expect(exported.outOfScope).toEqual([]);
    expect(exported.answerable).toEqual([{ q: "What did Witkoff say about sanctions?", expect: [], note: expect.stringMatching(/^2 not helpful; answered /) }]);
  });

  it("gives clear messages for bad input: a 5,000-character follow-up, a button on an answer no longer stored, another bot's thread", async () => {
    const long = fake.post(asker, "why ".repeat(1250), { channelId: threadId });
    expect((await replyIn(threadId, long)).content).toMatch(/^That question is 4999 characters long; please keep it under 1000\./);

    const gone = { ...answer, components: [{ type: 1, components: [{ type: 2, style: 3, label: "Helpful", custom_id: "ans:up:zzzzzzzz" }] }] };
    const { cb } = await press(newUser(), gone, "Helpful");
    expect(ephemeral(cb)).toBe(true);
    expect(cb.body.data.content).toMatch(/^I no longer have this answer/);

    // A thread another bot started: its messages, and people who don't mention Dossier, get no reply.
    const otherBot: FakeUser = { id: "1100000000000000555", username: "Helper", bot: true };
    const theirs = fake.userThread(otherBot, "Helper's thread");
    await sleep(100);
    const botMsg = fake.post(otherBot, `<@${fake.botUser.id}> what did Trump say?`, { channelId: theirs.id, mentionBot: true });
    const plain = fake.post(newUser(), "what did Trump say?", { channelId: theirs.id });
    const asked = fake.post(newUser(), `<@${fake.botUser.id}> what did Trump say?`, { channelId: theirs.id, mentionBot: true });
    const reply = await replyIn(theirs.id, asked);
    expect(reply.message_reference?.message_id).toBe(asked);
    expect(fake.repliesTo(botMsg)).toEqual([]);
    expect(fake.repliesTo(plain)).toEqual([]);
  });
});

describe("restarts and the SQLite file", () => {
  it("after a restart, buttons on earlier answers and the thread's conversation still work", async () => {
    const asker = newUser();
    const a = await askPublic(asker, "What did Trump say about the meeting?");
    await press(asker, a, "Follow up");
    const threadId = a.thread!;
    await tb.stop();
    tb = await startTestBot(fake, engine, { dbPath }, logs);

    expect((await press(newUser(), a, "Not helpful")).cb.body.data.content).toMatch(/^Thanks: marked not helpful/);
    const q = fake.post(asker, "what did Ushakov say about it?", { channelId: threadId });
    const reply = await replyIn(threadId, q);
    expect(reply.embeds[0].description.split("\n")[0]).toBe("*Reading this as:* What did Ushakov say about the meeting?");
    // Feedback from before the restart is still there.
    expect(tb.ctx.store.feedbackSummary(fake.guildId).notHelpful).toBeGreaterThanOrEqual(3);
  });

  it("an expired conversation starts over, and says so", async () => {
    const asker = newUser();
    const a = await askPublic(asker, "What did Trump say about the meeting?");
    await press(asker, a, "Follow up");
    await tb.stop();
    tb = await startTestBot(fake, engine, { dbPath, conversationTtlMs: 1 }, logs);
    await sleep(20);
    const q = fake.post(asker, "what did Ushakov say about it?", { channelId: a.thread! });
    const reply = await replyIn(a.thread!, q);
    expect(reply.embeds[0].description.split("\n")[0]).toBe("*That conversation has expired, so I read this as a new question.*");
  });

  it("a corrupt SQLite file: one clear log line, the file kept aside, a fresh store, and the bot answers", async () => {
    await tb.stop();
    const dir = tempDir();
    const broken = path.join(dir, "bot.sqlite");
    writeFileSync(broken, Buffer.alloc(8192, 0x5a));
    const before = logs.length;
    tb = await startTestBot(fake, engine, { dbPath: broken }, logs);
    const lines = logs.slice(before).filter((l) => l.includes("could not be used"));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).msg).toMatch(/^dossier: the bot store .*bot\.sqlite could not be used \(file is not a database\); it was moved to .*bot\.sqlite\.unusable-.* and a fresh store was started\.$/);
    expect(readdirSync(dir).some((f) => f.startsWith("bot.sqlite.unusable-"))).toBe(true);
    expect(existsSync(broken)).toBe(true);
    const a = await askPublic(newUser(), "What did the Kremlin say?");
    expect(a.embeds[0].description).toContain("Yuri Ushakov");
  });
});
