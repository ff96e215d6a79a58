import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { runCli } from "../helpers/cli.js";

const ASK = "src/cli/ask.ts";
let corpus: string;
let indexDir: string;

beforeAll(async () => {
  corpus = corpusCopy();
  indexDir = path.join(tempDir(), "index");
  const r = await runCli("src/cli/index-cmd.ts", ["--corpus", corpus, "--index", indexDir]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/2 articles, \d+ paragraphs, \d+ quotes/);
});

function assertVerbatim(answer: Answer) {
  for (const item of answer.items) {
    expect(item.sources.length).toBeGreaterThan(0);
    for (const s of item.sources) expect(readFileSync(path.join(corpus, s.article), "utf8")).toContain(item.text);
  }
}

describe("npm run ask", () => {
  it("answers the Kremlin question with Ushakov's quotes and citations, as JSON", async () => {
    const r = await runCli(ASK, ["--json", "--corpus", corpus, "--index", indexDir, "What did the Kremlin say?"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!) as Answer;
    expect(answer).toMatchObject({ question: "What did the Kremlin say?", answered: true, reason: "answered" });
    const first = answer.items[0]!;
    // The Kremlin speaks through its aide and its own statements: either may come first.
    expect(["quote", "statement"]).toContain(first.kind);
    expect(`${first.speaker} ${first.role}`).toMatch(/Kremlin/);
    expect(Object.keys(first).sort()).toEqual(["highlight", "kind", "role", "score", "sources", "speaker", "text"]);
    expect(Object.keys(first.sources[0]!).sort()).toEqual(["article", "outlet", "paragraph", "published", "title", "url"]);
    expect(answer.items.filter((i) => i.speaker === "Yuri Ushakov" && i.kind === "quote").length).toBeGreaterThanOrEqual(2);
    assertVerbatim(answer);
  });

  it("prints a readable answer with speakers and numbered sources", async () => {
    const r = await runCli(ASK, ["--corpus", corpus, "--index", indexDir, "What did Trump write?"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("SUCCESS seems to be in the future!");
    expect(r.stdout).toMatch(/— Donald Trump, US President \[1\]/);
    expect(r.stdout).toMatch(/Sources:\n\[1\] Kremlin sees progress as Trump's envoy meets Putin \(Reuters\)/);
  });

  it("cites an article without a title by a title made from its text, not by its file name", async () => {
    const r = await runCli(ASK, ["--corpus", corpus, "--index", indexDir, "What did Trump say about the meeting?"]);
    expect(r.code).toBe(0);
    const cite = r.stdout.split("\n").find((l) => l.includes("[witkoff-putin-talks-reuters-cgtn-gnews.md]"));
    expect(cite).toMatch(/^\[\d\] U\.S\. President Donald Trump's special envoy Steve Witkoff met .*\(Reuters\/CGTN\/gnews\.cz\) \[witkoff-putin-talks-reuters-cgtn-gnews\.md\], paragraph \d+$/);
  });

  it("reads questions from stdin, one JSON object per line in order, loading the model once", async () => {
    const questions = ["What did the Kremlin say?", "", "What is the capital of France?", "How long did Witkoff and Putin meet?"];
    const r = await runCli(ASK, ["--json", "--corpus", corpus, "--index", indexDir], { input: questions.join("\n") + "\n" });
    expect(r.code).toBe(0);
    const answers = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Answer);
    expect(answers.map((a) => a.question)).toEqual([questions[0], questions[2], questions[3]]);
    expect(answers.map((a) => a.answered)).toEqual([true, false, true]);
    expect(answers[1]).toMatchObject({ reason: "not-mentioned", message: "The articles don't mention France.", missing: ["France"] });
    expect(answers[1]!.items).toEqual([]);
    expect(answers[2]!.items[0]!.text).toContain("three hours");
    for (const a of answers) assertVerbatim(a);
  });

  it("cites one passage found in several articles once, with every article", async () => {
    const dup = corpusCopy({ "syndicated-copy.md": `---\ntitle: Same wire story\noutlet: Another Paper\n---\n${readFileSync(path.join(corpus, readdirSync(corpus).find((f) => f.startsWith("kremlin"))!), "utf8").split("---\n")[2]}` });
    const r = await runCli(ASK, ["--json", "--corpus", dup, "--index", path.join(tempDir(), "i"), "What did Trump write?"]);
    const answer = JSON.parse(r.stdout) as Answer;
    const success = answer.items.filter((i) => i.text.includes("SUCCESS seems"));
    expect(success).toHaveLength(1);
    expect(success[0]!.sources.map((s) => s.outlet).sort()).toEqual(["Another Paper", "Reuters"]);
  });

  it("builds a missing index for --corpus into a derived folder, with progress on stderr only", async () => {
    const fresh = corpusCopy();
    const cwd = tempDir();
    const r = await runCli(ASK, ["--json", "--corpus", fresh, "Who did Witkoff meet?"], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Building the index/);
    expect(JSON.parse(r.stdout).answered).toBe(true);
    expect(readdirSync(path.join(cwd, "data"))[0]).toMatch(/^index-dossier-corpus-/);
  });
});

describe("bad input", () => {
  it("an empty or blank question prints the usage line and exits 2", async () => {
    for (const q of ["", "   "]) {
      const r = await runCli(ASK, ["--corpus", corpus, "--index", indexDir, q]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^usage: npm run --silent ask/);
      expect(r.stdout).toBe("");
    }
  });

  it("a question over 1,000 characters is a clear error", async () => {
    const r = await runCli(ASK, ["--corpus", corpus, "--index", indexDir, "why ".repeat(300)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/1199 characters long; please keep it under 1000/);
  });

  it("a missing corpus folder is a clear error, no stack trace", async () => {
    // With the default model choice too: the corpus problem is said before any model is loaded.
    const r = await runCli(ASK, ["--corpus", "/no/such/corpus", "What did the Kremlin say?"], { cwd: tempDir(), env: { EMBEDDING_MODEL: "" } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("dossier: Corpus folder not found: /no/such/corpus");
  });

  it("an empty corpus says so and answers that there is nothing to answer from", async () => {
    const empty = tempDir();
    mkdirSync(path.join(empty, "c"));
    const r = await runCli(ASK, ["--json", "--corpus", path.join(empty, "c"), "--index", path.join(empty, "i"), "What did the Kremlin say?"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/has no readable articles/);
    expect(JSON.parse(r.stdout)).toMatchObject({ answered: false, message: expect.stringMatching(/corpus is empty/) });
  });

  it("a corrupt index is reported and rebuilt by npm run index", async () => {
    const c = corpusCopy();
    const i = path.join(tempDir(), "index");
    await runCli("src/cli/index-cmd.ts", ["--corpus", c, "--index", i]);
    writeFileSync(path.join(i, "CURRENT"), "gen-does-not-exist\n");
    const r = await runCli("src/cli/index-cmd.ts", ["--corpus", c, "--index", i]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/damaged.*Rebuilt from scratch/);
    expect(r.stdout).toMatch(/Indexed into/);
  });
});
