import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { computeFeatures } from "../../src/answer/features.js";
import type { Engine } from "../../src/engine.js";
import { loadIndex } from "../../src/index/load.js";
import { engineOver, realModel } from "../helpers/model.js";

// A briefing transcript, where a reporter's question sits right next to its answer and reads
// almost exactly like a user's question about the same thing.
const BRIEFING = `---
title: Spokesman's daily briefing on the Abu Dhabi talks
outlet: Test Wire
published: 2026-01-23
---

The spokesman took questions from reporters on Friday about the talks in Abu Dhabi.

QUESTION: Who is in the Russian delegation going to Abu Dhabi?

SPOKESMAN: The delegation is led by Admiral Igor Kostyukov, the head of military intelligence, and includes officers of the general staff.

QUESTION: Will the talks last more than one day?

SPOKESMAN: We expect them to continue on Saturday.
`;

let indexDir: string;
let engine: Engine;
beforeAll(async () => {
  ({ engine, indexDir } = await engineOver({ "briefing.md": BRIEFING }));
});
afterAll(async () => {
  await engine?.close();
});

describe("a briefing transcript, with the real model and index", () => {
  it("marks the reporters' questions as questions, and not the answers", async () => {
    const r = await loadIndex(indexDir, (await realModel()).id);
    try {
      const q = analyzeQuestion("who is in russia's delegation in abu dhabi", r, { aliases: new Map() });
      const [v] = await (await realModel()).embed([q.embedText]);
      const candidates = computeFeatures(r, q, v!);
      const asked = candidates.find((c) => c.unit.text.startsWith("Who is in the Russian delegation"));
      const answer = candidates.find((c) => c.unit.text.includes("Kostyukov"));
      expect(asked?.features.asks).toBe(1);
      expect(answer?.features.asks).toBe(0);
    } finally {
      r.close();
    }
  });

  it("ranks the spokesman's answer above a reporter's question worded like the user's, and next to one worded exactly like it", async () => {
    const reworded = await engine.ask("who leads the russian delegation");
    expect(reworded.answered).toBe(true);
    expect(reworded.items[0]?.text).toContain("Kostyukov");
    const verbatim = await engine.ask("who is in the russian delegation going to abu dhabi");
    expect(verbatim.items.slice(0, 2).map((i) => i.text).join(" ")).toContain("Kostyukov");
  });
});
