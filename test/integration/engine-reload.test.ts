import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Engine, IndexError } from "../../src/engine.js";
import { CURRENT } from "../../src/index/store.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { realModel } from "../helpers/model.js";

const LATE = `---
title: Harbour pilots end their strike
outlet: The Harbour Post
---
The harbour pilots' union ended its strike on Thursday. "The harbour reopens to tankers at dawn on Friday," union spokeswoman Maria Keller said.
`;

describe("Engine.reload: two processes answering from one index folder", () => {
  it("loads the index another engine rebuilt, only when it changed, and keeps its own when the one on disk is unusable", async () => {
    const corpusDir = corpusCopy();
    const indexDir = path.join(tempDir(), "index");
    const embedder = await realModel();
    const first = await Engine.open({ corpusDir, indexDir, embedder });
    const second = await Engine.open({ corpusDir, indexDir, embedder });
    expect(await second.reload()).toBe(false);

    writeFileSync(path.join(corpusDir, "harbour.md"), LATE);
    await first.reindex();
    expect(second.articles).toHaveLength(2);
    expect((await second.ask("What did Maria Keller say?")).items.map((i) => i.text).join(" ")).not.toContain("reopens to tankers");

    expect(await second.reload()).toBe(true);
    expect(second.articles).toHaveLength(3);
    expect(second.builtAt).toBe(first.builtAt);
    expect((await second.ask("What did Maria Keller say?")).items[0]!.text).toContain("The harbour reopens to tankers at dawn on Friday");
    expect(await second.reload()).toBe(false);

    rmSync(path.join(indexDir, CURRENT));
    await expect(second.reload()).rejects.toBeInstanceOf(IndexError);
    expect((await second.ask("What did Maria Keller say?")).items[0]!.text).toContain("reopens to tankers");
  });
});
