import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/engine.js";
import { engineOver } from "../helpers/model.js";

// Written for this test: an outlet that hyphenates "cease-fire", as some house styles do, and a
// sentence about a fire that shares one of its halves.
const ARTICLE = `---
title: Envoys agree on a pause in the fighting
outlet: Test Wire
published: 2025-03-12
---

JEDDAH — American and Ukrainian officials met for eight hours on Tuesday.

Ukraine said it would accept an immediate 30-day cease-fire if Russia did the same.

A fire broke out at a fuel depot near the front line later that evening, officials said.

The delegations are expected to meet again next week.
`;

let engine: Engine;
beforeAll(async () => {
  ({ engine } = await engineOver({ "jeddah.md": ARTICLE }));
});
afterAll(async () => {
  await engine?.close();
});

describe("words written another way by the articles, with the real model and index", () => {
  it("finds 'ceasefire' where the article writes 'cease-fire'", async () => {
    const a = await engine.ask("how long was the proposed ceasefire");
    expect(a.reason).toBe("answered");
    expect(a.items[0]!.text).toContain("30-day cease-fire");
  });
});
