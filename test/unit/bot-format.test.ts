import { describe, expect, it } from "vitest";
import type { Answer, AnswerItem } from "../../src/answer/types.js";
import { ConfigError, botConfig, clientIdFromToken } from "../../src/bot/config.js";
import { answerReply, blockQuote, missReply } from "../../src/bot/format/answer.js";
import { helpEmbed, topSpeakers } from "../../src/bot/format/help.js";
import { LIMITS, embedLength, fitsLimits } from "../../src/bot/format/limits.js";
import { paginate, pageButtonId, parsePageButtonId, quotesPage } from "../../src/bot/format/quotes.js";
import { sourcesEmbed } from "../../src/bot/format/sources.js";
import { RateLimiter } from "../../src/bot/ratelimit.js";

const src = (n: number) => ({ article: `a${n}.md`, title: `Article ${n}`, outlet: "Wire", url: `https://news.test/${n}`, paragraph: n });
const item = (text: string, n = 1): AnswerItem => ({ text, kind: "quote", speaker: "Yuri Ushakov", role: "Kremlin aide", sources: [src(n)], score: 1 });
const answer = (items: AnswerItem[]): Answer => ({ question: "What did the Kremlin say?", answered: true, reason: "answered", items });

const view = (items: AnswerItem[], a: Partial<Answer> = {}) => ({ id: "abc123", question: "What did the Kremlin say?", private: false, answer: { ...answer(items), ...a } });
const ids = (r: { components?: { components: { custom_id: string; label: string }[] }[] }) => (r.components ?? []).flatMap((row) => row.components.map((c) => `${c.label}=${c.custom_id}`));

