import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/corpus.js";
import { GENEVA_PATH, startPageServer, type PageServer } from "../helpers/pages.js";

let site: PageServer;
beforeAll(async () => {
  site = await startPageServer();
});
afterAll(async () => {
  await site?.close();
});

const add = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli("src/cli/add.ts", args, { env: { ALLOW_PRIVATE_URLS: "false", FETCH_TIMEOUT_SECONDS: "", ...env } });
const allowed = { ALLOW_PRIVATE_URLS: "true" };

describe("npm run add", () => {
  it("saves the article, says what was saved, and updates it when the link comes again", async () => {
    const dir = tempDir();
    const r = await add([site.url(GENEVA_PATH), "--corpus", dir], allowed);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Added envoys-meet-in-geneva-as-talks-on-ceasefire-resume.md in ${dir}: “Envoys meet in Geneva as talks on ceasefire resume” (The Harbour Post, 2025-08-14), 6 paragraphs. Run npm run index to answer from it.\n`,
    );
    expect(readFileSync(path.join(dir, "envoys-meet-in-geneva-as-talks-on-ceasefire-resume.md"), "utf8")).toMatch(/^---\ntitle: Envoys meet in Geneva/);

    const again = await add([site.url("/moved"), "--corpus", dir], allowed);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Updated envoys-meet-in-geneva-as-talks-on-ceasefire-resume\.md in /);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it("a refusal is one line on stderr with its code, exit 1, nothing written", async () => {
    const dir = tempDir();
    const local = await add([site.url(GENEVA_PATH), "--corpus", dir]);
    expect(local.code).toBe(1);
    expect(local.stdout).toBe("");
    expect(local.stderr).toBe("dossier: not added (private-address): 127.0.0.1 is a loopback address; links to private, local and reserved addresses are refused unless ALLOW_PRIVATE_URLS=true.\n");

    const front = await add([site.url("/world"), "--corpus", dir], allowed);
    expect(front.code).toBe(1);
    expect(front.stderr).toMatch(/^dossier: not added \(not-article\): The page does not look like a news article: .*\n$/);

    const slow = await add([site.url("/slow"), "--corpus", dir], { ...allowed, FETCH_TIMEOUT_SECONDS: "1" });
    expect(slow.code).toBe(1);
    expect(slow.stderr).toBe(`dossier: not added (timeout): 127.0.0.1:${site.port} did not send the page within 1 s.\n`);
    expect(readdirSync(dir)).toEqual([]);

    const missing = await add([site.url(GENEVA_PATH), "--corpus", path.join(dir, "nope")], allowed);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`dossier: Corpus folder not found: ${path.join(dir, "nope")}\n`);
  });

  it("usage errors exit 2", async () => {
    const none = await add([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("usage: npm run add -- URL [--corpus DIR]\n");
    const two = await add(["https://a.example/1", "https://a.example/2"]);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/^Give one link at a time\./);
    expect((await add(["--bogus", "https://a.example/1"])).code).toBe(2);
    const setting = await add(["https://a.example/1"], { ALLOW_PRIVATE_URLS: "maybe" });
    expect(setting.code).toBe(2);
    expect(setting.stderr).toBe("dossier: ALLOW_PRIVATE_URLS must be true or false\n");
  });
});
