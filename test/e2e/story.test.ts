import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/engine.js";
import { FakeDiscord, type RestCall } from "../../src/fake-discord/server.js";
import { ephemeral, isCallback, isEdit, newUser, startTestBot, type TestBot } from "../helpers/bot.js";
import { EVAL_CORPUS, evalIndexCopy } from "../helpers/eval-index.js";
import { realModel } from "../helpers/model.js";

/** /timeline, /people and /whatsnew with the real discord.js client against the fake Discord, over eval/corpus (42 dated articles). */

let fake: FakeDiscord;
let tb: TestBot;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  const engine = await Engine.open({ corpusDir: EVAL_CORPUS, indexDir: await evalIndexCopy(), embedder: await realModel() });
  tb = await startTestBot(fake, engine);
  // The first file to ask indexes the 42 articles (one to two minutes on two cores, more under load): a hang guard.
}, 300_000);

afterAll(async () => {
  await tb?.stop();
  await fake?.stop();
});

const noPings = (c: RestCall) => expect((c.body?.data ?? c.body).allowed_mentions).toEqual({ parse: [], replied_user: false });
const componentsOf = (body: any) => (body?.data ?? body).components.flatMap((r: any) => r.components);

describe("/timeline", () => {
  it("defers, then shows the first events, oldest first, cited, with Next for the asker only", async () => {
    const asker = newUser();
    const { token } = fake.slash(asker, "timeline");
    const deferred = await fake.waitFor(isCallback(token));
    expect(deferred.body.type).toBe(5);
    expect(ephemeral(deferred)).toBe(false);
    const edit = await fake.waitFor(isEdit(token), 60_000);
    noPings(edit);
    const embed = edit.body.embeds[0];
    expect(embed.title).toBe("Timeline");
    expect(embed.description).toMatch(/^\*\*11 Feb 2025\*\*\n/);
    const days = [...embed.description.matchAll(/^\*\*(\d{1,2} \w{3} \d{4})\*\*$/gm)].map((m) => Date.parse(`${m[1]} UTC`));
    expect(days.length).toBeGreaterThan(1);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(embed.fields[0].name).toBe("Sources");
    expect(embed.fields[0].value).toMatch(/^\[1\] \[.+\]\(https:\/\/news\.example\/.+\) — .+, \d{1,2} \w{3} 2025 · ¶\d+/);
    expect(embed.footer.text).toMatch(/^Page 1 of \d+ · \d+ events, oldest first$/);
    const [prev, next] = componentsOf(edit.body);
    expect(prev.disabled).toBe(true);

    const message = fake.original(token)!;
    const stranger = fake.click(newUser(), message, next.custom_id);
    const refused = await fake.waitFor(isCallback(stranger.token));
    expect(ephemeral(refused)).toBe(true);
    expect(refused.body.data.content).toMatch(/Only the person who asked/);

    const click = fake.click(asker, message, next.custom_id);
    expect((await fake.waitFor(isCallback(click.token))).body.type).toBe(6);
    const page2 = await fake.waitFor(isEdit(click.token));
    expect(page2.body.embeds[0].footer.text).toMatch(/^Page 2 of/);
    expect(page2.body.embeds[0].description).not.toBe(embed.description);
    expect(fake.original(token)!.embeds[0].footer.text).toMatch(/^Page 2 of/);
  });

  it("since:, until: and about: keep some of the story; a date it cannot read is refused privately", async () => {
    const { token } = fake.slash(newUser(), "timeline", { since: "2025-08-01", until: "2025-08-31", about: "summit" });
    const edit = await fake.waitFor(isEdit(token), 60_000);
    const embed = edit.body.embeds[0];
    expect(embed.title).toBe("Timeline since 1 Aug 2025, until 31 Aug 2025, about “summit”");
    expect(embed.description).toContain("**15 Aug 2025**");
    expect(embed.description).toMatch(/ended their first summit/);
    expect(embed.description).not.toMatch(/\*\*\d{1,2} (?!Aug)\w{3} 2025\*\*/);

    const bad = fake.slash(newUser(), "timeline", { since: "not a date at all" });
    const refused = await fake.waitFor(isCallback(bad.token));
    expect(refused.body.type).toBe(4);
    expect(ephemeral(refused)).toBe(true);
    expect(refused.body.data.content).toMatch(/^I can't read “not a date at all” as a date/);

    const none = fake.slash(newUser(), "timeline", { since: "2030-01-01" });
    expect((await fake.waitFor(isEdit(none.token), 60_000)).body.content).toBe("No dated events in the articles since 1 Jan 2030.");
  });
});

describe("/people", () => {
  it("lists who is quoted with role, quotes and dates; picking someone shows their quotes privately", async () => {
    const { token } = fake.slash(newUser(), "people");
    const cb = await fake.waitFor(isCallback(token));
    expect(cb.body.type).toBe(4);
    noPings(cb);
    const embed = cb.body.data.embeds[0];
    expect(embed.title).toBe("Who is quoted");
    const lines = embed.description.split("\n");
    expect(lines.length).toBe(10);
    expect(lines[0]).toMatch(/^\*\*[^*]+\*\*(, [^—]+)? — \d+ quotes?(, \d+ statements?)? · \d{1,2} \w{3} 202\d( – \d{1,2} \w{3} 202\d)?$/);
    expect(embed.description).toMatch(/\*\*Yuri Ushakov\*\*, [^—]*aide — \d+ quotes/);
    const [menu, ...pager] = componentsOf(cb.body);
    expect(menu.type).toBe(3);
    expect(menu.options).toHaveLength(10);
    expect(pager.map((b: any) => b.label)).toEqual(["Previous", "Next"]);

    // Like Discord, the fake sends only values the menu offers.
    expect(() => fake.select(newUser(), fake.original(token)!, menu.custom_id, ["Nobody Quoted"])).toThrow(/not among the menu's options/);
    // Anyone may pick; the quotes are theirs to page through.
    const reader = newUser();
    const pick = fake.select(reader, fake.original(token)!, menu.custom_id, ["Yuri Ushakov"]);
    const quotes = await fake.waitFor(isCallback(pick.token));
    expect(quotes.body.type).toBe(4);
    expect(ephemeral(quotes)).toBe(true);
    expect(quotes.body.data.embeds[0].title).toBe("Quotes from “Yuri Ushakov”");
    expect(quotes.body.data.embeds[0].description).toContain("— **Yuri Ushakov**");
    const next = componentsOf(quotes.body).find((c: any) => c.label === "Next");
    const page = fake.click(reader, fake.original(pick.token)!, next.custom_id);
    expect((await fake.waitFor(isCallback(page.token))).body.data.embeds[0].footer.text).toMatch(/^Page 2 of/);
    expect(fake.visibleTo(newUser().id).some((m) => m.id === fake.original(pick.token)!.id)).toBe(false);
  });

  it("pages through everyone, for the asker", async () => {
    const asker = newUser();
    const { token } = fake.slash(asker, "people");
    const cb = await fake.waitFor(isCallback(token));
    const next = componentsOf(cb.body).find((c: any) => c.label === "Next");
    const click = fake.click(asker, fake.original(token)!, next.custom_id);
    const update = await fake.waitFor(isCallback(click.token));
    expect(update.body.type).toBe(7);
    expect(update.body.data.embeds[0].footer.text).toMatch(/^Page 2 of \d+ · \d+ quoted/);
    expect(update.body.data.embeds[0].description).not.toBe(cb.body.data.embeds[0].description);
  });
});

describe("/whatsnew", () => {
  it("shows what the articles since a date added, cited like answers", async () => {
    const { token } = fake.slash(newUser(), "whatsnew", { since: "2026-01-01" });
    expect((await fake.waitFor(isCallback(token))).body.type).toBe(5);
    const edit = await fake.waitFor(isEdit(token), 60_000);
    noPings(edit);
    const embed = edit.body.embeds[0];
    expect(embed.title).toBe("What's new since 1 Jan 2026");
    expect(embed.description).toMatch(/^3 articles published since then add \d+ sentences that earlier articles had not reported\./);
    expect(embed.description).toMatch(/\*Reported by (Eurasia Monitor|Pacific Observer|Continental Review):\*|as reported:|^> /m);
    expect(embed.fields[0].value).toMatch(/9 Jan 2026|23 Jan 2026|24 Jan 2026/);
    expect(embed.fields[0].value).not.toMatch(/2025 ·/);
  });

  it("a date with no articles after it, and a date it cannot read", async () => {
    const later = fake.slash(newUser(), "whatsnew", { since: "2030-01-01" });
    expect((await fake.waitFor(isEdit(later.token), 60_000)).body.content).toBe("No articles published since 1 Jan 2030.");
    const bad = fake.slash(newUser(), "whatsnew", { since: "whenever" });
    const refused = await fake.waitFor(isCallback(bad.token));
    expect(ephemeral(refused)).toBe(true);
    expect(refused.body.data.content).toMatch(/^I can't read “whenever” as a date/);
  });
});

describe("differing figures in an answer", () => {
  it("/ask marks where outlets give different figures, each cited", async () => {
    const { token } = fake.slash(newUser(), "ask", { question: "how long did the april 25 meeting last" });
    const reply = await fake.waitFor((c) => (isCallback(token)(c) && c.body.type === 4) || isEdit(token)(c), 60_000);
    const embed = (reply.body.data ?? reply.body).embeds[0];
    // The three-hour figure is shown from the outlet that gives it (the live blog gives both).
    expect(embed.description).toMatch(/⚖️ \*Outlets differ:\* \*\*just over two hours\*\* \(Continental Desk\) · \*\*(?:nearly three hours|three-hour)\*\* \((?:Continental Desk, )?Panorama-Inform \(English service\)\)/);
    // Once, under the first of the figures.
    expect(embed.description.match(/Outlets differ/g)).toHaveLength(1);
  });
});
