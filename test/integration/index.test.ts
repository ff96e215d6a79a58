import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import hnswlib from "hnswlib-node";
import { beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embed/embedder.js";
import { WorkerLane } from "../../src/embed/lanes.js";
import { Engine } from "../../src/engine.js";
import { buildIndex, checkFreshness } from "../../src/index/build.js";
import { loadIndex } from "../../src/index/load.js";
import { INDEX_VERSION } from "../../src/index/schema.js";
import { CURRENT, IndexError, newGeneration } from "../../src/index/store.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { ROOT, TSX } from "../helpers/cli.js";
import { realModel } from "../helpers/model.js";

let model: Embedder;
beforeAll(async () => {
  model = await realModel();
});

/** Counts how many texts reach the model, to prove what is and is not embedded again. */
function counting(e: Embedder): Embedder & { calls: number } {
  const wrapped = {
    ...e,
    calls: 0,
    async embed(texts: string[]) {
      wrapped.calls += texts.length;
      return e.embed(texts);
    },
  };
  return wrapped;
}

describe("incremental index", () => {
  it("embeds only what changed, drops removed articles, and rebuilds everything with force", async () => {
    const corpus = corpusCopy();
    const indexDir = path.join(tempDir(), "index");
    const e = counting(model);
    const first = await buildIndex({ corpusDir: corpus, indexDir, embedder: e });
    expect(first).toMatchObject({ upToDate: false, articles: 2, reused: 0 });
    expect(first.quotes).toBeGreaterThanOrEqual(6);
    // Paragraphs and sentences, each distinct text once (a one-sentence paragraph is one text).
    expect(e.calls).toBe(first.embedded);
    expect(first.embedded).toBeGreaterThan(first.chunks);

    e.calls = 0;
    const again = await buildIndex({ corpusDir: corpus, indexDir, embedder: e });
    expect(again.upToDate).toBe(true);
    expect(e.calls).toBe(0);

    // One new paragraph in one article: one new chunk embedded, the rest reused.
    const file = readdirSync(corpus).find((f) => f.startsWith("kremlin"))!;
    writeFileSync(path.join(corpus, file), `${readFileSync(path.join(corpus, file), "utf8")}\nA new closing paragraph about the ceasefire talks.\n`);
    e.calls = 0;
    const changed = await buildIndex({ corpusDir: corpus, indexDir, embedder: e });
    expect(changed).toMatchObject({ upToDate: false, embedded: 1, reused: first.chunks });
    expect(e.calls).toBe(1);

    // Touched but unchanged content: nothing embedded.
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(corpus, file), later, later);
    e.calls = 0;
    const touched = await buildIndex({ corpusDir: corpus, indexDir, embedder: e });
    expect(touched).toMatchObject({ upToDate: false, embedded: 0 });
    expect(e.calls).toBe(0);
    expect((await buildIndex({ corpusDir: corpus, indexDir, embedder: e })).upToDate).toBe(true);

    unlinkSync(path.join(corpus, file));
    const removed = await buildIndex({ corpusDir: corpus, indexDir, embedder: e });
    expect(removed).toMatchObject({ articles: 1, removed: 1 });
    const idx = await loadIndex(indexDir, e.id);
    expect(idx.manifest.articles.map((a) => a.file)).not.toContain(file);
    expect(idx.bm25Units(["success"], 5)).toEqual([]);
    idx.close();

    e.calls = 0;
    const forced = await buildIndex({ corpusDir: corpus, indexDir, embedder: e, force: true });
    expect(forced.reused).toBe(0);
    expect(e.calls).toBe(forced.embedded);
    // Only the current generation is kept.
    expect(readdirSync(indexDir).filter((f) => f.startsWith("gen-"))).toHaveLength(1);
  });

  it("embeds in two lanes when given a second, and writes the same vectors as one lane", async () => {
    // Enough text for several model calls (the seed articles fit in one).
    const rounds = Array.from({ length: 40 }, (_, i) => `Negotiators met again in Geneva for round ${i + 1}. The ${i + 1}th session ended late.`);
    const corpus = corpusCopy({ "rounds.txt": rounds.join("\n\n") });
    const one = path.join(tempDir(), "index");
    const two = path.join(tempDir(), "index");
    const single = await buildIndex({ corpusDir: corpus, indexDir: one, embedder: model });
    expect(single.secondLaneBatches).toBe(0);
    const lane = await WorkerLane.start(model.worker!);
    const both = await buildIndex({ corpusDir: corpus, indexDir: two, embedder: model, secondLane: async () => lane });
    expect(both.secondLaneBatches).toBeGreaterThan(0);
    expect(both.embedded).toBe(single.embedded);
    const points = async (indexDir: string) => {
      const gen = path.join(indexDir, readFileSync(path.join(indexDir, CURRENT), "utf8").trim());
      const hnsw = new hnswlib.HierarchicalNSW("ip", model.dim);
      await hnsw.readIndex(path.join(gen, "hnsw.bin"));
      return Array.from({ length: hnsw.getCurrentCount() }, (_, i) => hnsw.getPoint(i));
    };
    const [a, b] = [await points(one), await points(two)];
    expect(b).toHaveLength(a.length);
    a.forEach((p, i) => p.forEach((x, d) => expect(Math.abs(x - b[i]![d]!)).toBeLessThan(1e-5)));
  });

  it("writes nothing outside the index folder", async () => {
    const corpus = corpusCopy();
    const root = tempDir();
    const indexDir = path.join(root, "index");
    const before = readdirSync(corpus).sort();
    await buildIndex({ corpusDir: corpus, indexDir, embedder: model });
    expect(readdirSync(corpus).sort()).toEqual(before);
    expect(readdirSync(root)).toEqual(["index"]);
  });
});

