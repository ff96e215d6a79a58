import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { mkdir, open, readFile, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { INDEX_FORMAT, INDEX_VERSION, Manifest, Meta } from "./schema.js";

/**
 * Layout: DIR/CURRENT names a generation folder DIR/gen-*, which holds manifest.json, meta.json,
 * vectors.f32 and hnsw.bin. A build writes a new generation completely, then renames a new
 * CURRENT over the old one; a rename is atomic, so a build killed at any moment leaves the
 * previous index loadable.
 */
export const CURRENT = "CURRENT";

export class IndexError extends Error {
  constructor(
    message: string,
    readonly kind: "missing" | "damaged" | "foreign" | "model" | "stale",
  ) {
    super(message);
  }
}

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
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

export interface GenerationWriter {
  dir: string;
  write(name: string, data: Buffer | string): Promise<void>;
  /** Files already written by other means (hnswlib writes its own); returns their sha256. */
  adopt(name: string): Promise<string>;
  commit(manifest: Omit<Manifest, "files">): Promise<void>;
}

export async function newGeneration(indexDir: string): Promise<GenerationWriter> {
  await mkdir(indexDir, { recursive: true });
  const name = `gen-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const dir = path.join(indexDir, name);
  await mkdir(dir);
  const files: Manifest["files"] = {};
  return {
    dir,
    async write(file, data) {
      await writeDurably(path.join(dir, file), data);
      const buf = typeof data === "string" ? Buffer.from(data) : data;
      files[file] = { sha256: sha256(buf), bytes: buf.length };
    },
    async adopt(file) {
      const buf = await readFile(path.join(dir, file));
      files[file] = { sha256: sha256(buf), bytes: buf.length };
      return files[file].sha256;
    },
    async commit(manifest) {
      await writeDurably(path.join(dir, "manifest.json"), JSON.stringify({ ...manifest, files }));
      const tmp = path.join(indexDir, `${CURRENT}.${process.pid}.tmp`);
      await writeDurably(tmp, name + "\n");
      await rename(tmp, path.join(indexDir, CURRENT));
      await pruneGenerations(indexDir, name);
    },
  };
}

/** Removes older generations and leftovers of killed builds; never the one CURRENT names. */
async function pruneGenerations(indexDir: string, keep: string): Promise<void> {
  for (const entry of await readdir(indexDir)) {
    if (entry === keep || entry === CURRENT) continue;
    if (entry.startsWith("gen-") || entry.startsWith(`${CURRENT}.`)) {
      await rm(path.join(indexDir, entry), { recursive: true, force: true }).catch(() => {});
    }
  }
}

export async function currentGeneration(indexDir: string): Promise<string> {
  if (!existsSync(indexDir)) throw new IndexError(`No index at ${indexDir} yet.`, "missing");
  let name: string;
  try {
    name = (await readFile(path.join(indexDir, CURRENT), "utf8")).trim();
  } catch {
    const entries = await readdir(indexDir).catch(() => []);
    if (entries.length === 0) throw new IndexError(`No index at ${indexDir} yet.`, "missing");
    throw new IndexError(`${indexDir} holds files that are not a Dossier index (no ${CURRENT} file).`, "foreign");
  }
  if (!/^gen-[\w-]+$/.test(name) || !existsSync(path.join(indexDir, name))) {
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
    throw new IndexError(`The index at ${indexDir} was written by another version of Dossier (format ${String(head.version)}).`, "stale");
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) throw new IndexError(`The index at ${indexDir} is damaged: manifest.json does not match its schema.`, "damaged");
  return { dir, manifest: parsed.data };
}

/** Reads a data file of the current generation, refusing one whose checksum does not match. */
export async function readVerified(dir: string, manifest: Manifest, file: string): Promise<Buffer> {
  const expected = manifest.files[file];
  let buf: Buffer;
  try {
    buf = await readFile(path.join(dir, file));
  } catch {
    throw new IndexError(`The index is damaged: ${file} is missing.`, "damaged");
  }
  if (!expected || expected.bytes !== buf.length || expected.sha256 !== sha256(buf)) {
    throw new IndexError(`The index is damaged: ${file} is truncated or altered.`, "damaged");
  }
  return buf;
}

/** Checks a large file's checksum without holding it in memory (hnsw.bin is ~2 KB per paragraph). */
export async function verifyStreaming(dir: string, manifest: Manifest, file: string): Promise<void> {
  const expected = manifest.files[file];
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path.join(dir, file))) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch {
    throw new IndexError(`The index is damaged: ${file} is missing.`, "damaged");
  }
  if (!expected || expected.bytes !== bytes || expected.sha256 !== hash.digest("hex")) {
    throw new IndexError(`The index is damaged: ${file} is truncated or altered.`, "damaged");
  }
}

/**
 * The checksum proves meta.json is byte for byte what a build wrote, so the schema is checked on
 * its shape and end records rather than by copying every record (a large index holds millions).
 */
export async function readMeta(dir: string, manifest: Manifest): Promise<Meta> {
  const buf = await readVerified(dir, manifest, "meta.json");
  const data = JSON.parse(buf.toString("utf8")) as Meta;
  const ends = <T>(xs: T[]) => (xs.length ? [xs[0]!, xs[xs.length - 1]!] : []);
  const ok =
    data !== null &&
    Array.isArray(data.chunks) &&
    Array.isArray(data.units) &&
    Meta.safeParse({ chunks: ends(data.chunks), units: ends(data.units) }).success &&
    data.units.every((u) => u.chunk >= 0 && u.chunk < data.chunks.length);
  if (!ok) throw new IndexError("The index is damaged: meta.json does not match its schema.", "damaged");
  return data;
}

export function vectorsFrom(buf: Buffer, dim: number): Float32Array {
  const copy = new Float32Array(buf.byteLength / 4);
  Buffer.from(copy.buffer).set(buf);
  if (copy.length % dim !== 0) throw new IndexError("The index is damaged: vectors.f32 has a partial vector.", "damaged");
  return copy;
}

