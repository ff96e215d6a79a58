/**
 * npm run demo: the bot and a local stand-in for Discord in one process, with the real engine over
 * the corpus folder and no token. Each line typed is sent as a Discord user would send it, and the
 * bot's reply is printed as Discord would show it (embeds, fields, buttons).
 *
 * With a terminal it prompts; otherwise it reads one line at a time from stdin, prints each reply
 * and exits at the end of input, so it can be scripted:  echo "What did the Kremlin say?" | npm run demo
 */
import path from "node:path";
import { createInterface } from "node:readline";
import { startBot, type Bot } from "../bot/bot.js";
import type { BotConfig } from "../bot/config.js";
import type { BotContext } from "../bot/context.js";
import { createLogger } from "../bot/logger.js";
import { AnswerSends } from "../bot/answer-sends.js";
import { RateLimits, policies } from "../bot/ratelimit.js";
import { BotStore } from "../bot/store/store.js";
import { engineConfig, loadEnv } from "../config.js";
import { embedderForIndex } from "../embed/select.js";
import { CorpusError, Engine } from "../engine.js";
import { renderMessage } from "../fake-discord/render.js";
import { FakeDiscord, nextId, type FakeMessage, type FakeUser } from "../fake-discord/server.js";

const HELP = `Type a question to /ask it. Also:
  > question          reply to the last answer (a follow-up: "> what did he mean by that?")
  @ question          mention the bot in the channel
  /quotes NAME        quotes by a person or organisation
  /sources            the indexed articles
  /people             who is quoted
  /timeline [WORDS]   the story's dated events (about WORDS)
  /whatsnew DATE      what the articles added since DATE (2025-12-01, december, last week)
  /more  /paragraph  /helpful  /nothelpful   press that button on the last answer
  /help               the bot's help;  /exit (or end of input) quits`;

const REPLY_TIMEOUT_MS = 30_000;

loadEnv();
const tty = process.stdin.isTTY === true;
const say = (s: string) => process.stdout.write(`${s}\n`);
const note = (s: string) => process.stderr.write(`${s}\n`);

const cfg = engineConfig();
// The npm-shipped model by default: it needs no download, and the demo's index is its own.
const model = cfg.embeddingModel ?? "use-lite";
const indexDir = process.env.INDEX_DIR?.trim() || path.join("data", "index-demo");

let engine: Engine;
try {
  const { embedder, remember } = await embedderForIndex({ setting: model, indexDir, hubUrl: cfg.hubUrl, warn: note });
  engine = await Engine.open({ corpusDir: cfg.corpusDir, indexDir, embedder, log: note });
  await remember();
} catch (err) {
  note(`dossier demo: ${err instanceof CorpusError ? err.message : `could not start: ${(err as Error).message}`}`);
  process.exit(1);
}

const fake = await new FakeDiscord().start();
const config: BotConfig = {
  token: fake.token,
  clientId: fake.botUser.id,
  guildId: fake.guildId,
  moderatorRoleId: fake.moderatorRoleId,
  rateLimit: { questions: 1000, windowMs: 1000, browse: 1000 },
  conversationTtlMs: 3_600_000,
  dbPath: ":memory:",
  modLogChannelId: null,
  logLevel: "warn",
  apiUrl: fake.apiUrl,
  shards: "auto",
  shardsPerProcess: "auto",
};
const logger = createLogger(config.logLevel, process.stderr);
const store = BotStore.open(":memory:", { conversationTtlMs: config.conversationTtlMs });
const ctx: BotContext = { engine, config, logger, limits: new RateLimits(policies(config.rateLimit)), store, sends: new AnswerSends(store) };
const bot: Bot = await startBot(ctx);

const you: FakeUser = { id: nextId(), username: "you" };
const names = new Map([
  [you.id, you.username],
  [fake.botUser.id, fake.botUser.username],
  [fake.channelId, "general"],
]);
let lastAnswer: FakeMessage | null = null;

