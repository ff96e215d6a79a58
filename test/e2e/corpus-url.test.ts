import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/engine.js";
import { FakeDiscord, nextId, type FakeUser, type RestCall } from "../../src/fake-discord/server.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { corpusCopy, tempDir } from "../helpers/corpus.js";
import { realModel } from "../helpers/model.js";
import { GENEVA_PATH, startPageServer, type PageServer } from "../helpers/pages.js";

const ephemeral = (c: RestCall) => ((c.body?.data?.flags ?? c.body?.flags ?? 0) & 64) === 64;
const isCallback = (token: string) => (c: RestCall) => c.method === "POST" && c.path.includes(`/${token}/callback`);
const isEdit = (token: string) => (c: RestCall) => c.method === "PATCH" && c.path.includes(`/${token}/messages/@original`);
const newUser = (): FakeUser => ({ id: nextId(), username: `mod${Math.floor(Math.random() * 1e6)}` });
const mod = { permissions: String(1 << 5) }; // Manage Server

let fake: FakeDiscord;
let site: PageServer;
let bot: TestBot;
let corpus: string;

beforeAll(async () => {
  [fake, site] = await Promise.all([new FakeDiscord().start(), startPageServer()]);
  corpus = corpusCopy();
  // The test site is on 127.0.0.1, which is allowed by address here; any other loopback name
  // (localhost) is still checked, so the bot's refusal of private addresses is tested for real.
  const engine = await Engine.open({ corpusDir: corpus, indexDir: path.join(tempDir(), "index"), embedder: await realModel(), ingest: { allowPrivateHosts: ["127.0.0.1"] } });
  bot = await startTestBot(fake, engine);
});

afterAll(async () => {
  await bot?.stop();
  await Promise.all([fake?.stop(), site?.close()]);
});

describe("/corpus add url:", () => {
  it("defers, saves the article, says what it saved, and the article is answered from after /reindex", async () => {
    const add = fake.subcommand(newUser(), "corpus", "add", { url: site.url(GENEVA_PATH) }, mod);
    const deferred = await fake.waitFor(isCallback(add.token));
    expect(deferred.body.type).toBe(5);
    expect(ephemeral(deferred)).toBe(true);
    const done = await fake.waitFor(isEdit(add.token));
    expect(done.body.content).toBe(
      "Added `envoys-meet-in-geneva-as-talks-on-ceasefire-resume.md`: “Envoys meet in Geneva as talks on ceasefire resume” (The Harbour Post, 2025-08-14), 6 paragraphs " +
        "from <https://www.harbourpost.example/world/2025/08/14/envoys-meet-in-geneva>. Reindex to answer from it.",
    );
    expect(done.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(readFileSync(path.join(corpus, "envoys-meet-in-geneva-as-talks-on-ceasefire-resume.md"), "utf8")).toMatch(/^---\ntitle: Envoys meet in Geneva/);

    const reindex = fake.slash(newUser(), "reindex", {}, mod);
    await fake.waitFor((c) => isEdit(reindex.token)(c) && /^Reindexed/.test(c.body.content ?? ""), 60_000);
    const ask = fake.slash(newUser(), "ask", { question: "How long did the envoys meet in Geneva?" });
    // Answered at once (a callback) or after a deferral (an edit), whichever the time taken calls for.
    const answer = await fake.waitFor((c) => (isCallback(ask.token)(c) && c.body.type === 4) || isEdit(ask.token)(c));
    const embed = (answer.body.data ?? answer.body).embeds[0];
    expect(embed.description).toContain("five hours");
    expect(embed.fields.find((f: { name: string }) => f.name === "Sources").value).toContain("Envoys meet in Geneva as talks on ceasefire resume");
  });

  it("the same link again updates the article instead of adding another", async () => {
    const before = readdirSync(corpus).sort();
    const add = fake.subcommand(newUser(), "corpus", "add", { url: `${site.url("/moved")}` }, mod);
    const done = await fake.waitFor(isEdit(add.token));
    expect(done.body.content).toMatch(/^Updated `envoys-meet-in-geneva-as-talks-on-ceasefire-resume\.md` \(this link was already in the corpus\):/);
    expect(readdirSync(corpus).sort()).toEqual(before);
  });

  it("refuses a page that is not an article, a private address and a non-web link, with the reason, writing nothing", async () => {
    const before = readdirSync(corpus).sort();
    const front = fake.subcommand(newUser(), "corpus", "add", { url: site.url("/world") }, mod);
    expect((await fake.waitFor(isEdit(front.token))).body.content).toBe(
      "Not added: The page does not look like a news article: Dossier found no story text on it (a section front, a list of links, or a page that needs JavaScript?).",
    );
    const internal = fake.subcommand(newUser(), "corpus", "add", { url: site.url("/to-loopback") }, mod);
    expect((await fake.waitFor(isEdit(internal.token))).body.content).toMatch(/^Not added: localhost points to a loopback address \(.*\); links to private, local and reserved addresses are refused unless ALLOW_PRIVATE_URLS=true\.$/);
    const pdf = fake.subcommand(newUser(), "corpus", "add", { url: site.url("/report.pdf") }, mod);
    expect((await fake.waitFor(isEdit(pdf.token))).body.content).toBe("Not added: The link is not a web page (its content type is application/pdf); only HTML pages and plain text can be added.");
    const ftp = fake.subcommand(newUser(), "corpus", "add", { url: "ftp://files.example/story.txt" }, mod);
    expect((await fake.waitFor(isEdit(ftp.token))).body.content).toBe("Not added: Only http and https links can be added (this one is ftp).");
    expect(readdirSync(corpus).sort()).toEqual(before);
    expect(site.hits).not.toContain("/admin");
  });

  it("needs exactly one of file: and url:, and a moderator", async () => {
    const neither = fake.subcommand(newUser(), "corpus", "add", {}, mod);
    const a = await fake.waitFor(isCallback(neither.token));
    expect(a.body.type).toBe(4);
    expect(ephemeral(a)).toBe(true);
    expect(a.body.data.content).toBe("Give `file:` (a .txt or .md article) or `url:` (a link to an article).");

    const both = fake.subcommand(newUser(), "corpus", "add", { url: site.url(GENEVA_PATH), file: fake.attachment("a.md", "Some text about the talks.") }, mod);
    expect((await fake.waitFor(isCallback(both.token))).body.data.content).toBe("Give `file:` or `url:`, not both.");

    const hits = site.hits.length;
    const member = fake.subcommand(newUser(), "corpus", "add", { url: site.url(GENEVA_PATH) }, { permissions: "1024" });
    const refused = await fake.waitFor(isCallback(member.token));
    expect(ephemeral(refused)).toBe(true);
    expect(refused.body.data.content).toMatch(/^Only moderators/);
    expect(site.hits.length).toBe(hits);
  });
});