describe("damaged, foreign and other-model indexes", () => {
  async function built() {
    const corpus = corpusCopy();
    const indexDir = path.join(tempDir(), "index");
    await buildIndex({ corpusDir: corpus, indexDir, embedder: model });
    const gen = readFileSync(path.join(indexDir, CURRENT), "utf8").trim();
    return { corpus, indexDir, gen: path.join(indexDir, gen) };
  }

  it("refuses a truncated hnsw.bin with a clear message, and the engine rebuilds it", async () => {
    const { corpus, indexDir, gen } = await built();
    truncateSync(path.join(gen, "hnsw.bin"), 100);
    await expect(loadIndex(indexDir, model.id)).rejects.toThrow(/damaged: hnsw.bin is truncated/);
    const logs: string[] = [];
    const engine = await Engine.open({ corpusDir: corpus, indexDir, embedder: model, log: (l) => logs.push(l) });
    expect(logs.join("\n")).toMatch(/damaged.*Rebuilding/);
    expect((await engine.ask("What did the Kremlin say?")).answered).toBe(true);
  });

  it("does not carry a damaged file over when only modification times changed", async () => {
    const { corpus, indexDir, gen } = await built();
    truncateSync(path.join(gen, "index.sqlite"), 4096);
    const later = new Date(Date.now() + 5000);
    for (const f of readdirSync(corpus)) utimesSync(path.join(corpus, f), later, later);
    const e = counting(model);
    const s = await buildIndex({ corpusDir: corpus, indexDir, embedder: e });
    expect(s.previousProblem).toMatch(/index.sqlite is truncated or altered/);
    expect(e.calls).toBe(s.embedded);
    expect((await loadIndex(indexDir, model.id)).chunkCount).toBe(s.chunks);
  });

  it("refuses a corrupt index.sqlite and a folder of foreign files", async () => {
    const { indexDir, gen } = await built();
    const sqlite = path.join(gen, "index.sqlite");
    const bytes = readFileSync(sqlite);
    bytes.write("garbage!", 200);
    writeFileSync(sqlite, bytes);
    await expect(loadIndex(indexDir, model.id)).rejects.toThrow(/index.sqlite is truncated or altered/);

    const foreign = tempDir();
    writeFileSync(path.join(foreign, "index.bin"), "something else");
    const err = await loadIndex(foreign, model.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexError);
    expect((err as IndexError).kind).toBe("foreign");
  });

  it("never mixes vectors of two models: another model's index is reported and rebuilt", async () => {
    const { corpus, indexDir } = await built();
    const other = { ...model, id: "some-other-model" };
    const fresh = await checkFreshness(corpus, indexDir, other.id);
    expect(fresh.fresh).toBe(false);
    expect(fresh.reason).toMatch(/built with model use-lite, but the current model is some-other-model/);
    await expect(loadIndex(indexDir, other.id)).rejects.toThrow(/built with model use-lite/);
    const e = counting(other);
    const s = await buildIndex({ corpusDir: corpus, indexDir, embedder: e });
    expect(s.reused).toBe(0);
    expect(e.calls).toBe(s.embedded);
    expect((await loadIndex(indexDir, other.id)).manifest.model.id).toBe("some-other-model");
  });

  it("leaves the previous index loadable when a build is killed at any moment", async () => {
    const { corpus, indexDir } = await built();
    const before = await loadIndex(indexDir, model.id);
    // Enough new text that the build is still running when it is killed.
    const para = "Negotiators met again in Geneva to discuss a ceasefire along the front line.";
    writeFileSync(path.join(corpus, "big.txt"), Array.from({ length: 400 }, (_, i) => `${para} Round ${i} ended late.`).join("\n\n"));
    for (const delay of [300, 1200, 2500]) {
      const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "src/cli/index-cmd.ts"), "--corpus", corpus, "--index", indexDir], {
        env: { ...process.env, EMBEDDING_MODEL: "use-lite" },
        stdio: "ignore",
      });
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      const after = await loadIndex(indexDir, model.id);
      expect(after.unitCount).toBeGreaterThanOrEqual(before.unitCount);
      after.close();
    }
    rmSync(path.join(corpus, "big.txt"));
  });

  it("ignores a generation that was written but never committed, and prunes it on the next build", async () => {
    const { corpus, indexDir, gen } = await built();
    const half = await newGeneration(indexDir);
    writeFileSync(path.join(half.dir, "index.sqlite"), "half written");
    const loaded = await loadIndex(indexDir, model.id);
    expect(loaded.unitCount).toBeGreaterThan(0);
    expect(readFileSync(path.join(indexDir, CURRENT), "utf8").trim()).toBe(path.basename(gen));
    await buildIndex({ corpusDir: corpus, indexDir, embedder: model, force: true });
    expect(readdirSync(indexDir)).not.toContain(path.basename(half.dir));
  });
});

