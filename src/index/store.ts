import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { DATA_FILES, INDEX_FORMAT, INDEX_VERSION, Manifest } from "./schema.js";

/**
 * Layout: DIR/CURRENT names a generation folder DIR/gen-*, which holds manifest.json and the data
 * files (index.sqlite, hnsw.bin). A build writes a new generation completely, then renames a new
 * CURRENT over the old one; a rename is atomic, so a build killed at any moment leaves the
 * previous index loadable.
 */
export const CURRENT = "CURRENT";

export type IndexErrorKind = "missing" | "damaged" | "foreign" | "model" | "stale" | "not-a-folder" | "write-failed";

export class IndexError extends Error {
  constructor(
    message: string,
    readonly kind: IndexErrorKind,
  ) {
    super(message);
  }
}

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** fsync a file written by other means (SQLite, hnswlib), so a power cut cannot commit half of it. */
export async function syncFile(file: string): Promise<void> {
  const fh = await open(file, "r+");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function writeDurably(file: string, data: Buffer | string): Promise<void> {
  const fh = await open(file, "w");
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** sha256 and size of a file, streamed: index files can be hundreds of megabytes. */
export async function fileDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/** An index folder must be a folder: a regular file in its place is one clear message. */
export async function checkIndexDir(indexDir: string): Promise<boolean> {
  const st = await stat(indexDir).catch(() => null);
  if (!st) return false;
  if (!st.isDirectory()) throw new IndexError(`The index path ${indexDir} is not a folder; move that file away or set another index folder (--index or INDEX_DIR).`, "not-a-folder");
  return true;
}

export interface GenerationWriter {
  dir: string;
  /** Records a data file already written into the generation folder (and fsyncs it). */
  adopt(name: string): Promise<void>;
  commit(manifest: Omit<Manifest, "files">): Promise<void>;
  /** Removes the unfinished generation (a failed build). */
  discard(): Promise<void>;
}

export async function newGeneration(indexDir: string): Promise<GenerationWriter> {
  await checkIndexDir(indexDir);
  // Resolved first: Node retries a recursive mkdir of a relative path forever once the working
  // folder is gone (it was deleted while we ran); resolving it throws ENOENT instead.
  await mkdir(path.resolve(indexDir), { recursive: true });
  const name = `gen-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const dir = path.join(indexDir, name);
  await mkdir(dir);
  await writeDurably(path.join(dir, OWNER), String(process.pid));
  const files: Manifest["files"] = {};
  return {
    dir,
    async adopt(file) {
      await syncFile(path.join(dir, file));
      files[file] = await fileDigest(path.join(dir, file));
    },
    async commit(manifest) {
      for (const f of DATA_FILES) if (!files[f]) throw new Error(`generation is missing ${f}`);
      await writeDurably(path.join(dir, "manifest.json"), JSON.stringify({ ...manifest, files }));
      const tmp = path.join(indexDir, `${CURRENT}.${process.pid}.tmp`);
      await writeDurably(tmp, name + "\n");
      await rename(tmp, path.join(indexDir, CURRENT));
      await rm(path.join(dir, OWNER), { force: true });
      await pruneGenerations(indexDir);
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Removes older generations and leftovers of killed builds; never the one CURRENT names, nor one
 * whose build is still running in a live process (its folder holds that process's pid). Called by
 * every build and every load, so a no-op run cleans up too.
 */
export async function pruneGenerations(indexDir: string): Promise<number> {
  const keep = await readFile(path.join(indexDir, CURRENT), "utf8").then((s) => s.trim(), () => null);
  let removed = 0;
  for (const entry of await readdir(indexDir).catch(() => [] as string[])) {
    if (entry === keep || entry === CURRENT) continue;
    const full = path.join(indexDir, entry);
    if (entry.startsWith(`${CURRENT}.`)) {
      const pid = Number(entry.split(".")[1]);
      if (!isAlive(pid)) await rm(full, { force: true }).then(() => removed++, () => {});
      continue;
    }
    if (!entry.startsWith("gen-")) continue;
    const owner = await readFile(path.join(full, OWNER), "utf8").then(Number, () => NaN);
    if (isAlive(owner)) continue;
    await rm(full, { recursive: true, force: true }).then(() => removed++, () => {});
  }
  return removed;
}

const OWNER = ".owner";

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function currentGeneration(indexDir: string): Promise<string> {
  if (!(await checkIndexDir(indexDir))) throw new IndexError(`No index at ${indexDir} yet.`, "missing");
  let name: string;
  try {
    name = (await readFile(path.join(indexDir, CURRENT), "utf8")).trim();
  } catch {
    const entries = (await readdir(indexDir).catch(() => [] as string[])).filter((e) => !e.startsWith("gen-") && !e.startsWith(`${CURRENT}.`));
    const gens = (await readdir(indexDir).catch(() => [] as string[])).filter((e) => e.startsWith("gen-"));
    if (entries.length === 0) throw new IndexError(`No index at ${indexDir} yet.`, "missing");
    if (gens.length === 0) throw new IndexError(`${indexDir} holds files that are not a Dossier index (no ${CURRENT} file).`, "foreign");
    throw new IndexError(`The index at ${indexDir} is damaged: its ${CURRENT} file is missing.`, "damaged");
  }
  if (!/^gen-[\w-]+$/.test(name) || !(await stat(path.join(indexDir, name)).then((s) => s.isDirectory(), () => false))) {
    throw new IndexError(`The index at ${indexDir} is damaged: ${CURRENT} names a missing generation.`, "damaged");
  }
  return path.join(indexDir, name);
}

export async function readManifest(indexDir: string): Promise<{ dir: string; manifest: Manifest }> {
  const dir = await currentGeneration(indexDir);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
  } catch (err) {
    throw new IndexError(`The index at ${indexDir} is damaged: manifest.json is unreadable (${(err as Error).message}).`, "damaged");
  }
  const head = raw as { format?: unknown; version?: unknown };
  if (head?.format !== INDEX_FORMAT) throw new IndexError(`${indexDir} does not hold a Dossier index (unknown format).`, "foreign");
  if (head.version !== INDEX_VERSION) {
    throw new IndexError(`The index at ${indexDir} was written by another version of Dossier (index version ${String(head.version)}, this one reads ${INDEX_VERSION}).`, "stale");
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) throw new IndexError(`The index at ${indexDir} is damaged: manifest.json does not match its schema.`, "damaged");
  return { dir, manifest: parsed.data };
}

/** Every data file present, of the recorded size and checksum; anything else is "damaged". */
export async function verifyFiles(dir: string, manifest: Manifest): Promise<void> {
  for (const file of DATA_FILES) {
    const expected = manifest.files[file];
    if (!expected) throw new IndexError(`The index is damaged: the manifest does not list ${file}.`, "damaged");
    const st = await stat(path.join(dir, file)).catch(() => null);
    if (!st) throw new IndexError(`The index is damaged: ${file} is missing.`, "damaged");
    if (st.size !== expected.bytes) throw new IndexError(`The index is damaged: ${file} is truncated or altered (${st.size} bytes, ${expected.bytes} expected).`, "damaged");
    const got = await fileDigest(path.join(dir, file));
    if (got.sha256 !== expected.sha256) throw new IndexError(`The index is damaged: ${file} is truncated or altered (checksum mismatch).`, "damaged");
  }
}
