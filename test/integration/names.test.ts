import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/engine.js";
import { engineOver } from "../helpers/model.js";

// Written for this test: a short surname ("Merz") that a user types as another surname English
// knows ("mertz"), and a whole quote whose attribution says who the speaker is.
const ARTICLE = `---
title: Chancellor hosts Ukraine talks in Berlin
outlet: Test Wire
published: 2025-12-15
---

BERLIN — Negotiators from the United States and Ukraine met for a second day in Berlin on Monday.

"There has been more movement in these two days than in the past four years," said Friedrich Merz, the German chancellor who hosted the talks at the Chancellery.

The euro barely moved on the news.
`;

let engine: Engine;
beforeAll(async () => {
  ({ engine } = await engineOver({ "berlin.md": ARTICLE }));
});
afterAll(async () => {
  await engine?.close();
});

describe("names typed as other words, with the real model and index", () => {
  it("reads 'mertz' as Merz, a name the articles write capitalised, and finds his quote", async () => {
    const a = await engine.ask("what did mertz say about the berlin talks");
    expect(a.reason).toBe("answered");
    expect(a.items[0]!.speaker).toBe("Friedrich Merz");
    // The quote is shown with its attribution, which says who Merz is.
    expect(a.items[0]!.text).toContain("the German chancellor who hosted the talks");
  });

  it("answers who hosted the talks from the attribution of a quote", async () => {
    const a = await engine.ask("who hosted the talks in berlin");
    expect(a.answered).toBe(true);
    expect(a.items[0]!.text).toContain("said Friedrich Merz");
  });
});
