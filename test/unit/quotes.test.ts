import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findPeople } from "../../src/attribution/people.js";
import { CORPUS_DIR, unitsOf } from "../helpers/corpus.js";

// The two seed articles as the repository's corpus/ holds them (no files from outside the repository).
const seed = (name: string) => readFileSync(path.join(CORPUS_DIR, name), "utf8");
const SEED1 = "witkoff-putin-talks-reuters-cgtn-gnews.md";
const SEED2 = "kremlin-sees-progress-as-trumps-envoy-meets-putin.md";
const seed1 = unitsOf(SEED1, seed(SEED1));
const seed2 = unitsOf(SEED2, seed(SEED2));
const quotes = (units: typeof seed1) => units.filter((u) => u.kind === "quote");
const byQuote = (units: typeof seed1, start: string) => units.find((u) => u.quote?.startsWith(start));

describe("quotes in the seed articles", () => {
  it("attributes both of Ushakov's quotes in each article to Yuri Ushakov with a Kremlin role", () => {
    for (const [units, second] of [
      [seed1, "Regarding the Ukrainian crisis"],
      [seed2, "As for the Ukrainian crisis"],
    ] as const) {
      for (const start of ["This conversation", second]) {
        const q = byQuote(units, start);
        expect(q, start).toBeDefined();
        expect(q!.speaker).toBe("Yuri Ushakov");
        expect(q!.role).toMatch(/Kremlin/);
      }
    }
  });

  it("attributes Trump's quotes to Donald Trump", () => {
    expect(byQuote(seed2, "SUCCESS seems to be in the future!")?.speaker).toBe("Donald Trump");
    expect(byQuote(seed2, "a pretty good meeting")?.speaker).toBe("Donald Trump");
    expect(byQuote(seed1, "very close to an agreement")?.speaker).toBe("Donald Trump");
    expect(byQuote(seed2, "SUCCESS")?.role).toMatch(/President/);
  });

  it("finds reported speech without quote marks", () => {
    const kremlin = seed2.find((u) => u.kind === "statement" && u.text.startsWith("the Kremlin said"));
    expect(kremlin).toMatchObject({ speaker: "Kremlin", text: "the Kremlin said the two sides' positions had moved closer." });
    expect(seed1.find((u) => u.text.startsWith("The Trump administration has warned"))?.speaker).toBe("Trump administration");
  });

  it("gives every unit verbatim text and names no speaker for plain narration", () => {
    const content = seed(SEED2);
    for (const u of seed2) expect(content.slice(u.start, u.end)).toBe(u.text);
    expect(seed2.find((u) => u.text.startsWith("Trump was speaking aboard"))?.speaker).toBeNull();
    expect(quotes(seed2).every((q) => q.speaker !== null)).toBe(true);
  });
});

describe("attribution patterns", () => {
  const one = (text: string) => quotes(unitsOf("t.md", text));

  it("handles said X, according to X, wrote, told reporters and curly marks", () => {
    expect(one(`“We will not sign,” said Foreign Minister Sergei Lavrov.\n`)[0]).toMatchObject({ speaker: "Sergei Lavrov", role: "Foreign Minister" });
    expect(one(`The deal is "dead in the water", according to Senator Jane Doe.\n`)[0]?.speaker).toBe("Jane Doe");
    expect(one(`White House spokeswoman Karoline Leavitt spoke on Monday. "It was productive," she told reporters.\n`)[0]).toMatchObject({
      speaker: "Karoline Leavitt",
      role: "White House spokeswoman",
    });
    expect(one(`"Peace is near," Zelensky wrote on X.\n`)[0]?.speaker).toBe("Zelensky");
  });

  it("carries a quote continued in the next paragraph and a second quote in the same paragraph", () => {
    const text = `Kremlin aide Yuri Ushakov briefed the press. "The first part is done," he said. "The second part is not.\n\n"It continues here, with more detail."\n`;
    const qs = one(text);
    expect(qs.map((q) => q.speaker)).toEqual(["Yuri Ushakov", "Yuri Ushakov", "Yuri Ushakov"]);
    expect(qs[0]!.role).toBe("Kremlin aide");
  });

  it("keeps a quote multi-sentence and leaves the speaker null when the text names nobody", () => {
    const qs = one(`"The talks failed. Nobody knows why. It is over."\n`);
    expect(qs).toHaveLength(1);
    // Shown as the sentence, marks included; the quoted words alone are kept too (for /quotes).
    expect(qs[0]!.text).toBe(`"The talks failed. Nobody knows why. It is over."`);
    expect(qs[0]!.quote).toBe("The talks failed. Nobody knows why. It is over.");
    expect(qs[0]!.speaker).toBeNull();
  });

  it("separates a descriptor from the name", () => {
    expect(findPeople("Kremlin foreign policy adviser Yuri Ushakov, who attended the talks")).toEqual([
      { start: 31, end: 43, name: "Yuri Ushakov", role: "Kremlin foreign policy adviser" },
    ]);
    expect(findPeople("Trump was speaking aboard Air Force One on his way to Rome.")).toEqual([]);
  });
});