describe("answer embeds", () => {
  it("quotes an item as a block quote with speaker, role and a marker for its article", () => {
    const r = answerReply(view([item("The talks were *useful*.\nVery useful.")]), { articlesSearched: 2 });
    const e = r.embeds![0]!;
    expect(e.description).toBe("> The talks were \\*useful\\*.\n> Very useful.\n— **Yuri Ushakov**, Kremlin aide [1]");
    expect(e.fields).toEqual([{ name: "Sources", value: "[1] [Article 1](https://news.test/1) — Wire · ¶1" }]);
    expect(e.footer).toEqual({ text: "Searched 2 articles" });
    expect(ids(r)).toEqual(["Helpful=ans:up:abc123", "Not helpful=ans:down:abc123", "Show paragraph=ans:para:abc123:0", "Follow up=ans:follow:abc123"]);
  });

  it("groups citations per article with its date and every paragraph cited", () => {
    const a = { article: "r.md", title: "Kremlin sees progress", outlet: "Reuters", url: null, paragraph: 3, published: "2025-04-25" };
    const items = [item("One.", 1), { ...item("Two."), sources: [a] }, { ...item("Three."), sources: [{ ...a, paragraph: 1 }] }];
    const e = answerReply(view(items), { articlesSearched: 2 }).embeds![0]!;
    expect(e.fields![0]!.value).toBe("[1] [Article 1](https://news.test/1) — Wire · ¶1\n[2] **Kremlin sees progress** — Reuters, 25 Apr 2025 · ¶1, ¶3");
    expect(e.description).toMatch(/Two\.\n— \*\*Yuri Ushakov\*\*, Kremlin aide \[2\]/);
  });

  it("shows quotes, reported speech and narration differently, and bolds the answering span", () => {
    const statement: AnswerItem = { text: "the Kremlin said the positions had moved closer.", kind: "statement", speaker: "Kremlin", role: null, sources: [src(1)], score: 1 };
    const passage: AnswerItem = { text: "Witkoff met Putin for three hours on Friday.", kind: "passage", speaker: null, role: null, sources: [src(2)], score: 1, highlight: { start: 22, end: 33 } };
    const e = answerReply(view([statement, passage]), { articlesSearched: 2, readingAs: "What did the Kremlin say about the talks?" }).embeds![0]!;
    expect(e.description).toBe(
      [
        "*Reading this as:* What did the Kremlin say about the talks?",
        "**Kremlin**, as reported: the Kremlin said the positions had moved closer. [1]",
        "*Reported by Wire:* Witkoff met Putin for **three hours** on Friday. [2]",
      ].join("\n\n"),
    );
  });

  it("shows three items up front and the rest behind More, with pages that keep Discord's limits", () => {
    const items = Array.from({ length: 8 }, (_, i) => item(`Quote ${i}.`, i + 1));
    const first = answerReply(view(items), { articlesSearched: 8 });
    expect((first.embeds![0]!.description!.match(/^> Quote/gm) ?? []).length).toBe(3);
    expect(first.embeds![0]!.footer!.text).toBe("Searched 8 articles · items 1–3 of 8");
    expect(ids(first)).toContain("More (5)=ans:more:abc123:3");
    const last = answerReply(view(items), { articlesSearched: 8, offset: 6 });
    expect(last.embeds![0]!.title).toBe("More: What did the Kremlin say?");
    expect(last.embeds![0]!.description).toContain("Quote 6.");
    expect(ids(last)).toEqual(["Show paragraph=ans:para:abc123:6"]);

    const long = (i: number) => `Quote ${i} ` + "word ".repeat(700).trim() + ` end${i}.`;
    const big = answerReply(view(Array.from({ length: 3 }, (_, i) => item(long(i), i + 1))), { articlesSearched: 3 });
    const e = big.embeds![0]!;
    expect(fitsLimits(e)).toBe(true);
    const shown = (e.description!.match(/^> Quote \d+/gm) ?? []).length;
    expect(shown).toBeLessThan(3);
    for (let i = 0; i < shown; i++) expect(e.description).toContain(`end${i}.`);
    expect(ids(big).some((x) => x.startsWith(`More (${3 - shown})`))).toBe(true);
  });

  it("shortens a single quote longer than an embed only at a word boundary", () => {
    const huge = "alpha beta gamma ".repeat(400).trim();
    const e = answerReply(view([item(huge)]), { articlesSearched: 1 }).embeds![0]!;
    expect(fitsLimits(e)).toBe(true);
    const shown = e.description!.split("\n")[0]!.replace(/^> /, "");
    expect(shown.endsWith("…")).toBe(true);
    expect(["alpha", "beta", "gamma"]).toContain(shown.slice(0, -1).split(" ").pop());
  });

  it("cites a passage carried by many articles with a few markers and a count", () => {
    const many = { ...item("Same wire text."), sources: Array.from({ length: 30 }, (_, i) => src(i + 1)) };
    const e = answerReply(view([many]), { articlesSearched: 30 }).embeds![0]!;
    expect(e.description).toContain("[1][2][3][4] +26 more");
    expect(fitsLimits(e)).toBe(true);
  });

  it("escapes markdown but leaves the words as they are", () => {
    expect(blockQuote("a_b *c* `d` ~~e~~ || f ||")).toBe("> a\\_b \\*c\\* \\`d\\` \\~\\~e\\~\\~ \\|\\| f \\|\\|");
  });
});

