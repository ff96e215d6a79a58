import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { BotStore } from "../../src/bot/store/store.js";
import { tempDir } from "../helpers/corpus.js";

const HOUR = 3_600_000;
const answer = (text: string): Answer => ({
  question: "What did the Kremlin say?",
  answered: true,
  reason: "answered",
  items: [{ text, kind: "quote", speaker: "Yuri Ushakov", role: "aide", sources: [{ article: "a.md", title: "A", outlet: "Reuters", url: null, paragraph: 3 }], score: 1 }],
});
const USER = "987654321098765432";

function open(file: string, clock = { t: 1_000_000 }, warn: string[] = []) {
  return BotStore.open(file, { conversationTtlMs: 24 * HOUR, now: () => clock.t, warn: (l) => warn.push(l) });
}

describe("the bot's SQLite store", () => {
  it("keeps conversations, answers and votes across a restart, with user ids only hashed", () => {
    const file = path.join(tempDir(), "bot.sqlite");
    const s1 = open(file);
    const conv = s1.newConversation({ guildId: "g", channelId: "c" });
    const id = s1.saveAnswer({ conversationId: conv, guildId: "g", channelId: "c", userId: USER, question: "q", askedAs: "q", answer: answer("This conversation…"), private: false });
    s1.setAnswerMessage(id, "m1");
    expect(s1.linkThread(conv, "t1")).toBe(true);
    expect(s1.vote(id, USER, -1)).toEqual({ previous: null });
    s1.close();

    const s2 = open(file);
    expect(s2.answerByMessage("m1")?.answer.items[0]!.text).toBe("This conversation…");
    expect(s2.conversationByThread("t1")?.id).toBe(conv);
    expect(s2.turns(conv).map((t) => t.id)).toEqual([id]);
    expect(s2.isAsker(s2.answer(id)!, USER)).toBe(true);
    expect(s2.isAsker(s2.answer(id)!, "1")).toBe(false);
    // One vote per user, changeable.
    expect(s2.vote(id, USER, 1)).toEqual({ previous: -1 });
    expect(s2.votes(id)).toEqual({ helpful: 1, notHelpful: 0 });
    s2.close();
    const bytes = readFileSync(file).toString("latin1") + (existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).toString("latin1") : "");
    expect(bytes).not.toContain(USER);
  });

  it("lists not-helpful answers, most recent first, with totals", () => {
    const clock = { t: 1_000_000 };
    const s = open(":memory:", clock);
    const conv = s.newConversation({ guildId: "g", channelId: "c" });
    const ids = ["first", "second", "third"].map((q) => {
      clock.t += 1000;
      return s.saveAnswer({ conversationId: conv, guildId: "g", channelId: "c", userId: USER, question: q, askedAs: q, answer: answer(`${q} text`), private: false });
    });
    s.vote(ids[0]!, "u1", -1);
    clock.t += 1000;
    s.vote(ids[1]!, "u1", -1);
    s.vote(ids[2]!, "u1", 1);
    const sum = s.feedbackSummary("g");
    expect(sum).toMatchObject({ helpful: 1, notHelpful: 2, rated: 3, answers: 3 });
    expect(sum.recentNotHelpful.map((r) => r.question)).toEqual(["second", "first"]);
    expect(sum.recentNotHelpful[0]!.got).toEqual(["second text"]);
    expect(s.feedbackSummary("other").answers).toBe(0);
  });

  it("expires idle conversations, keeping answers that were voted on", () => {
    const clock = { t: 1_000_000 };
    const s = open(":memory:", clock);
    const conv = s.newConversation({ guildId: "g", channelId: "c", threadId: "t" });
    const voted = s.saveAnswer({ conversationId: conv, guildId: "g", channelId: "c", userId: USER, question: "a", askedAs: "a", answer: answer("a"), private: false });
    const plain = s.saveAnswer({ conversationId: conv, guildId: "g", channelId: "c", userId: USER, question: "b", askedAs: "b", answer: answer("b"), private: false });
    s.vote(voted, USER, -1);
    clock.t += 23 * HOUR;
    expect(s.conversationByThread("t")?.expired).toBe(false);
    clock.t += 2 * HOUR;
    expect(s.conversationByThread("t")?.expired).toBe(true);
    expect(s.purgeExpired()).toBe(1);
    expect(s.answer(plain)).toBeNull();
    expect(s.answer(voted)?.question).toBe("a");
    expect(s.conversationByThread("t")).toBeNull();
  });

  it("moves a corrupt file aside with one clear line and starts fresh, without throwing", () => {
    const dir = tempDir();
    const file = path.join(dir, "bot.sqlite");
    writeFileSync(file, "this is not a database at all, just text that someone saved over it\n".repeat(100));
    const warn: string[] = [];
    const s = open(file, undefined, warn);
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatch(/bot store .*bot\.sqlite could not be used \(file is not a database\); it was moved to .*unusable-.* and a fresh store was started/);
    expect(s.movedAside).not.toBeNull();
    expect(readFileSync(s.movedAside!, "utf8")).toMatch(/^this is not a database/);
    const conv = s.newConversation({ guildId: null, channelId: "c" });
    expect(s.conversation(conv)?.expired).toBe(false);
    s.close();
    expect(readdirSync(dir).filter((f) => f.includes("unusable"))).toHaveLength(1);
  });

  it("refuses to take over another program's database or one from a newer schema", () => {
    const dir = tempDir();
    const foreign = path.join(dir, "other.sqlite");
    const db = new Database(foreign);
    db.exec("CREATE TABLE invoices (id INTEGER)");
    db.close();
    const newer = path.join(dir, "newer.sqlite");
    const db2 = new Database(newer);
    db2.pragma("user_version = 99");
    db2.close();
    const warn: string[] = [];
    open(foreign, undefined, warn).close();
    open(newer, undefined, warn).close();
    expect(warn[0]).toMatch(/tables that are not Dossier's/);
    expect(warn[1]).toMatch(/newer Dossier \(schema 99/);
    expect(readdirSync(dir).filter((f) => f.includes("unusable"))).toHaveLength(2);
  });
});
