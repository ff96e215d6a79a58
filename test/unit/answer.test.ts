import { describe, expect, it } from "vitest";
import { firstHit } from "../../src/answer/evaluate.js";
import { FEATURES, counts, modifiesOther, newPerson, sitesOf, spelledOut, type Features } from "../../src/answer/features.js";
import { rankScore, type RankerModel } from "../../src/answer/model.js";
import { WEIGHTS } from "../../src/answer/weights.js";
import { speakerIntent, speakerMatches } from "../../src/answer/intent.js";
import { answerTypes, asksForSite, broadness, expandChat, isBroad, plainVerbs, speakerIntentOf, withoutDateText } from "../../src/answer/analysis.js";
import { entitiesOf } from "../../src/text/entities.js";
import { opensStory } from "../../src/answer/answer.js";
import { MAX_QUESTION_CHARS, QuestionError, cleanQuestion, validateQuestion } from "../../src/answer/question.js";
import { formatAnswer } from "../../src/cli/format.js";
import { questionDate, type DateConstraint } from "../../src/text/dates.js";
import { firstTerms, terms } from "../../src/text/terms.js";
import { wordRank } from "../../src/text/wordfreq.js";

describe("speaker intent", () => {
  it("reads the speaker after the question's date, also after a word that points at it", () => {
    const january = { text: "january" } as DateConstraint;
    expect(speakerIntentOf("in january, what did novak say", january)?.target).toBe("novak");
    expect(speakerIntentOf("back in january what did novak say", january)?.target).toBe("novak");
  });

  it("reads the speaker and topic out of what-did-X-say questions", () => {
    expect(speakerIntent("What did the Kremlin say?")).toEqual({ target: "Kremlin", topic: "" });
    expect(speakerIntent("what did Trump say about the meeting")).toEqual({ target: "Trump", topic: "the meeting" });
    expect(speakerIntent("What did Ushakov tell reporters?")).toEqual({ target: "Ushakov", topic: "" });
    expect(speakerIntent("What did Trump call for after the meeting?")).toEqual({ target: "Trump", topic: "call for after the meeting" });
    expect(speakerIntent("What was the Kremlin's reaction?")?.target).toBe("Kremlin");
    // Chat drops the possessive's apostrophe; a plural everyday noun is still no one's.
    expect(speakerIntent("what was ushakovs take on the 30-day truce idea")).toEqual({ target: "ushakov", topic: "the 30-day truce idea" });
    expect(speakerIntent("what was the kremlins reaction")?.target).toBe("kremlin");
    expect(speakerIntent("what was the news line")).toBeNull();
    expect(speakerIntent("what was the us position on tariffs")).toBeNull();
    // "what did he say" after a clause that names him: he is the one named first.
    expect(speakerIntent("why'd trump scrap the budapest thing, what did he say")).toEqual({ target: "trump", topic: "scrap the budapest thing" });
    expect(speakerIntent("witkoff claimed russia gave some big concession?? what did he say")?.target).toBe("witkoff");
    expect(speakerIntent("the deal fell apart, what did he say")).toBeNull();
    expect(speakerIntent("Quotes from Yuri Ushakov")?.target).toBe("Yuri Ushakov");
    expect(speakerIntent("What did they say?")).toBeNull();
    expect(speakerIntent("Where did the talks take place?")).toBeNull();
    expect(speakerIntent("how did putin take the rosneft sanctions")).toEqual({ target: "putin", topic: "take the rosneft sanctions" });
    // An adverb before the verb is no part of the speaker's name ("putin supposedly").
    expect(speakerIntent("what did putin supposedly tell trump")).toEqual({ target: "putin", topic: "trump" });
    expect(speakerIntent("what did the envoy allegedly say about it")?.target).toBe("envoy");
    expect(speakerIntent("what did kelly say")?.target).toBe("kelly");
    expect(speakerIntent("how long did the talks take")).toBeNull();
    expect(speakerIntent("how did the meeting take place")).toBeNull();
  });

  it("matches speakers by name, partial name, role, spelling and the story's aliases", () => {
    const aliases = new Map([["russia", ["kremlin"]], ["us", ["white house", "u.s."]]]);
    const ushakov = { name: "Yuri Ushakov", role: "Kremlin foreign policy adviser" };
    expect(speakerMatches("Kremlin", ushakov)).toBe(true);
    expect(speakerMatches("Russia", ushakov, aliases)).toBe(true);
    expect(speakerMatches("Russia", ushakov)).toBe(false);
    expect(speakerMatches("Ushakov", { name: "Yuri Ushakov", role: null })).toBe(true);
    expect(speakerMatches("ushakow", { name: "Yuri Ushakov", role: null })).toBe(true);
    expect(speakerMatches("Trump", { name: "Donald Trump", role: "U.S. President" })).toBe(true);
    expect(speakerMatches("US", { name: "Donald Trump", role: "U.S. President" })).toBe(true);
    expect(speakerMatches("Zelensky", { name: "Volodymyr Zelenskiy", role: "Ukrainian President" })).toBe(true);
    expect(speakerMatches("zelenksy", { name: "Volodymyr Zelenskiy", role: null })).toBe(true);
    expect(speakerMatches("Kremlin", { name: "Donald Trump", role: "U.S. President" })).toBe(false);
    expect(speakerMatches("Macron", { name: "Donald Trump", role: "U.S. President" })).toBe(false);
  });
});

