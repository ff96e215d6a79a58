import { describe, expect, it } from "vitest";
import { answerCue } from "../../src/answer/analysis.js";

describe("the kind of answer a question's wording asks for", () => {
  it("reads the cue and its type, also in chat spellings without an apostrophe", () => {
    expect(answerCue("how long did the meeting last?")).toMatchObject({ wants: ["duration"], cue: "how long", type: "duration" });
    expect(answerCue("wheres the meeting")).toMatchObject({ wants: ["place"], type: "place" });
    expect(answerCue("whos ushakov")).toMatchObject({ wants: ["person"], type: "person" });
    expect(answerCue("whens the next round")).toMatchObject({ wants: ["date", "time"], type: "date" });
    expect(answerCue("how much is the rare earths deal worth")).toMatchObject({ wants: ["money", "count"], type: "money" });
    expect(answerCue("how much did the flight cost")).toMatchObject({ type: "money" });
    expect(answerCue("how much time did they spend")).toMatchObject({ type: "duration" });
  });

  it("does not read a one-word cue in the middle of a question as a question word", () => {
    expect(answerCue("what was he wearing when he arrived")).toBeNull();
  });
});
