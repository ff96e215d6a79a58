import { describe, expect, it } from "vitest";
import { answerCue, countedNoun } from "../../src/answer/analysis.js";
import { terms } from "../../src/text/terms.js";

describe("the kind of answer a question's wording asks for", () => {
  it("reads the cue and its type, also in chat spellings without an apostrophe", () => {
    expect(answerCue("how long did the meeting last?")).toMatchObject({ wants: ["duration"], cue: "how long", type: "duration" });
    expect(answerCue("wheres the meeting")).toMatchObject({ wants: ["place"], type: "place" });
    // "who" may be answered by a place acting as a person ("which the Kremlin blamed on Kyiv"); "which official" may not.
    expect(answerCue("whos ushakov")).toMatchObject({ wants: ["person", "place"], type: "actor" });
    expect(answerCue("who does the kremlin blame for the car bomb")).toMatchObject({ wants: ["person", "place"] });
    expect(answerCue("which official briefed reporters")).toMatchObject({ wants: ["person"], type: "person" });
    expect(answerCue("whens the next round")).toMatchObject({ wants: ["date", "time"], type: "date" });
    expect(answerCue("how much is the rare earths deal worth")).toMatchObject({ wants: ["money", "count"], type: "money" });
    expect(answerCue("how much did the flight cost")).toMatchObject({ type: "money" });
    expect(answerCue("how much time did they spend")).toMatchObject({ type: "duration" });
    expect(answerCue("wait so what % did trump say they were at")).toMatchObject({ type: "percent", cue: "what %" });
    expect(answerCue("what per cent of the plan is agreed")).toMatchObject({ type: "percent" });
    expect(answerCue("how much of the peace plan is agreed")).toMatchObject({ type: "percent" });
    // A number of a unit of time is a length of time ("15 years"), not a count of things.
    expect(answerCue("how many yrs would the guarantees last")).toMatchObject({ type: "duration" });
    expect(answerCue("how many days did the talks go on")).toMatchObject({ type: "duration" });
    expect(answerCue("how many people were there")).toMatchObject({ type: "count" });
    // An age is a number ("Fogel, 63,") or a length of time ("54 years old"); "old" is no search term.
    expect(answerCue("lol how old is the teacher anyway")).toMatchObject({ type: "age", wants: ["count", "duration"], cue: "how old" });
    expect(answerCue("at what age did he join the kgb")).toMatchObject({ type: "age" });
  });

  it("reads what 'how many' counts: the last noun after it", () => {
    expect(countedNoun("how many british troops is starmer sending")).toBe("troop");
    expect(countedNoun("how many points are in the plan")).toBe("point");
    expect(countedNoun("how much money is frozen")).toBe(terms("money")[0]);
    expect(countedNoun("how many were swapped")).toBeNull();
    expect(countedNoun("how much did the flight cost")).toBeNull();
    expect(countedNoun("when did they meet")).toBeNull();
  });

  it("reads which/what + a noun by what WordNet says the noun names", () => {
    expect(answerCue("which palace was the june round in")).toMatchObject({ wants: ["place"], cue: "which" });
    expect(answerCue("so what hotel did witkoff stay at")).toMatchObject({ wants: ["place"], cue: "what" });
    expect(answerCue("which countries could host the talks")).toMatchObject({ wants: ["place"] });
    expect(answerCue("which russian guy co-wrote the plan")).toMatchObject({ wants: ["person"] });
    expect(answerCue("which congressman said he should be fired")).toMatchObject({ wants: ["person"] });
    expect(answerCue("what night did the drones fly")).toMatchObject({ wants: ["date", "time"] });
    // Nouns that name no kind of answer, and which/what without a noun, ask for none.
    expect(answerCue("what gift did putin bring")).toBeNull();
    expect(answerCue("which russian oil firms got hit")).toBeNull();
    expect(answerCue("what kind of ceasefire did they agree to")).toBeNull();
    expect(answerCue("what did the kremlin say about the hotel")).toBeNull();
    expect(answerCue("which of the meetings went the longest")).toBeNull();
  });

  it("does not read a one-word cue in the middle of a question as a question word", () => {
    expect(answerCue("what was he wearing when he arrived")).toBeNull();
  });
});
