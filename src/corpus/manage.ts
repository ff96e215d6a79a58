import { lstat, mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { maxArticleBytes, tooLargeReason } from "./limits.js";
import { ARTICLE_EXTENSIONS, listArticleFiles, parseArticle } from "./load.js";

/** Removed articles are kept here (ignored by the loader, as dot-folders are), never deleted. */
export const REMOVED_DIR = ".removed";

export class CorpusChangeError extends Error {}

/** A safe file name for the corpus folder: lower-case words, the original extension. */
export function safeArticleName(name: string): string {
  const ext = path.extname(name).toLowerCase();
  if (!ARTICLE_EXTENSIONS.includes(ext)) throw new CorpusChangeError(`Only ${ARTICLE_EXTENSIONS.join(" and ")} files can be added (got "${name}").`);
  const stem = path
    .basename(name, path.extname(name))
    .normalize("NFKD")
    .replace(/[^\w.-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .toLowerCase()
    .slice(0, 80);
  if (!stem) throw new CorpusChangeError(`"${name}" is not a usable file name.`);
  return `${stem}${ext}`;
}

export interface AddOptions {
  replace?: boolean;
  /** Default MAX_ARTICLE_BYTES from the environment, the limit the indexer applies too. */
  maxBytes?: number;
}

function storedNameOf(name: string): string | null {
  try {
    return safeArticleName(name.trim());
  } catch {
    return null;
  }
}

/** Validates and saves a new article; refuses to overwrite one unless asked. */
export async function addArticle(corpusDir: string, name: string, bytes: Buffer, opts: AddOptions = {}): Promise<{ file: string; title: string | null; replaced: boolean }> {
  const file = safeArticleName(name);
  const maxBytes = opts.maxBytes ?? maxArticleBytes();
  if (bytes.length === 0) throw new CorpusChangeError(`${name} is empty.`);
  if (bytes.length > maxBytes) throw new CorpusChangeError(`${name} is ${tooLargeReason(maxBytes, bytes.length)}.`);
  if (bytes.includes(0)) throw new CorpusChangeError(`${name} is not a text file.`);
  const text = bytes.toString("utf8");
  if (text.includes("\uFFFD")) throw new CorpusChangeError(`${name} is not UTF-8 text.`);
  const parsed = parseArticle(file, text);
  if ("reason" in parsed) throw new CorpusChangeError(`${name}: ${parsed.reason}.`);
  const target = path.join(corpusDir, file);
  // lstat: a dangling symbolic link is still a file of that name, not a free one.
  const exists = await lstat(target).then(
    () => true,
    () => false,
  );
  if (exists && !opts.replace) throw new CorpusChangeError(`${file} is already in the corpus; add it with replace:true to overwrite it.`);
  // Write then rename, so a reindex never reads half a file.
  const tmp = path.join(corpusDir, `.${file}.${process.pid}.tmp`);
  await writeFile(tmp, bytes);
  await rename(tmp, target);
  return { file, title: parsed.title, replaced: exists };
}

/** Moves an article out of the corpus into corpus/.removed/, so nothing is lost. */
export async function removeArticle(corpusDir: string, name: string): Promise<{ file: string; keptAt: string }> {
  const files = await listArticleFiles(corpusDir);
  // As stored, or as uploaded ("Lisbon Round.md" was saved as lisbon-round.md).
  const file = files.find((f) => f === name) ?? files.find((f) => f.toLowerCase() === name.trim().toLowerCase()) ?? files.find((f) => f === storedNameOf(name));
  if (!file) throw new CorpusChangeError(`No article named "${name}" in the corpus; /sources lists the file names.`);
  const dir = path.join(corpusDir, REMOVED_DIR);
  await mkdir(path.resolve(dir), { recursive: true }); // see newGeneration: never a relative path
  const keptAt = path.join(dir, `${Date.now()}-${file}`);
  await rename(path.join(corpusDir, file), keptAt);
  return { file, keptAt };
}