const show = (m: FakeMessage) => {
  for (const [id, ch] of fake.channels) names.set(id, ch.name);
  say(renderMessage(m, { ansi: tty && process.stdout.isTTY === true, names }));
  if (m.components.some((r: { components: { custom_id?: string }[] }) => r.components.some((c) => c.custom_id?.startsWith("ans:")))) lastAnswer = m;
};

async function botReplyAfter(messageId: string): Promise<FakeMessage | null> {
  const deadline = Date.now() + REPLY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const reply = fake.repliesTo(messageId)[0];
    if (reply) return reply;
    const reacted = fake.messages.get(messageId);
    if (reacted?.reactions.length) return reacted;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}

async function interaction(token: string): Promise<void> {
  const m = await fake.settled(token, REPLY_TIMEOUT_MS);
  show(m);
}

async function handle(line: string): Promise<boolean> {
  const text = line.trim();
  if (!text) return true;
  if (text === "/exit" || text === "/quit") return false;
  if (tty && text === "?") {
    say(HELP);
    return true;
  }
  const [cmd, ...rest] = text.split(/\s+/);
  const arg = rest.join(" ");
  const press = async (label: string) => {
    const button = lastAnswer?.components.flatMap((r: { components: { label: string; custom_id: string }[] }) => r.components).find((c: { label: string }) => c.label.startsWith(label));
    if (!lastAnswer || !button) {
      say(`(no "${label}" button on the last answer)`);
      return;
    }
    await interaction(fake.click(you, lastAnswer, button.custom_id).token);
  };
  switch (cmd) {
    case "/quotes":
      // With no name, the most quoted speaker of the corpus.
      await interaction(fake.slash(you, "quotes", { speaker: arg || (engine.speakers()[0]?.name ?? "") }).token);
      return true;
    case "/sources":
      await interaction(fake.slash(you, "sources", arg ? { article: arg } : {}).token);
      return true;
    case "/help":
      await interaction(fake.slash(you, "help").token);
      return true;
    case "/people":
      await interaction(fake.slash(you, "people").token);
      return true;
    case "/timeline":
      await interaction(fake.slash(you, "timeline", arg ? { about: arg } : {}).token);
      return true;
    case "/whatsnew":
      await interaction(fake.slash(you, "whatsnew", { since: arg || "last week" }).token);
      return true;
    case "/more":
      await press("More");
      return true;
    case "/paragraph":
      await press("Show paragraph");
      return true;
    case "/helpful":
      await press("Helpful");
      return true;
    case "/nothelpful":
      await press("Not helpful");
      return true;
  }
  if (text.startsWith(">") || text.startsWith("@")) {
    const replying = text.startsWith(">");
    const question = text.slice(1).trim();
    if (replying && !lastAnswer?.id) {
      say("(no answer to reply to yet: ask a question first)");
      return true;
    }
    const channelId = lastAnswer && replying ? lastAnswer.channel_id : fake.channelId;
    const id = replying
      ? fake.post(you, question, { replyTo: lastAnswer!.id, channelId })
      : fake.post(you, `<@${fake.botUser.id}> ${question}`, { mentionBot: true, channelId });
    const reply = await botReplyAfter(id);
    if (reply) show(reply);
    else say("(no reply)");
    return true;
  }
  await interaction(fake.slash(you, "ask", { question: text }).token);
  return true;
}

if (tty) note(`Dossier demo: ${engine.articles.length} articles from ${cfg.corpusDir}. Type a question, or ? for more.`);
const rl = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty });
if (tty) {
  rl.setPrompt("you> ");
  rl.prompt();
}
let queue = Promise.resolve(true);
let done = false;
const finish = async () => {
  if (done) return;
  done = true;
  await queue.catch(() => true);
  await bot.stop();
  store.close();
  await fake.stop();
  process.exit(0);
};
rl.on("line", (line) => {
  queue = queue.then(async (goOn) => {
    if (!goOn) return false;
    try {
      const more = await handle(line);
      if (!more) void finish();
      return more;
    } catch (err) {
      say(`(demo: ${(err as Error).message})`);
      return true;
    } finally {
      if (tty && !done) rl.prompt();
    }
  });
});
rl.on("close", () => void finish());
