import { describe, expect, it } from "vitest";
import { parseArticleForIndex } from "../../src/index/parse.js";
import { article } from "../helpers/corpus.js";

const WINDOW = { id: "x", maxTokens: 256, countTokens: (t: string) => t.split(/\s+/).length };
const persons = (text: string) =>
  parseArticleForIndex(article("t.md", text), WINDOW, { furniture: [], notNames: new Set() }).units.flatMap((u) =>
    u.entities.filter((e) => e.type === "person").map((e) => u.text.slice(e.start, e.end)),
  );

describe("people the index tags", () => {
  it("tags a name English lacks as a person, which the tagger alone misses, and not an organisation of English words", () => {
    const found = persons(
      "Among the freed civilians were eight people, including UNIAN journalist Dmytro Khyliuk, abducted in March 2022. The Coordination Headquarters for the Treatment of Prisoners of War said so.",
    );
    expect(found).toContain("Dmytro Khyliuk");
    expect(found.join(" ")).not.toMatch(/Headquarters/);
  });
});