describe("the one tokenizer", () => {
  it("stems, drops stop words, and keeps U.S. as one word whatever its spelling", () => {
    expect(terms("What did the U.S. envoy say about the meetings?")).toEqual(["us", "envoi", "meet"]);
    expect(terms("US envoy")).toEqual(terms("u.s. envoy"));
    expect(terms("Russia's position")).toEqual(["russia", "posit"]);
    expect(terms("Zelenskyy")).toEqual(terms("Zelenskyý"));
    // Ordinals in figures are the words outlets also write; a larger one stays as written.
    expect(terms("the 4th meeting, the 2nd round")).toEqual(terms("the fourth meeting, the second round"));
    expect(terms("the 21st century")).toEqual(["21st", "centuri"]);
  });

  it("reads a country written out as its short form ('the United States' is 'US'), and only the whole name", () => {
    expect(terms("In exchange, the United States freed him")).toEqual(terms("in exchange the US freed him"));
    expect(terms("USA, U.S.A. and the United States")).toEqual(["us", "us", "us"]);
    expect(terms("the European Union and the United Kingdom")).toEqual(terms("the EU and the UK"));
    expect(terms("the Russian Federation's position")).toEqual(["russia", "posit"]);
    expect(terms("Manchester United. States said")).toEqual(["manchest", "unit", "state"]);
    expect(terms("the United Nations")).toEqual(["unit", "nation"]);
    expect(firstTerms("the United States freed him", 2)).toEqual(["us", "free"]);
  });

  it("keeps a short word's lemma where Porter would cut it to another word's term ('use' is not 'US')", () => {
    expect(terms("what word did he use")).not.toContain("us");
    expect(terms("use used uses using")).toEqual(["use", "use", "use", "use"]);
    expect(terms("US officials")[0]).toBe("us");
    expect(terms("gas")).toEqual(terms("gases"));
  });

  it("drops a pronoun's contraction like the pronoun, not as another word ('she'd' is no shed)", () => {
    expect(terms("he'd met putin")).toEqual(terms("met putin"));
    expect(terms("she'd, they're, we'll, I've")).toEqual([]);
    expect(terms("seriously ill prisoners")).toContain("ill");
  });

  it("reads a number with thousands separators as one term, the same as the number without them", () => {
    expect(terms("a 1,000-for-1,000 swap of 5,000 troops")).toEqual(terms("a 1000-for-1000 swap of 5000 troops"));
    expect(terms("1,000 prisoners")).toEqual(["1000", ...terms("prisoners")]);
  });

  it("drops function words the stopword package lacks ('its', 'during', 'exactly') and vague nouns ('the hockey thing'), and keeps 'us' and 'may'", () => {
    expect(terms("why did the kremlin harden its stance during the talks")).toEqual(terms("why did the kremlin harden stance talks"));
    expect(terms("where exactly did they sit down again")).toEqual(terms("where did they sit down"));
    expect(terms("US talks in May")).toHaveLength(3);
    expect(terms("what was the hockey thing, and the other stuff")).toEqual(terms("hockey"));
  });
});

