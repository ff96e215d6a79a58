import { symlinkSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { runCli, type RunResult } from "../helpers/cli.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";

const ASK = "src/cli/ask.ts";
const TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhIjKl.leaked-bot-token-value";
/** Anything a terminal could act on: C0 but tab and newline, DEL, C1, bidi controls. */
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

let corpus: string;
let indexDir: string;
let indexRun: RunResult;

beforeAll(async () => {
  const outside = tempDir();
  writeFileSync(path.join(outside, ".env"), `# production settings\nDISCORD_TOKEN=${TOKEN}\n\nThe Discord bot token for the Kremlin talks server is stored above.\n`);
  corpus = corpusCopy({
    "notes\u001b]0;owned\u0007\u001b[31m.txt": "",
    "rlo\u202Etxt.md": "Kremlin aide Yuri Ushakov said the talks were constructive, a line with a \u001b[2J clear-screen code in it.\n",
  });
  symlinkSync(path.join(outside, ".env"), path.join(corpus, "bot-token.md"));
  writeFileSync(path.join(corpus, "huge.txt"), "The envoy met Putin.\n");
  truncateSync(path.join(corpus, "huge.txt"), 50 * 1024 * 1024);
  indexDir = path.join(tempDir(), "index");
  indexRun = await runCli("src/cli/index-cmd.ts", ["--corpus", corpus, "--index", indexDir]);
});

describe("bad corpus files through the terminal commands", () => {
  it("indexes the readable articles and names each refused file with its reason", () => {
    expect(indexRun.code).toBe(0);
    expect(indexRun.stdout).toMatch(/Indexed into .*: 3 articles/);
    const stderr = indexRun.stderr;
    expect(stderr).toContain("dossier: skipped bot-token.md: a symbolic link to a file outside the corpus folder (not read)");
    expect(stderr).toContain("dossier: skipped huge.txt: too large (52.4 MB, over the 1 MB limit set by MAX_ARTICLE_BYTES)");
    // The file name's escape sequences are stripped from the warning, its letters kept.
    expect(stderr).toContain("dossier: skipped notes.txt: empty file");
    expect(stderr).not.toMatch(UNSAFE);
    expect(indexRun.stderr + indexRun.stdout).not.toContain(TOKEN);
  });

  it("never quotes a file that a link outside the corpus points to", async () => {
    for (const q of ["What is the Discord bot token?", "DISCORD_TOKEN", "What is stored in the production settings?"]) {
      const r = await runCli(ASK, ["--json", "--corpus", corpus, "--index", indexDir, q]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain(TOKEN);
      const answer = JSON.parse(r.stdout) as Answer;
      for (const item of [...answer.items, ...(answer.nearest ?? [])]) expect(item.sources.map((s) => s.article)).not.toContain("bot-token.md");
    }
  });

  it("prints no control characters from the question or the articles, in text or JSON", async () => {
    const question = "What did\u001b[2J\u001b]0;owned\u0007 the Kremlin\u202E say?";
    const text = await runCli(ASK, ["--corpus", corpus, "--index", indexDir, question]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Q: What did the Kremlin say\?\n/);
    expect(text.stdout).toContain("Yuri Ushakov");
    expect(text.stdout).not.toMatch(UNSAFE);

    const json = await runCli(ASK, ["--json", "--corpus", corpus, "--index", indexDir, question]);
    expect(json.stdout).not.toMatch(UNSAFE);
    // The question is answered as the words it holds: the controls pasted into it are dropped.
    expect((JSON.parse(json.stdout) as Answer).question).toBe("What did the Kremlin say?");
  });
});
