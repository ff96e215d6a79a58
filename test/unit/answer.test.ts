import { describe, expect, it } from "vitest";
import { firstHit } from "../../src/answer/evaluate.js";
import { speakerIntent, speakerMatches } from "../../src/answer/intent.js";
import { answerTypeBonus } from "../../src/answer/qtype.js";
import { MAX_QUESTION_CHARS, QuestionError, validateQuestion } from "../../src/answer/question.js";
import { formatAnswer } from "../../src/cli/format.js";
import { reciprocalRankFusion } from "../../src/search/hybrid.js";
import { terms } from "../../src/search/terms.js";

describe("speaker intent", () => {
  it("reads the speaker and topic out of what-did-X-say questions", () => {
    expect(speakerIntent("What did the Kremlin say?")).toEqual({ target: "Kremlin", topic: "" });
    expect(speakerIntent("what did Trump say about the meeting")).toEqual({ target: "Trump", topic: "about the meeting" });
    expect(speakerIntent("What did Ushakov tell reporters?")).toEqual({ target: "Ushakov", topic: "" });
    expect(speakerIntent("What did Trump call for after the meeting?")).toEqual({ target: "Trump", topic: "call for after the meeting" });
    expect(speakerIntent("What was the Kremlin's reaction?")?.target).toBe("Kremlin");
    expect(speakerIntent("Quotes from Yuri Ushakov")?.target).toBe("Yuri Ushakov");
    expect(speakerIntent("What did they say?")).toBeNull();
    expect(speakerIntent("Where did the talks take place?")).toBeNull();
  });

  it("matches speakers by name, partial name, role and organisation", () => {
    expect(speakerMatches("Kremlin", "Yuri Ushakov", "Kremlin foreign policy adviser")).toBe(true);
    expect(speakerMatches("Russia", "Yuri Ushakov", "Kremlin foreign policy aide")).toBe(true);
    expect(speakerMatches("Ushakov", "Yuri Ushakov", null)).toBe(true);
    expect(speakerMatches("Trump", "Donald Trump", "U.S. President")).toBe(true);
    expect(speakerMatches("US", "Donald Trump", "U.S. President")).toBe(true);
    expect(speakerMatches("Zelensky", "Volodymyr Zelenskiy", "Ukrainian President")).toBe(true);
    expect(speakerMatches("Kremlin", "Donald Trump", "U.S. President")).toBe(false);
    expect(speakerMatches("Macron", "Donald Trump", "U.S. President")).toBe(false);
    expect(speakerMatches("Kremlin", null, null)).toBe(false);
  });
});

describe("retrieval pieces", () => {
  it("fuses ranked lists by reciprocal rank", () => {
    const fused = reciprocalRankFusion([
      [{ id: 1, score: 0.9 }, { id: 2, score: 0.8 }],
      [{ id: 2, score: 12 }, { id: 3, score: 3 }],
    ]);
    expect(fused.map((f) => f.id)).toEqual([2, 1, 3]);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61);
  });

  it("stems, drops stop words and keeps U.S. as one word", () => {
    expect(terms("What did the U.S. envoy say about the meetings?")).toEqual(["us", "envoi", "meet"]);
  });

  it("nudges sentences that hold the kind of answer asked for", () => {
    expect(answerTypeBonus("How long did they meet?", "They met for three hours on Friday.")).toBe(1);
    expect(answerTypeBonus("Where did they meet?", "They met in Moscow.")).toBe(1);
    expect(answerTypeBonus("Where did they meet?", "It began in February 2022.")).toBe(0);
    expect(answerTypeBonus("When did the war start?", "It began in February 2022.")).toBe(1);
    expect(answerTypeBonus("Why did they meet?", "Anything.")).toBe(0);
  });
});

describe("questions", () => {
  it("refuses empty and over-long questions with a message", () => {
    expect(() => validateQuestion("  \n ")).toThrow(QuestionError);
    expect(() => validateQuestion("x".repeat(MAX_QUESTION_CHARS + 1))).toThrow(/under 1000/);
    expect(validateQuestion("  What   did\nTrump say? ")).toBe("What did Trump say?");
  });
});

describe("terminal format", () => {
  const answer = {
    question: "What did Trump write?",
    answered: true,
    reason: "answered" as const,
    items: [
      {
        text: "SUCCESS seems to be in the future!",
        kind: "quote" as const,
        speaker: "Donald Trump",
        role: "US President",
        score: 0.9,
        sources: [
          { article: "a.md", title: "Talks", outlet: "Reuters", url: "https://x.test/a", paragraph: 9 },
          { article: "b.md", title: null, outlet: null, url: null, paragraph: 2 },
        ],
      },
    ],
  };

  it("shows the quote, the speaker with role, and numbered sources", () => {
    expect(formatAnswer(answer)).toBe(
      [
        "Q: What did Trump write?",
        "",
        "1. “SUCCESS seems to be in the future!”",
        "   — Donald Trump, US President [1][2]",
        "",
        "Sources:",
        "[1] Talks (Reuters) [a.md], paragraph 9 https://x.test/a",
        "[2] b.md, paragraph 2",
      ].join("\n"),
    );
    expect(firstHit(answer, ["success seems"])).toBe(1);
    expect(firstHit({ ...answer, answered: false }, ["success seems"])).toBe(0);
  });

  it("says plainly when the articles do not answer", () => {
    expect(formatAnswer({ question: "Capital of France?", answered: false, reason: "not-covered", message: "The articles don't cover that.", items: [] })).toBe(
      "Q: Capital of France?\n\nThe articles don't cover that.",
    );
  });
});