describe("misses", () => {
  const help = { questions: ["What did Yuri Ushakov say?", "What did Donald Trump say?"], people: [{ name: "Yuri Ushakov", count: 6 }] };
  const miss = (a: Partial<Answer>) => missReply(view([], { answered: false, ...a }), help, { articlesSearched: 2 }).embeds![0]!.description!;

  it("says what is missing once, by reason code, and offers what the corpus answers", () => {
    const d = miss({ reason: "not-mentioned", missing: ["Macron"], message: "The articles don't mention Macron." });
    expect(d.split("\n")[0]).toBe("The articles never mention “Macron”.");
    expect(d.match(/Macron/g)).toHaveLength(1);
    expect(d).toContain("• What did Yuri Ushakov say?");
    expect(d).toContain("**Most quoted:** Yuri Ushakov (6)");
    expect(miss({ reason: "speaker-not-quoted", message: "The articles don't report anything Macron said." }).split("\n")[0]).toBe("The articles don't report anything Macron said.");
  });

  it("marks the nearest passages as not an answer", () => {
    const d = miss({ reason: "not-covered", nearest: [item("Russia and Ukraine have not held direct talks.")] });
    expect(d).toMatch(/^The articles don't cover that\.\n\n\*\*Closest passages, not an answer:\*\*\n> Russia and Ukraine/);
  });
});

describe("help embed", () => {
  it("takes its examples from the corpus's most quoted speakers, not from one story", () => {
    const d = helpEmbed("<@1>", ["Anna Kowalska", "Ministry_of Ports"]).description!;
    expect(d).toContain("e.g. *What did Anna Kowalska say?*");
    expect(d).toContain("(*Anna Kowalska*, *Ministry\\_of Ports*)");
    expect(d).not.toMatch(/kremlin|trump/i);
  });

  it("falls back to a question any corpus answers when nobody is quoted, or the index cannot be read", () => {
    const d = helpEmbed(null, []).description!;
    expect(d).toContain("e.g. *What happened?*");
    expect(d).toContain("`/quotes speaker:` every quote by a person or organisation\n");
    expect(topSpeakers({ engine: { speakers: () => { throw new Error("corrupt index"); } } } as never)).toEqual([]);
    expect(topSpeakers({ engine: { speakers: () => [{ name: "A" }, { name: "B" }, { name: "C" }] } } as never)).toEqual(["A", "B"]);
  });
});

describe("quotes pages", () => {
  const entries = Array.from({ length: 7 }, (_, i) => ({ text: `Quote number ${i}.`, kind: "quote" as const, speaker: "Yuri Ushakov", role: "Kremlin aide", sources: [src(i)] }));

  it("pages quotes with Previous/Next ids that name the asker", () => {
    expect(paginate(entries).map((p) => p.length)).toEqual([3, 3, 1]);
    const p = quotesPage("kremlin", entries, 1, "42");
    expect(p.embeds[0]!.footer!.text).toBe("Page 2 of 3 · 7 quotes");
    const reported = quotesPage("kremlin", [{ ...entries[0]!, kind: "statement" as const, text: "the Kremlin said it was useful." }], 0, "42");
    expect(reported.embeds[0]!.description).toMatch(/^\*\*Yuri Ushakov\*\*, Kremlin aide, as reported: the Kremlin said it was useful\./);
    expect(reported.embeds[0]!.footer!.text).toBe("Page 1 of 1 · 1 reported statement");
    const ids = p.components[0]!.toJSON().components.map((c) => ("custom_id" in c ? c.custom_id : ""));
    expect(ids.map((id) => parsePageButtonId(id))).toEqual([
      { page: 0, userId: "42", speaker: "kremlin" },
      { page: 2, userId: "42", speaker: "kremlin" },
    ]);
    expect(pageButtonId(0, "42", "x".repeat(200)).length).toBeLessThanOrEqual(100);
  });

  it("says so when nobody by that name is quoted", () => {
    const speakers = [{ name: "Yuri Ushakov", role: "aide", count: 6, quotes: 4, spellings: ["Yuri Ushakov"], firstDate: null, lastDate: null }];
    expect(quotesPage("macron", [], 0, "42", speakers).content).toMatch(/No quotes or statements attributed to “macron” in the articles\. The articles quote Yuri Ushakov\./);
  });
});

describe("sources embed", () => {
  it("lists articles within the description limit", () => {
    const articles = Array.from({ length: 300 }, (_, i) => ({ file: `f${i}.md`, title: `A long article title number ${i}`, outlet: "Wire", url: null, published: "2025-04-25", hash: "", size: 0, mtimeMs: 0, paragraphs: 10, quotes: 2 }));
    const e = sourcesEmbed(articles, "2025-04-26T10:00:00.000Z", (f) => `Title of ${f}`);
    expect(e.title).toBe("300 indexed articles");
    expect(e.description!.length).toBeLessThanOrEqual(LIMITS.description);
    expect(e.description).toMatch(/\*\+\d+ more; `\/sources article:` finds one\*$/);
    expect(e.description).toContain("**Title of f0.md**\nWire · 25 Apr 2025 · 10 paragraphs");
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