describe("chat shorthand", () => {
  it("reads 'ppl', 'pres', 'hrs' as the words they stand for, and leaves other words alone", () => {
    expect(expandChat("how many ppl died in the strike?")).toBe("how many people died in the strike?");
    expect(expandChat("what did the pres say abt it (in hrs)")).toBe("what did the president say about it (in hours)");
    expect(expandChat("Pressure on the press")).toBe("Pressure on the press");
    expect(expandChat("wat time did he land")).toBe("what time did he land");
  });

  it("spells out shorthand that stands for several words, and keeps 'pm' a time of day", () => {
    expect(expandChat("how many pows were swapped?")).toBe("how many prisoners of war were swapped?");
    expect(expandChat("what did the turkish FM say")).toBe("what did the turkish foreign minister say");
    expect(expandChat("at 3 pm")).toBe("at 3 pm");
    expect(expandChat("what did putin say at the presser thru the interpreter")).toBe("what did putin say at the press conference through the interpreter");
  });
});

describe("how everyday a word is", () => {
  it("ranks a plural or a verb's form as its lemma, and a word English lacks as rare", () => {
    expect(wordRank("disagreements")).toBe(wordRank("disagreement"));
    expect(wordRank("postponing")).toBe(wordRank("postpone"));
    expect(wordRank("detaining")).not.toBeNull();
    expect(wordRank("interpreters")).not.toBeNull();
    expect(wordRank("counterproposal")).toBeNull();
  });
});

describe("phrasal verbs", () => {
  it("reads a phrasal verb in any form as the plain verb it means, and leaves other particles alone", () => {
    expect(plainVerbs("what time did the talks kick off")).toBe("what time did the talks start");
    expect(plainVerbs("when did putin touch down in alaska")).toBe("when did putin land in alaska");
    expect(plainVerbs("they sat down for 3 hours")).toBe("they meet for 3 hours");
    expect(plainVerbs("why did trump pull the plug on budapest")).toBe("why did trump cancel on budapest");
    expect(plainVerbs("he took off his hat")).toBe("he took off his hat");
    // "take place" is "happen", a word that only frames a question: "place" is no word to look for.
    expect(plainVerbs("When did the meeting take place?")).toBe("When did the meeting happen?");
    expect(terms(plainVerbs("where the talks took place"))).toEqual(terms("talks"));
    expect(plainVerbs("what did he say about the sit-down")).toBe("what did he say about the sit-down");
  });
});

