import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CorpusChangeError, addArticle, removeArticle, safeArticleName } from "../../src/corpus/manage.js";
import { tempDir } from "../helpers/corpus.js";

describe("corpus management", () => {
  it("names files safely and only as articles", () => {
    expect(safeArticleName("Geneva Round (draft).MD")).toBe("geneva-round-draft.md");
    expect(() => safeArticleName("../../etc/passwd")).toThrow(CorpusChangeError);
    expect(safeArticleName("../../evil.txt")).toBe("evil.txt");
    expect(() => safeArticleName("photo.png")).toThrow(/Only \.txt and \.md/);
  });

  it("adds, refuses to overwrite unless asked, and removes into .removed/", async () => {
    const dir = tempDir();
    const first = await addArticle(dir, "Talks.md", Buffer.from("---\ntitle: Talks\n---\nThe envoy met Putin.\n"));
    expect(first).toEqual({ file: "talks.md", title: "Talks", replaced: false });
    await expect(addArticle(dir, "talks.md", Buffer.from("Other text."))).rejects.toThrow(/already in the corpus/);
    expect((await addArticle(dir, "talks.md", Buffer.from("Other text."), { replace: true })).replaced).toBe(true);
    expect(readFileSync(path.join(dir, "talks.md"), "utf8")).toBe("Other text.");
    await expect(addArticle(dir, "empty.txt", Buffer.alloc(0))).rejects.toThrow(/empty/);
    await expect(addArticle(dir, "bad.txt", Buffer.from([0xff, 0xfe, 0x41]))).rejects.toThrow(/not UTF-8/);
    const removed = await removeArticle(dir, "TALKS.md");
    expect(removed.file).toBe("talks.md");
    expect(existsSync(path.join(dir, "talks.md"))).toBe(false);
    expect(readFileSync(removed.keptAt, "utf8")).toBe("Other text.");
    await expect(removeArticle(dir, "nope.md")).rejects.toThrow(/No article named/);
    expect(readdirSync(dir).filter((f) => !f.startsWith("."))).toEqual([]);
  });
});
