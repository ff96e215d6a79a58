import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EMPTY_STORY, StoryFileError, loadStory, parseStory } from "../../src/story/story.js";

describe("the corpus's story file (dossier.yaml)", () => {
  it("reads aliases, page furniture and words that are never names, folded", () => {
    const story = parseStory("aliases:\n  Russia: [Kremlin, Moscow]\n  the U.S.: [White House]\nfurniture: [Load Next Story]\nnotNames: [CGTN]\n");
    expect(story.aliases.get("russia")).toEqual(["kremlin", "moscow"]);
    expect(story.aliases.get("the us")).toEqual(["white house"]);
    expect(story.furniture).toEqual(["load next story"]);
    expect([...story.notNames]).toEqual(["cgtn"]);
  });

  it("changes its parsing key only when parsing depends on what changed", () => {
    const a = parseStory("aliases: {russia: [kremlin]}\nfurniture: [Read more]\n");
    const b = parseStory("aliases: {russia: [kremlin, moscow]}\nfurniture: [Read more]\n");
    const c = parseStory("aliases: {russia: [kremlin]}\nfurniture: [Read more, Most read]\n");
    expect(a.parsingKey).toBe(b.parsingKey);
    expect(a.parsingKey).not.toBe(c.parsingKey);
  });

  it("refuses a broken file with a reason, and the loader warns once and carries on without it", async () => {
    expect(() => parseStory("aliases: [not, a, map]\n")).toThrow(StoryFileError);
    expect(() => parseStory("aliases: {russia: [kremlin\n")).toThrow(/not valid YAML/);
    expect(() => parseStory("aliasses: {}\n")).toThrow(/aliasses|Unrecognized/);
    const dir = mkdtempSync(path.join(tmpdir(), "dossier-story-"));
    writeFileSync(path.join(dir, "dossier.yaml"), "furniture: {oops\n");
    const warnings: string[] = [];
    expect(await loadStory(dir, (l) => warnings.push(l))).toBe(EMPTY_STORY);
    expect(warnings).toEqual([expect.stringMatching(/^dossier: ignoring .*dossier\.yaml: dossier\.yaml is not valid YAML/)]);
    expect(await loadStory(mkdtempSync(path.join(tmpdir(), "dossier-story-")))).toBe(EMPTY_STORY);
  });
});
