import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

/** Asks git itself, so the test follows git's own matching rules rather than a copy of them. */
function ignored(file: string): boolean {
  const r = spawnSync("git", ["check-ignore", "--quiet", "--no-index", file], { cwd: ROOT });
  if (r.status !== 0 && r.status !== 1) throw new Error(`git check-ignore failed: ${r.stderr}`);
  return r.status === 0;
}

describe(".gitignore", () => {
  it("keeps every env file out of git except the example", () => {
    for (const f of [".env", ".env.local", ".env.production", ".env.development.local", ".env.test"]) expect(ignored(f), f).toBe(true);
    expect(ignored(".env.example")).toBe(false);
  });
});
