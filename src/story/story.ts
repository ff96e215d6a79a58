import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { foldWord } from "../text/terms.js";

/**
 * What a corpus knows about its own story, kept as data in the corpus folder (dossier.yaml) so
 * moderators can edit it and nothing story-specific lives in the code:
 * - aliases: a name people ask about -> the names that answer for it ("norway" -> its government);
 * - furniture: lines one outlet's pages leave in the text that are not story text;
 * - notNames: capitalised words of this story that are never a person's name.
 */
export const STORY_FILE = "dossier.yaml";

const list = z.array(z.union([z.string(), z.number()]).transform(String)).default([]);

const StoryFile = z
  .object({
    aliases: z.record(z.string(), list).default({}),
    furniture: list,
    notNames: list,
  })
  .strict();

export interface Story {
  /** Folded name -> folded names that answer for it (both directions are not implied). */
  aliases: Map<string, string[]>;
  furniture: string[];
  notNames: Set<string>;
  /** Hash input: parsing depends on furniture and notNames, so a change rebuilds the index. */
  parsingKey: string;
}

export const EMPTY_STORY: Story = { aliases: new Map(), furniture: [], notNames: new Set(), parsingKey: "" };

export class StoryFileError extends Error {}

const fold = (s: string) => s.split(/\s+/).map(foldWord).filter(Boolean).join(" ");

/** Parses dossier.yaml content; throws StoryFileError with a readable reason. */
export function parseStory(content: string): Story {
  let raw: unknown;
  try {
    raw = parseYaml(content) ?? {};
  } catch (err) {
    throw new StoryFileError(`${STORY_FILE} is not valid YAML (${(err as Error).message.split("\n")[0]})`);
  }
  const parsed = StoryFile.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new StoryFileError(`${STORY_FILE}: ${i.path.join(".") || "top level"}: ${i.message}`);
  }
  const aliases = new Map<string, string[]>();
  for (const [name, answers] of Object.entries(parsed.data.aliases)) {
    const key = fold(name);
    if (key) aliases.set(key, [...new Set(answers.map(fold).filter(Boolean))]);
  }
  const furniture = parsed.data.furniture.map((l) => l.trim().toLowerCase()).filter(Boolean);
  const notNames = new Set(parsed.data.notNames.map(fold).filter(Boolean));
  return { aliases, furniture, notNames, parsingKey: JSON.stringify([furniture, [...notNames].sort()]) };
}

/** The corpus folder's story file; none is an empty story, a broken one a warning and an empty story. */
export async function loadStory(corpusDir: string, warn: (line: string) => void = () => {}): Promise<Story> {
  let content: string;
  try {
    content = await readFile(path.join(corpusDir, STORY_FILE), "utf8");
  } catch {
    return EMPTY_STORY;
  }
  try {
    return parseStory(content);
  } catch (err) {
    if (!(err instanceof StoryFileError)) throw err;
    warn(`dossier: ignoring ${path.join(corpusDir, STORY_FILE)}: ${err.message}`);
    return EMPTY_STORY;
  }
}