describe("an index is trusted only as far as it checks out", () => {
  async function built() {
    const corpus = corpusCopy();
    const indexDir = path.join(tempDir(), "index");
    await buildIndex({ corpusDir: corpus, indexDir, embedder: model });
    const gen = path.join(indexDir, readFileSync(path.join(indexDir, CURRENT), "utf8").trim());
    return { corpus, indexDir, gen };
  }
  const editManifest = (gen: string, edit: (m: any) => void) => {
    const file = path.join(gen, "manifest.json");
    const m = JSON.parse(readFileSync(file, "utf8"));
    edit(m);
    writeFileSync(file, JSON.stringify(m));
  };

  it("rebuilds an index written by an older Dossier (index version 1)", async () => {
    const { corpus, indexDir, gen } = await built();
    editManifest(gen, (m) => (m.version = 1));
    await expect(loadIndex(indexDir, model.id)).rejects.toMatchObject({ kind: "stale" });
    const fresh = await checkFreshness(corpus, indexDir, model.id);
    expect(fresh.reason).toContain(`another version of Dossier (index version 1, this one reads ${INDEX_VERSION})`);
    const s = await buildIndex({ corpusDir: corpus, indexDir, embedder: model });
    expect(s.upToDate).toBe(false);
    expect((await loadIndex(indexDir, model.id)).unitCount).toBeGreaterThan(0);
  });

  it("checks the manifest's figures against the files: a changed dimension or count is damage", async () => {
    const { indexDir, gen } = await built();
    editManifest(gen, (m) => (m.model.dim = 256));
    await expect(loadIndex(indexDir, model.id)).rejects.toThrow(/damaged: vector dimension 512 in hnsw.bin, 256 in the manifest/);
    editManifest(gen, (m) => {
      m.model.dim = 512;
      m.counts.units += 3;
    });
    await expect(loadIndex(indexDir, model.id)).rejects.toThrow(/damaged: .*sentences in index.sqlite/);
  });

  it("notices a deleted data file at once, not when the corpus next changes", async () => {
    const { corpus, indexDir, gen } = await built();
    unlinkSync(path.join(gen, "hnsw.bin"));
    await expect(loadIndex(indexDir, model.id)).rejects.toThrow(/damaged: hnsw.bin is missing/);
    const logs: string[] = [];
    const engine = await Engine.open({ corpusDir: corpus, indexDir, embedder: model, log: (l) => logs.push(l) });
    expect(logs.join("\n")).toMatch(/hnsw.bin is missing. Rebuilding/);
    expect((await engine.ask("What did the Kremlin say?")).answered).toBe(true);
  });

  it("says in one line that an index path which is a file is not a folder", async () => {
    const corpus = corpusCopy();
    const file = path.join(tempDir(), "index");
    writeFileSync(file, "not a folder");
    await expect(buildIndex({ corpusDir: corpus, indexDir: file, embedder: model })).rejects.toThrow(/index path .* is not a folder/);
    await expect(Engine.open({ corpusDir: corpus, indexDir: file, embedder: model })).rejects.toMatchObject({ kind: "not-a-folder" });
    expect(readFileSync(file, "utf8")).toBe("not a folder");
  });

  it("removes generations left by killed builds on any run, even one with nothing to do", async () => {
    const { corpus, indexDir } = await built();
    const stale = path.join(indexDir, "gen-0stale-abcdef");
    mkdirSync(stale);
    writeFileSync(path.join(stale, ".owner"), "999999999");
    writeFileSync(path.join(stale, "index.sqlite"), Buffer.alloc(1024));
    const s = await buildIndex({ corpusDir: corpus, indexDir, embedder: model });
    expect(s.upToDate).toBe(true);
    expect(readdirSync(indexDir)).not.toContain("gen-0stale-abcdef");
  });
});

