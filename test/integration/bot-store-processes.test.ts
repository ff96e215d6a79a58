import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ROOT, TSX } from "../helpers/cli.js";
import { tempDir } from "../helpers/corpus.js";

const WRITERS = 4;
const EACH = 150;

/** Starts the writers, lets them all load, then starts them at the same instant on a new file. */
async function race(dir: string): Promise<{ name: string; written: number; hash?: string; error?: string }[]> {
  const file = path.join(dir, "bot.sqlite");
  const go = path.join(dir, "go");
  const children = Array.from({ length: WRITERS }, (_, i) => {
    const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "test/helpers/store-writer.ts"), file, go, `p${i}`, String(EACH)], { cwd: ROOT });
    let out = "";
    const waiting = new Promise<void>((resolve) => child.stdout.on("data", (d) => ((out += d), out.includes("waiting") && resolve())));
    const done = new Promise<string>((resolve) => child.on("close", () => resolve(out)));
    return { waiting, done };
  });
  await Promise.all(children.map((c) => c.waiting));
  writeFileSync(go, "");
  const outs = await Promise.all(children.map((c) => c.done));
  return outs.map((o) => JSON.parse(o.trim().split("\n").pop()!));
}

describe("one bot store shared by several processes (a sharded bot)", () => {
  it("processes that open a new store at the same instant all migrate it, agree on one salt, and lose no write", async () => {
    // Twice: the race on a new file (who creates the tables, who sets the salt) is the delicate part.
    for (let round = 0; round < 2; round++) {
      const dir = tempDir();
      const results = await race(dir);
      expect(results.filter((r) => r.error)).toEqual([]);
      expect(results.map((r) => r.written)).toEqual(Array(WRITERS).fill(EACH));
      expect(new Set(results.map((r) => r.hash)).size).toBe(1);
      const db = new Database(path.join(dir, "bot.sqlite"), { readonly: true });
      expect(db.prepare("SELECT COUNT(*) AS n FROM answers").get()).toEqual({ n: WRITERS * EACH });
      expect(db.prepare("SELECT COUNT(*) AS n FROM feedback").get()).toEqual({ n: WRITERS * EACH });
      expect(db.prepare("SELECT COUNT(*) AS n FROM meta WHERE key = 'salt'").get()).toEqual({ n: 1 });
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      db.close();
    }
  });
});
