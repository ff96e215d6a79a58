import { existsSync, readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { CHOICE_FILE, readChoice } from "../../src/embed/choice.js";
import { DEFAULT_TRANSFORMERS_MODEL, choiceKey, embedderForIndex, probeHub } from "../../src/embed/select.js";
import { runCli } from "../helpers/cli.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { writeTinyModel } from "../helpers/tiny-model.js";

/** A stand-in for the model hub on a machine without internet: it accepts connections and never answers. */
class SilentHub {
  private server: Server = createServer((socket) => {
    this.connections++;
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => {});
  });
  private sockets = new Set<Socket>();
  connections = 0;
  url = "";

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}/`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const FALLBACK = /dossier: Xenova\/all-MiniLM-L6-v2 could not be loaded \(the model hub at http:\/\/127\.0\.0\.1:\d+ did not answer within 1 s\); using the npm-shipped Universal Sentence Encoder lite/g;

let hub: SilentHub;
beforeAll(async () => {
  hub = await new SilentHub().start();
});
afterAll(() => hub.stop());

describe("probing the model hub", () => {
  it("gives up on a hub that never answers after the timeout", async () => {
    const before = hub.connections;
    const r = await probeHub(hub.url, DEFAULT_TRANSFORMERS_MODEL, 300);
    expect(r).toEqual({ reachable: false, why: expect.stringMatching(/did not answer within 0\.3 s/) });
    expect(hub.connections).toBe(before + 1);
  });

  it("says why when nothing listens, and calls any HTTP answer reachable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await probeHub(`http://127.0.0.1:${port}`, DEFAULT_TRANSFORMERS_MODEL)).toEqual({ reachable: false, why: expect.stringMatching(/cannot be reached \(ECONNREFUSED\)/) });

    const answering = createHttpServer((req, res) => res.writeHead(req.method === "HEAD" ? 404 : 500).end());
    await new Promise<void>((resolve) => answering.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(answering.address() as { port: number }).port}`;
      expect(await probeHub(url, DEFAULT_TRANSFORMERS_MODEL)).toEqual({ reachable: true });
    } finally {
      await new Promise((resolve) => answering.close(resolve));
    }
  });
});

describe("npm run ask with EMBEDDING_MODEL unset and no hub", () => {
  it("falls back at once, warns once per index, and remembers the decision next to the index", async () => {
    const corpus = corpusCopy();
    const indexDir = path.join(tempDir(), "index");
    const env = { EMBEDDING_MODEL: "", EMBEDDING_HUB_URL: hub.url };
    const ask = (...args: string[]) => runCli("src/cli/ask.ts", ["--json", "--corpus", corpus, "--index", indexDir, ...args], { env });
    const before = hub.connections;

    const first = await ask("What did the Kremlin say?");
    expect(first.code).toBe(0);
    expect(first.stderr.match(FALLBACK)).toHaveLength(1);
    expect(hub.connections).toBe(before + 1);
    const answer = JSON.parse(first.stdout) as Answer;
    expect(answer.items[0]).toMatchObject({ speaker: "Yuri Ushakov" });
    expect(existsSync(path.join(indexDir, CHOICE_FILE))).toBe(true);
    expect(await readChoice(indexDir, choiceKey(undefined)!)).toMatchObject({ model: "use-lite", reason: expect.stringMatching(/did not answer within 1 s/) });

    // The next runs follow the decision: no probe, no warning, the same answer from the same index.
    for (let i = 0; i < 2; i++) {
      const again = await ask("What did the Kremlin say?");
      expect(again.code).toBe(0);
      expect(again.stderr).toBe("");
      expect(JSON.parse(again.stdout)).toEqual(answer);
    }
    expect(hub.connections).toBe(before + 1);

    // npm run index -- --force decides afresh (and says so again).
    const forced = await runCli("src/cli/index-cmd.ts", ["--corpus", corpus, "--index", indexDir, "--force"], { env });
    expect(forced.code).toBe(0);
    expect(forced.stderr.match(FALLBACK)).toHaveLength(1);
    expect(forced.stdout).toMatch(/with use-lite\./);
    expect(hub.connections).toBe(before + 2);
  });

  it("keeps decisions per setting: an explicit model is obeyed and nothing is remembered for it", async () => {
    const corpus = corpusCopy();
    const indexDir = path.join(tempDir(), "index");
    const r = await runCli("src/cli/ask.ts", ["--json", "--corpus", corpus, "--index", indexDir, "What did the Kremlin say?"], { env: { EMBEDDING_MODEL: "use-lite", EMBEDDING_HUB_URL: hub.url } });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/could not be loaded/);
    expect(existsSync(path.join(indexDir, CHOICE_FILE))).toBe(false);
  });

  it("reports an explicit hub model that cannot be reached in one line, fast", async () => {
    const before = hub.connections;
    const r = await runCli("src/cli/ask.ts", ["--corpus", corpusCopy(), "--index", path.join(tempDir(), "i"), "What did the Kremlin say?"], {
      env: { EMBEDDING_MODEL: "Xenova/bge-small-en-v1.5", EMBEDDING_HUB_URL: hub.url },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot load embedding model "Xenova\/bge-small-en-v1\.5" \(EMBEDDING_MODEL\): the model hub at .* did not answer within 1 s/);
    expect(hub.connections).toBe(before + 1);
  });
});

describe("a hub that answers", () => {
  let server: HttpServer;
  let url: string;
  let requests: string[] = [];
  let modelDir: string;

  beforeAll(async () => {
    modelDir = writeTinyModel(path.join(tempDir(), "tiny"), { dim: 8, maxLength: 32 });
    // Serves the tiny model as if it were the default model, the way the hub lays files out.
    server = createHttpServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const m = /^\/Xenova\/all-MiniLM-L6-v2\/resolve\/main\/(.+)$/.exec(req.url ?? "");
      const file = m ? path.join(modelDir, m[1]!.replace("model_quantized.onnx", "model.onnx")) : null;
      if (!file || !existsSync(file)) return void res.writeHead(404).end();
      const body = readFileSync(file);
      res.writeHead(200, { "content-length": body.length });
      res.end(req.method === "HEAD" ? undefined : body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("downloads the default model, remembers it, then loads it from the cache without asking", async () => {
    const indexDir = tempDir();
    const cacheDir = tempDir();
    const warnings: string[] = [];
    const opts = { setting: undefined, indexDir, hubUrl: url, cacheDir, warn: (l: string) => warnings.push(l) };
    const first = await embedderForIndex(opts);
    expect(first.embedder.id).toBe(DEFAULT_TRANSFORMERS_MODEL);
    expect(first.embedder.dim).toBe(8);
    expect(requests[0]).toBe("HEAD /Xenova/all-MiniLM-L6-v2/resolve/main/config.json");
    expect(requests).toContain("GET /Xenova/all-MiniLM-L6-v2/resolve/main/onnx/model_quantized.onnx");
    await first.remember();
    expect(await readChoice(indexDir, choiceKey(undefined)!)).toMatchObject({ model: DEFAULT_TRANSFORMERS_MODEL, reason: `downloaded from ${url}` });

    requests = [];
    const second = await embedderForIndex(opts);
    expect(second.embedder.id).toBe(DEFAULT_TRANSFORMERS_MODEL);
    expect(requests).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
