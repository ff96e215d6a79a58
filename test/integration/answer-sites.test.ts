import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/engine.js";
import { engineOver } from "../helpers/model.js";

// Written for this test: talks in one city, at a palace there, and leaders meeting in another city
// the same day. "Where in" that city asks for the palace.
const ARTICLE = `---
title: Envoys hold first talks in Riyadh as Europe meets in Paris
outlet: Test Wire
published: 2025-02-18
---

RIYADH — Senior American and Russian envoys met in Riyadh on Tuesday for their first talks in three years.

The meeting at Diriyah Palace, a royal compound on the edge of the city, lasted about four and a half hours.

European leaders, who held an emergency meeting in Paris on Monday, were not invited to the talks in Riyadh.

Both delegations said they would meet again within weeks.
`;

let engine: Engine;
beforeAll(async () => {
  ({ engine } = await engineOver({ "riyadh.md": ARTICLE }));
  await engine.ask("warm up");
});
afterAll(async () => {
  await engine?.close();
});

describe("'where in' a city, with the real model and index", () => {
  it("answers with the building in that city, not another city", async () => {
    for (const q of ["where in riyadh did the envoys meet", "where exactly in riyadh were the talks held"]) {
      const a = await engine.ask(q);
      expect(a.reason, q).toBe("answered");
      expect(a.items[0]!.text, q).toMatch(/Diriyah Palace/);
    }
  });
});
