/**
 * One of several processes sharing a bot store file (as the processes of a sharded bot do): waits
 * for the start signal (a file appearing), opens the store, and writes conversations, answers and
 * votes as fast as it can. Prints "waiting" once loaded, then one JSON line: what it wrote, or the
 * error that stopped it.
 * Usage: store-writer.ts FILE GO_FILE NAME COUNT
 */
import { existsSync } from "node:fs";
import type { Answer } from "../../src/answer/types.js";
import { BotStore } from "../../src/bot/store/store.js";

const [file, go, name, count] = process.argv.slice(2) as [string, string, string, string];
const answer: Answer = { question: "q", answered: true, reason: "answered", items: [] } as unknown as Answer;

process.stdout.write("waiting\n");
while (!existsSync(go)) await new Promise((r) => setTimeout(r, 2));
let written = 0;
try {
  const store = BotStore.open(file, { conversationTtlMs: 3_600_000 });
  const hashes = new Set<string>();
  for (let i = 0; i < Number(count); i++) {
    const conv = store.newConversation({ guildId: name, channelId: "c" });
    const id = store.saveAnswer({ conversationId: conv, guildId: name, channelId: "c", userId: "1", question: `${name}-${i}`, askedAs: "q", answer, private: false });
    store.vote(id, `${name}-voter`, 1);
    if (i % 25 === 0) store.purgeExpired();
    hashes.add(store.hashUser("42"));
    written++;
  }
  store.close();
  process.stdout.write(`${JSON.stringify({ name, written, hash: [...hashes][0] })}\n`);
} catch (err) {
  process.stdout.write(`${JSON.stringify({ name, written, error: String((err as Error).message), code: (err as { code?: string }).code })}\n`);
}