describe("a working folder deleted while running", () => {
  it("fails with an error instead of retrying a relative index folder forever", async () => {
    // Node retries a recursive mkdir of a relative path for ever once the working folder is gone.
    const script = `
      import { mkdtempSync, rmSync } from "node:fs";
      import { tmpdir } from "node:os";
      import path from "node:path";
      import { newGeneration } from ${JSON.stringify(path.join(ROOT, "src/index/store.ts"))};
      const gone = mkdtempSync(path.join(tmpdir(), "dossier-gone-"));
      process.chdir(gone);
      rmSync(gone, { recursive: true });
      await newGeneration("data/index").then(() => console.log("made"), (e) => console.log("error: " + e.message));
    `;
    const child = spawn(process.execPath, ["--import", TSX, "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const code = await new Promise((r) => child.once("exit", r));
    clearTimeout(timer);
    expect(out.trim()).toMatch(/^error: ENOENT.*uv_cwd/);
    expect(code).toBe(0);
  });
});

describe("skipped files", () => {
  it("notices when a file skipped before is fixed, and indexes it", async () => {
    const corpus = corpusCopy({ "later.md": "" });
    const indexDir = path.join(tempDir(), "index");
    const first = await buildIndex({ corpusDir: corpus, indexDir, embedder: model });
    expect(first.warnings).toEqual([expect.objectContaining({ file: "later.md", reason: "empty file" })]);
    expect((await buildIndex({ corpusDir: corpus, indexDir, embedder: model })).upToDate).toBe(true);
    writeFileSync(path.join(corpus, "later.md"), "# Envoy returns\n\nThe envoy flew home on Saturday after the talks in Riyadh.\n");
    const fresh = await checkFreshness(corpus, indexDir, model.id);
    expect(fresh).toMatchObject({ fresh: false, reason: "later.md changed." });
    const s = await buildIndex({ corpusDir: corpus, indexDir, embedder: model });
    expect(s.articles).toBe(3);
    expect(s.warnings).toEqual([]);
  });
});
