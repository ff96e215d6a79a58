import type { BotStore, StoredAnswer } from "./store/store.js";

/** How long a message that replies to an unknown message waits for answers still being sent. */
export const SEND_WAIT_MS = 5_000;

/**
 * Answers on their way to Discord. The gateway can deliver a reply to an answer before the REST
 * call that posted the answer has returned, and so before the store knows the answer's message id;
 * without this, that reply would look like a reply to some other message and be ignored.
 */
export class AnswerSends {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly store: BotStore) {}

  /** Posts an answer with `send` (which returns the message id, if any) and records that id. */
  async send<T>(answerId: string, send: () => Promise<T>, idOf: (sent: T) => string | null | undefined): Promise<T> {
    const p = send().then((sent) => {
      const id = idOf(sent);
      if (id) this.store.setAnswerMessage(answerId, id);
      return sent;
    });
    this.inFlight.add(p);
    try {
      return await p;
    } finally {
      this.inFlight.delete(p);
    }
  }

  /** The answer a message id belongs to, waiting (briefly) for answers still in flight when it is not known yet. */
  async byMessage(messageId: string, waitMs = SEND_WAIT_MS): Promise<StoredAnswer | null> {
    const known = this.store.answerByMessage(messageId);
    if (known || this.inFlight.size === 0) return known;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, waitMs).unref()));
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
    return this.store.answerByMessage(messageId);
  }
}