describe("what a question asks for", () => {
  it("asks for a building or a room, not a city, with 'where in X', 'where exactly' or a noun that names one", () => {
    for (const q of ["where in riyadh did they meet", "talks were held where exactly", "which palace hosted the round", "what building was it in"]) expect(asksForSite(q), q).toBe(true);
    for (const q of ["where did they meet", "which city hosted the talks", "when did they meet in riyadh"]) expect(asksForSite(q), q).toBe(false);
    const text = "The meeting at Diriyah Palace was held as leaders met in Paris and at the Ritz-Carlton hotel.";
    const places = sitesOf(text, entitiesOf(text)).filter((e) => e.type === "place").map((e) => text.slice(e.start, e.end));
    expect(places).toContain("Diriyah Palace");
    expect(places).not.toContain("Paris");
  });

  it("reads the kind of answer from the wording", () => {
    expect(answerTypes("how long did they meet")).toEqual(["duration"]);
    expect(answerTypes("wait so what time did the meeting end")).toEqual(["time"]);
    expect(answerTypes("when did witkoff land")).toEqual(["date", "time"]);
    // "exactly" asks for precision, not for a clock time: a date answers it too.
    expect(answerTypes("when exactly was the st petersburg meeting")).toEqual(["date", "time"]);
    expect(answerTypes("how many times has he been to russia")).toEqual(["count"]);
    expect(answerTypes("where did they meet in april")).toEqual(["place"]);
    expect(answerTypes("what was the date trump wanted kyiv to reply by")).toEqual(["date", "time"]);
    expect(answerTypes("why did they meet")).toEqual([]);
    // A question word at the end asks too; in the middle it is a conjunction.
    expect(answerTypes("zelensky pushed his saudi trip back to when?")).toEqual(["date", "time"]);
    expect(answerTypes("the talks were held where exactly")).toEqual(["place"]);
    expect(answerTypes("what was he wearing when he arrived")).toEqual([]);
  });

  it("tells a question about the whole story from one about a fact", () => {
    expect(isBroad("what happened?")).toBe(true);
    expect(isBroad("whats the latest")).toBe(true);
    expect(isBroad("give me the gist")).toBe(true);
    expect(isBroad("what happened in alaska")).toBe(false);
    expect(isBroad("what did peskov say")).toBe(false);
  });

  it("does not open an overview with a photo caption, an editor's note or a fragment", () => {
    expect(opensStory("Photo: The two envoys shake hands at the palace before the talks on Friday.")).toBe(false);
    expect(opensStory("File photo: The two envoys shake hands at the palace before the talks on Friday.")).toBe(false);
    expect(opensStory("Editor’s note: this story was updated on Friday with the delegations' statements.")).toBe(false);
    expect(opensStory("OSLO, May 2 (Wire) -")).toBe(false);
    expect(opensStory("The two envoys shook hands at the palace before the talks on Friday.")).toBe(true);
    // A colon later in the sentence is no label.
    expect(opensStory("The envoy put it plainly: the talks will go on until there is a deal.")).toBe(true);
  });

  it("reads 'what happened at X' and 'what came out of X' as asking for an overview of X, 'what happened near X' as a fact", () => {
    expect(broadness("what happened at the oslo summit")).toBe("scoped");
    expect(broadness("what happened in oslo")).toBe("scoped");
    expect(broadness("so what came out of the oslo talks")).toBe("scoped");
    expect(broadness("what went down at the oslo round")).toBe("scoped");
    expect(broadness("whats the story with the oslo leak")).toBe("scoped");
    expect(broadness("what happened near moscow before the meeting")).toBeNull();
    expect(broadness("what came out of it")).toBe("story");
  });

  it("finds the date a question names, ignoring ones relative to today", () => {
    expect(questionDate("the meeting in march")).toMatchObject({ month: 3 });
    expect(questionDate("what did ushakov say on aug 6")).toMatchObject({ month: 8, day: 6 });
    expect(questionDate("what happened in 2022")).toMatchObject({ year: 2022 });
    expect(questionDate("what happened today")).toBeNull();
    expect(questionDate("how long did they meet")).toBeNull();
    // Spans counted from today are not the story's dates; one counted from a date named is.
    expect(questionDate("how many drones did russia fire the day before the may 19 call")).toEqual({ text: "may 19", month: 5, day: 19 });
    expect(questionDate("what happened 3 days before the summit")).toBeNull();
    expect(questionDate("what did they agree last month")).toBeNull();
    expect(questionDate("what happened the day after may 19")).toEqual({ text: "the day after may 19", month: 5, day: 20 });
    // "may" after "the" or "early" is the month; the verb, or "mar" of "mar a lago", is not.
    expect(questionDate("what time did the may talks kick off")).toMatchObject({ month: 5 });
    expect(questionDate("early may talks in oslo")).toMatchObject({ month: 5 });
    expect(questionDate("who may lead the talks")).toBeNull();
    expect(questionDate("what time was the mar a lago meeting set for")).toBeNull();
    expect(questionDate("the talks in may 2025")).toMatchObject({ year: 2025, month: 5 });
  });

  it("takes a person named with a title and first name for the one the question names by surname", () => {
    const asked = new Set(terms("who was at the abu dhabi talks with driscoll"));
    expect(newPerson("US Army Secretary Daniel Driscoll", asked)).toBe(false);
    expect(newPerson("Driscoll", asked)).toBe(false);
    expect(newPerson("Kyrylo Budanov", asked)).toBe(true);
    // A surname the question does not type is someone else, whatever first name they share.
    expect(newPerson("Daniel Craig", asked)).toBe(true);
  });

  it("reads what an amount counts in its own words and the next three, however long they are", () => {
    const at = (text: string, amount: string) => ({ type: "count" as const, start: text.indexOf(amount), end: text.indexOf(amount) + amount.length });
    const long = "They agreed on 12 internationally supervised corridors.";
    expect(counts(long, at(long, "12"), terms("corridors")[0]!)).toBe(true);
    const far = "They agreed on 12 new, safe, monitored humanitarian corridors.";
    expect(counts(far, at(far, "12"), terms("corridors")[0]!)).toBe(false);
    const hours = "The talks lasted three hours.";
    expect(counts(hours, at(hours, "three hours"), terms("hours")[0]!)).toBe(true);
    // Only the words needed are read, as the whole text's terms would give them (stop words skipped).
    for (const n of [0, 2, 5, 50]) expect(firstTerms(far, n)).toEqual(terms(far).slice(0, n));
  });

  it("counts a time as spelled out only when it is on the clock", () => {
    const at = (text: string, span: string) => ({ type: "time" as const, start: text.indexOf(span), end: text.indexOf(span) + span.length });
    const afternoon = "The plane left with him on board that afternoon.";
    expect(spelledOut(afternoon, at(afternoon, "that afternoon"))).toBe(false);
    const noon = "They met at noon.";
    expect(spelledOut(noon, at(noon, "noon"))).toBe(true);
    const clock = "The jet touched down at about 10:20 a.m.";
    expect(spelledOut(clock, at(clock, "10:20 a.m."))).toBe(true);
  });

  it("reads an amount written as a modifier as describing the noun after it, and only an amount", () => {
    const at = (type: "duration" | "count" | "place" | "person", text: string, span: string) => ({ type, start: text.indexOf(span), end: text.indexOf(span) + span.length });
    const asked = new Set(terms("how long was the call"));
    const pause = "They agreed on a 30-day pause in strikes.";
    expect(modifiesOther(pause, at("duration", pause, "30-day"), asked)).toBe(true);
    expect(modifiesOther(pause, at("duration", pause, "30-day"), new Set(terms("how long is the pause")))).toBe(false);
    const call = "The call lasted two hours.";
    expect(modifiesOther(call, at("duration", call, "two hours"), asked)).toBe(false);
    // A hyphenated name is not an amount: "Elmendorf-Richardson air base", "Anna Smith-Jones said".
    const base = "They met at the Elmendorf-Richardson air base.";
    expect(modifiesOther(base, at("place", base, "Elmendorf-Richardson"), new Set(terms("where did they meet")))).toBe(false);
    const aide = "Anna Smith-Jones said the call went well.";
    expect(modifiesOther(aide, at("person", aide, "Anna Smith-Jones"), new Set(terms("who spoke about the call")))).toBe(false);
  });

  it("reads a month abbreviation typed on its own, which chrono reads only after 'in' or before a day", () => {
    expect(questionDate("how long did the dec kremlin meeting go")).toMatchObject({ month: 12, text: "dec" });
    expect(questionDate("what did witkoff bring on the aug trip")).toMatchObject({ month: 8, text: "aug" });
    expect(questionDate("what did he say on Dec. 5")).toMatchObject({ month: 12, day: 5 });
    // A name, a verb or a modal as often as a month.
    expect(questionDate("what did jan say")).toBeNull();
    expect(questionDate("may they meet again")).toBeNull();
  });
});

