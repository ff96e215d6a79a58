import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/corpus.js";

describe("npm run demo", () => {
  it("answers questions read from stdin, one per line, printing each reply as Discord shows it, and exits at the end", async () => {
    const input = ["What did the Kremlin say?", "> what did he mean by that?", "/more", "What is the capital of France?", ""].join("\n");
    const r = await runCli("src/demo/main.ts", [], { input, env: { INDEX_DIR: path.join(tempDir(), "index"), DISCORD_TOKEN: "" } });
    expect(r.code, r.stderr).toBe(0);
    const replies = r.stdout.split(/^── /m).filter(Boolean);
    expect(replies).toHaveLength(4);
    expect(replies[0]).toMatch(/^Dossier ─+\n│ What did the Kremlin say\?\n│ /);
    expect(replies[0]).toMatch(/│ > .+\n│ — Yuri Ushakov, Kremlin foreign policy aide \[1\]/);
    expect(replies[0]).toMatch(/│ \[1\] Kremlin sees progress as Trump's envoy meets Putin — Reuters · ¶\d/);
    expect(replies[0]).toMatch(/\[ Helpful \] \[ Not helpful \] \[ Show paragraph \] \[ More \(\d+\) \] \[ Follow up \]/);
    expect(replies[1]).toContain("│ Reading this as: What did Yuri Ushakov mean by that?");
    expect(replies[2]).toMatch(/^Dossier \(only you can see this\)[\s\S]*More: what did he mean by that\?/);
    expect(replies[3]).toMatch(/only you can see this[\s\S]*The articles never mention “France”\.[\s\S]*• What did Yuri Ushakov say\?/);
    // Markdown is rendered, not shown raw.
    expect(r.stdout).not.toMatch(/\*\*|\\\./);
  });
});
