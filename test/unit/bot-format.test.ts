import { describe, expect, it } from "vitest";
import type { Answer, AnswerItem } from "../../src/answer/types.js";
import { ConfigError, botConfig, clientIdFromToken } from "../../src/bot/config.js";
import { answerReply, blockQuote } from "../../src/bot/format/answer.js";
import { LIMITS, embedLength, fitsLimits } from "../../src/bot/format/limits.js";
import { paginate, pageButtonId, parsePageButtonId, quotesPage } from "../../src/bot/format/quotes.js";
import { sourcesEmbed } from "../../src/bot/format/sources.js";
import { RateLimiter } from "../../src/bot/ratelimit.js";

const src = (n: number) => ({ article: `a${n}.md`, title: `Article ${n}`, outlet: "Wire", url: `https://news.test/${n}`, paragraph: n });
const item = (text: string, n = 1): AnswerItem => ({ text, kind: "quote", speaker: "Yuri Ushakov", role: "Kremlin aide", sources: [src(n)], score: 1 });
const answer = (items: AnswerItem[]): Answer => ({ question: "What did the Kremlin say?", answered: true, reason: "answered", items });

describe("answer embeds", () => {
  it("quotes each item as a block quote with speaker, role and source markers", () => {
    const r = answerReply(answer([item("The talks were *useful*.\nVery useful.")]), 2);
    const e = r.embeds![0]!;
    expect(e.description).toBe("> The talks were \\*useful\\*.\n> Very useful.\n— **Yuri Ushakov**, Kremlin aide [1]");
    expect(e.fields).toEqual([{ name: "Sources", value: "[1] [Article 1](https://news.test/1) — Wire ¶1" }]);
    expect(e.footer).toEqual({ text: "Searched 2 articles" });
  });

  it("respects Discord's limits by dropping whole items and saying +N more", () => {
    const long = (i: number) => `Quote ${i} ` + "word ".repeat(180).trim() + ` end${i}.`;
    const items = Array.from({ length: 8 }, (_, i) => item(long(i), i + 1));
    const e = answerReply(answer(items), 8).embeds![0]!;
    expect(fitsLimits(e)).toBe(true);
    expect(e.description!.length).toBeLessThanOrEqual(LIMITS.description);
    expect(embedLength(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
    const shown = (e.description!.match(/^> Quote \d+/gm) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(8);
    expect(e.description).toContain(`*+${8 - shown} more*`);
    // Every quote shown is whole.
    for (let i = 0; i < shown; i++) expect(e.description).toContain(`end${i}.`);
  });

  it("shortens a single quote longer than an embed only at a word boundary", () => {
    const huge = "alpha beta gamma ".repeat(400).trim();
    const e = answerReply(answer([item(huge)]), 1).embeds![0]!;
    expect(fitsLimits(e)).toBe(true);
    const shown = e.description!.split("\n")[0]!.replace(/^> /, "");
    expect(shown.endsWith("…")).toBe(true);
    expect(["alpha", "beta", "gamma"]).toContain(shown.slice(0, -1).split(" ").pop());
  });

  it("cites a passage carried by many articles with a few markers and a count", () => {
    const many = { ...item("Same wire text."), sources: Array.from({ length: 30 }, (_, i) => src(i + 1)) };
    const e = answerReply(answer([many]), 30).embeds![0]!;
    expect(e.description).toContain("[1][2][3][4] +26 more");
    expect(fitsLimits(e)).toBe(true);
  });

  it("answers 'the articles don't say' in plain text when the engine does not answer", () => {
    expect(answerReply({ question: "q", answered: false, reason: "not-covered", message: "The articles don't cover that.", items: [] }, 2)).toEqual({
      content: "The articles don't say. Use `/sources` to see which articles I search.",
    });
    expect(answerReply({ question: "q", answered: false, reason: "speaker-not-quoted", message: "The articles don't report anything Macron said.", items: [] }, 2).content).toBe(
      "The articles don't say. The articles don't report anything Macron said. Use `/sources` to see which articles I search.",
    );
  });

  it("escapes markdown but leaves the words as they are", () => {
    expect(blockQuote("a_b *c* `d` ~~e~~ || f ||")).toBe("> a\\_b \\*c\\* \\`d\\` \\~\\~e\\~\\~ \\|\\| f \\|\\|");
  });
});

describe("quotes pages", () => {
  const entries = Array.from({ length: 7 }, (_, i) => ({ text: `Quote number ${i}.`, speaker: "Yuri Ushakov", role: "Kremlin aide", sources: [src(i)] }));

  it("pages quotes with Previous/Next ids that name the asker", () => {
    expect(paginate(entries).map((p) => p.length)).toEqual([3, 3, 1]);
    const p = quotesPage("kremlin", entries, 1, "42");
    expect(p.embeds[0]!.footer!.text).toBe("Page 2 of 3 · 7 quotes");
    const ids = p.components[0]!.toJSON().components.map((c) => ("custom_id" in c ? c.custom_id : ""));
    expect(ids.map((id) => parsePageButtonId(id))).toEqual([
      { page: 0, userId: "42", speaker: "kremlin" },
      { page: 2, userId: "42", speaker: "kremlin" },
    ]);
    expect(pageButtonId(0, "42", "x".repeat(200)).length).toBeLessThanOrEqual(100);
  });

  it("says so when nobody by that name is quoted", () => {
    expect(quotesPage("macron", [], 0, "42").content).toMatch(/No quotes attributed to “macron”/);
  });
});

describe("sources embed", () => {
  it("lists articles within the description limit", () => {
    const articles = Array.from({ length: 300 }, (_, i) => ({ file: `f${i}.md`, title: `A long article title number ${i}`, outlet: "Wire", url: null, published: "2025-04-25", hash: "", size: 0, mtimeMs: 0, paragraphs: 10, quotes: 2 }));
    const e = sourcesEmbed(articles, "2025-04-26T10:00:00.000Z");
    expect(e.title).toBe("300 indexed articles");
    expect(e.description!.length).toBeLessThanOrEqual(LIMITS.description);
    expect(e.description).toMatch(/\*\+\d+ more\*$/);
    expect(e.fields![0]!.value).toContain("<t:1745661600:R>");
  });
});

describe("rate limiter", () => {
  it("allows N questions per window per user and says when the next one is allowed", () => {
    let now = 0;
    const rl = new RateLimiter(5, 30_000, () => now);
    for (let i = 0; i < 5; i++) expect(rl.take("u").ok).toBe(true);
    now = 10_000;
    expect(rl.take("u")).toEqual({ ok: false, retryAfterMs: 20_000 });
    expect(rl.take("other").ok).toBe(true);
    now = 30_001;
    expect(rl.take("u").ok).toBe(true);
  });
});

describe("bot config", () => {
  it("needs a token, and says so in one line", () => {
    expect(() => botConfig({})).toThrow(ConfigError);
    expect(() => botConfig({ DISCORD_TOKEN: "  " })).toThrow(/^DISCORD_TOKEN is not set/);
  });

  it("reads the application id from the token when not given, and validates ids", () => {
    const token = `${Buffer.from("1100000000000000001").toString("base64")}.x.y`;
    expect(clientIdFromToken(token)).toBe("1100000000000000001");
    expect(botConfig({ DISCORD_TOKEN: token })).toMatchObject({ clientId: "1100000000000000001", guildId: null, rateLimit: { questions: 5, windowMs: 30_000 } });
    expect(() => botConfig({ DISCORD_TOKEN: token, DISCORD_GUILD_ID: "my server" })).toThrow(/DISCORD_GUILD_ID must be a numeric server id/);
  });
});