describe("questions", () => {
  it("ignores markup, code, escapes and SQL pasted around a question", () => {
    expect(cleanQuestion("<script>alert(1)</script> what did the envoy say?")).toBe("what did the envoy say?");
    expect(cleanQuestion("<b>what</b> did the <i>envoy</i> say?")).toBe("what did the envoy say?");
    expect(cleanQuestion("'; DROP TABLE users; -- what did the envoy say?")).toBe("what did the envoy say?");
    expect(cleanQuestion("' OR 1=1 -- how long did they meet")).toBe("how long did they meet");
    expect(cleanQuestion("What did\u001b[2J\u001b]0;owned\u0007 the envoy\u202E say?")).toBe("What did the envoy say?");
    expect(cleanQuestion("<@123456789012345678> `what` did **they** agree?")).toBe("what did they agree?");
    expect(cleanQuestion("any update on the talks? select the latest please")).toBe("any update on the talks? select the latest please");
    expect(() => validateQuestion("<p></p>")).toThrow(QuestionError);
  });

  it("refuses empty and over-long questions with a message", () => {
    expect(() => validateQuestion("  \n ")).toThrow(QuestionError);
    expect(() => validateQuestion("x".repeat(MAX_QUESTION_CHARS + 1))).toThrow(/under 1000/);
    expect(validateQuestion("  What   did\nTrump say? ")).toBe("What did Trump say?");
  });
});

