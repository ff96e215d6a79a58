import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { computeFeatures, type Candidate } from "../../src/answer/features.js";
import type { Engine } from "../../src/engine.js";
import { loadIndex } from "../../src/index/load.js";
import { engineOver, realModel } from "../helpers/model.js";

// Written for this test: a call with its length and date, and other lengths and dates nearby that
// answer something else (a pause, a deadline, a weekday, a month, a month and year).
const ARTICLE = `---
title: Leaders speak by phone as pause in strikes is agreed
outlet: Test Wire
published: 2025-03-19
---

WASHINGTON — The two presidents spoke by phone on Tuesday and agreed on a 30-day pause in strikes on power plants.

The call, which took place on March 18, lasted more than two hours, aides said.

The White House had set a 10-day deadline for a reply earlier in March.

Relations had been frozen since February 2022.

Officials said the next round of talks would be held in Riyadh.
`;

let engine: Engine;
let indexDir: string;
beforeAll(async () => {
  ({ engine, indexDir } = await engineOver({ "call.md": ARTICLE }));
  await engine.ask("warm up");
});
afterAll(async () => {
  await engine?.close();
});

async function candidates(question: string): Promise<Candidate[]> {
  const r = await loadIndex(indexDir, (await realModel()).id);
  try {
    const q = analyzeQuestion(question, r, { aliases: new Map() });
    const [v] = await (await realModel()).embed([q.embedText]);
    return computeFeatures(r, q, v!);
  } finally {
    r.close();
  }
}
const find = (cs: Candidate[], re: RegExp) => {
  const c = cs.find((x) => re.test(x.unit.text));
  if (!c) throw new Error(`no candidate matches ${re}`);
  return c;
};

describe("the kind of answer asked for, with the real model and index", () => {
  it("marks, for 'when', a date a calendar can place in a sentence about what was asked: not a weekday, a month alone, or a dated sentence about something else", async () => {
    const cs = await candidates("what date was the call");
    expect(find(cs, /took place on March 18/).features.typeDated).toBeGreaterThan(0);
    expect(find(cs, /on Tuesday/).features.typeDated).toBe(0);
    expect(find(cs, /earlier in March/).features.typeDated).toBe(0);
    expect(find(cs, /frozen since February 2022/).features.typeDated).toBe(0);
    // Only a "when" question asks for a date.
    expect(find(await candidates("how long was the call"), /took place on March 18/).features.typeDated).toBe(0);
  });

  it("marks a length that only describes something the question does not name ('a 30-day pause' for the call)", async () => {
    const call = await candidates("how long was the call");
    expect(find(call, /30-day pause/).features.typeModifies).toBe(1);
    expect(find(call, /10-day deadline/).features.typeModifies).toBe(1);
    expect(find(call, /lasted more than two hours/).features.typeModifies).toBe(0);
    // Asked about the pause itself, the same words answer it.
    expect(find(await candidates("how long is the pause in strikes"), /30-day pause/).features.typeModifies).toBe(0);
  });

  it("answers the call's length and date with the sentence about the call", async () => {
    for (const q of ["how long did the call go on", "what day was the call"]) {
      const a = await engine.ask(q);
      expect(a.reason, q).toBe("answered");
      expect(a.items[0]!.text, q).toMatch(/lasted more than two hours/);
    }
  });
});
