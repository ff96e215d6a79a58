import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/**
 * Which model an unset EMBEDDING_MODEL settled on for one index, and why, kept in the index folder.
 * Without it every start would ask the hub again (slow without internet) and print the fallback
 * warning again; with it the decision is made once per index and the index keeps its model.
 */
export const CHOICE_FILE = "model-choice.json";

const Choice = z.object({
  model: z.string().min(1),
  reason: z.string(),
  decidedAt: z.string(),
});
export type ModelChoice = z.infer<typeof Choice>;

const ChoiceFile = z.object({
  version: z.literal(1),
  /** Keyed by the model setting (see `choiceKey`), so another setting decides afresh. */
  choices: z.record(Choice),
});

export function choicePath(indexDir: string): string {
  return path.join(indexDir, CHOICE_FILE);
}

async function readAll(indexDir: string): Promise<Record<string, ModelChoice>> {
  let raw: string;
  try {
    raw = await readFile(choicePath(indexDir), "utf8");
  } catch {
    return {};
  }
  try {
    const parsed = ChoiceFile.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.choices : {};
  } catch {
    // A damaged file only costs one more probe; it is rewritten after it.
    return {};
  }
}

/** The remembered decision for a setting, or null (none, or an unreadable file). */
export async function readChoice(indexDir: string, key: string): Promise<ModelChoice | null> {
  return (await readAll(indexDir))[key] ?? null;
}

/** Remembers a decision, keeping those of other settings; written whole then renamed. */
export async function writeChoice(indexDir: string, key: string, choice: ModelChoice): Promise<void> {
  const choices = { ...(await readAll(indexDir)), [key]: choice };
  await mkdir(path.resolve(indexDir), { recursive: true }); // see newGeneration: never a relative path
  const tmp = `${choicePath(indexDir)}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ version: 1, choices }, null, 2)}\n`);
  await rename(tmp, choicePath(indexDir));
}