describe("the date a question names", () => {
  it("is no word to look for, nor is the word that points at it ('back in feb')", () => {
    const words = (q: string) => terms(withoutDateText(q, questionDate(q)!.text));
    expect(words("how long did rubio and lavrov sit down for in riyadh back in feb")).toEqual(terms("how long did rubio and lavrov sit down for in riyadh"));
    expect(words("why did witkoff go to moscow way back in February")).toEqual(terms("why did witkoff go to moscow"));
    // "back" elsewhere is a word like any other.
    expect(words("did the talks move back to geneva in march")).toContain(terms("back")[0]);
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

  it("puts quote marks only around a quote that has none of its own", () => {
    const inSentence = 'Trump said his envoy and Putin had "a pretty good meeting."';
    const shown = formatAnswer({ ...answer, items: [{ ...answer.items[0]!, text: inSentence }] });
    expect(shown.split("\n")[2]).toBe(`1. ${inSentence}`);
  });

  it("says plainly when the articles do not answer", () => {
    expect(formatAnswer({ question: "Capital of France?", answered: false, reason: "not-covered", message: "The articles don't cover that.", items: [] })).toBe(
      "Q: Capital of France?\n\nThe articles don't cover that.",
    );
  });
});

describe("the ranker's score", () => {
  const zero = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Features;
  it("adds each product of two features to the weighted sum, so a pair counts for more than its parts", () => {
    const m: RankerModel = { bias: 0, weights: { ...zero, cosChunk: 1, typeStrong: 0.5 }, products: [{ of: ["cosChunk", "typeStrong"], weight: 2 }] };
    expect(rankScore(m, { ...zero, cosChunk: 0.5, typeStrong: 1 })).toBeCloseTo(0.5 + 0.5 + 2 * 0.5 * 1);
    expect(rankScore(m, { ...zero, cosChunk: 0.5 })).toBeCloseTo(0.5);
    expect(rankScore({ ...m, products: undefined }, { ...zero, cosChunk: 0.5, typeStrong: 1 })).toBeCloseTo(1);
  });

  it("uses products only of features that exist, in the fitted weights", () => {
    for (const p of WEIGHTS["use-lite"]!.ranker.products ?? []) for (const f of p.of) expect(FEATURES).toContain(f);
  });
});
