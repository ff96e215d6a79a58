import { describe, expect, it } from "vitest";
import { resolveFollowUp, type PreviousTurn } from "../../src/answer/followup.js";

// Names as the seed corpus's index has them (Engine.speakers()).
const NAMES = ["Yuri Ushakov", "Donald Trump", "Trump", "Kremlin", "Volodymyr Zelensky", "Steve Witkoff", "Vladimir Putin", "Trump administration"];
const turn = (question: string, ...items: [string, string | null][]): PreviousTurn => ({ question, items: items.map(([text, speaker]) => ({ text, speaker })) });
const read = (turns: PreviousTurn[], q: string) => resolveFollowUp(turns, q, { names: NAMES });

const crimea = turn("What did Putin say about the Crimea deal?", ["Putin said the deal…", "Vladimir Putin"]);
const kremlin = turn("What did the Kremlin say?", ["This conversation allowed Russia and the United States…", "Yuri Ushakov"], ["the Kremlin said the two sides' positions had moved closer.", "Kremlin"]);
const meeting = turn("How long did Witkoff and Putin meet?", ["met Russian President Vladimir Putin for three hours", null]);

describe("follow-up questions", () => {
  it("resolves 'it' to the previous question's topic and drops the leading 'and'", () => {
    expect(read([crimea], "and what did Trump say about it?")).toEqual({ question: "What did Trump say about the Crimea deal?", rewritten: true });
  });

  it("swaps the subject for 'what about X?' and 'and X?'", () => {
    expect(read([crimea], "what about Trump?").question).toBe("What did Trump say about the Crimea deal?");
    expect(read([crimea], "And Zelensky?").question).toBe("What did Zelensky say about the Crimea deal?");
    expect(read([kremlin], "what about Witkoff?").question).toBe("What did Witkoff say?");
  });

  it("swaps the topic when the new part is not a name", () => {
    expect(read([crimea], "what about sanctions?").question).toBe("What did Putin say about sanctions?");
    expect(read([kremlin], "how about the peace plan?").question).toBe("What did the Kremlin say about the peace plan?");
  });

  it("resolves 'he' to the person who answered when the question named an organisation", () => {
    expect(read([kremlin], "What did he mean by that?").question).toBe("What did Yuri Ushakov mean by that?");
    expect(read([kremlin], "who is he?").question).toBe("Who is Yuri Ushakov?");
  });

  it("resolves 'he', 'his' and 'it' from the person and topic asked about", () => {
    expect(read([crimea], "when did he say it?").question).toBe("When did Putin say the Crimea deal?");
    expect(read([crimea], "what was his position on it?").question).toBe("What was Putin's position on the Crimea deal?");
  });

  it("resolves 'they' to an organisation or a group of people", () => {
    expect(read([kremlin], "what did they say about the ceasefire?").question).toBe("What did the Kremlin say about the ceasefire?");
    expect(read([meeting], "where did they meet?").question).toBe("Where did Witkoff and Putin meet?");
  });

  it("takes the thing asked about as 'it' when no 'about …' names it", () => {
    expect(read([turn("How long did the meeting last?", ["three hours", null])], "where was it?").question).toBe("Where was the meeting?");
    expect(read([turn("What is the US peace proposal?", ["The U.S. peace proposal put forward by Witkoff reportedly includes…", null])], "what does it include?").question).toBe(
      "What does the US peace proposal include?",
    );
    expect(read([turn("What did Trump say about the peace proposal?", ["…", "Donald Trump"])], "Is it still on the table?").question).toBe("Is the peace proposal still on the table?");
  });

  it("reads 'they' as two people named apart, and keeps the rest of the question", () => {
    expect(read([turn("When did Witkoff meet Putin?", ["on Friday", null])], "how long did they talk?").question).toBe("How long did Witkoff and Putin talk?");
    expect(read([turn("What did Trump write on social media?", ["SUCCESS seems to be in the future!", "Donald Trump"])], "and Putin?").question).toBe("What did Putin write on social media?");
    expect(read([turn("What did Zelensky say about Crimea?", ["…", "Volodymyr Zelensky"])], "Did he reject it?").question).toBe("Did Zelensky reject Crimea?");
  });

  it("follows a chain: the nearest turn wins, earlier turns fill the gaps", () => {
    const second = turn("What did Trump say about the Crimea deal?", ["very close to an agreement", "Donald Trump"]);
    expect(read([crimea, second], "and what about Zelensky?").question).toBe("What did Zelensky say about the Crimea deal?");
    expect(read([crimea, second], "did he mention sanctions?").question).toBe("Did Trump mention sanctions?");
    // Two people in the nearest question: "he" is not guessed from further back.
    expect(read([kremlin, meeting], "what did he say about it?").rewritten).toBe(false);
  });

  it("leaves self-contained questions and pronouns that point inside the question alone", () => {
    expect(read([crimea], "How long did Witkoff and Putin meet?")).toEqual({ question: "How long did Witkoff and Putin meet?", rewritten: false });
    expect(read([crimea], "Did Trump say that he would walk away?")).toEqual({ question: "Did Trump say that he would walk away?", rewritten: false });
    expect(read([crimea], "Is that deal signed?").rewritten).toBe(false);
    expect(read([], "what did he say?")).toEqual({ question: "what did he say?", rewritten: false });
  });

  it("does not invent an antecedent when the conversation has none", () => {
    const noTopic = turn("Who met Putin?", ["Witkoff met Putin", null]);
    expect(read([noTopic], "why did it happen?").rewritten).toBe(false);
    expect(read([meeting], "what did she say?").rewritten).toBe(false);
  });

  it("copes with long and odd input without throwing", () => {
    const long = "and what about ".concat("the talks ".repeat(500));
    expect(() => read([crimea], long)).not.toThrow();
    expect(read([crimea], "   ").rewritten).toBe(false);
    expect(read([crimea], "?!?").rewritten).toBe(false);
  });
});
