/** Per-user sliding window: at most `limit` questions in any `windowMs`. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a question if allowed; otherwise says how long until the next one is. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const t = this.now();
    const recent = (this.hits.get(key) ?? []).filter((h) => t - h < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { ok: false, retryAfterMs: this.windowMs - (t - recent[0]!) };
    }
    recent.push(t);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(t);
    return { ok: true };
  }

  private prune(t: number): void {
    for (const [k, v] of this.hits) if (v.every((h) => t - h >= this.windowMs)) this.hits.delete(k);
  }
}

/**
 * The rate-limit policies a command, button or autocomplete declares (discord.js guide's
 * `cooldown`, Sapphire's preconditions); the interaction event enforces them in one place.
 * - questions: anything that runs the engine (/ask, @mentions, follow-ups): configurable.
 * - browse: reading what is already there (/quotes, /sources, buttons): configurable, looser.
 * - autocomplete: one per keystroke, so much looser; a refusal is an empty list, never a message.
 * - moderate: moderators' commands.
 */
export type PolicyName = "questions" | "browse" | "autocomplete" | "moderate";

export interface Policy {
  limit: number;
  windowMs: number;
}

export function policies(rate: { questions: number; windowMs: number; browse: number }): Record<PolicyName, Policy> {
  return {
    questions: { limit: rate.questions, windowMs: rate.windowMs },
    browse: { limit: rate.browse, windowMs: 60_000 },
    autocomplete: { limit: 40, windowMs: 10_000 },
    moderate: { limit: 10, windowMs: 60_000 },
  };
}

export type Taken = { ok: true } | { ok: false; retryAfterMs: number; policy: PolicyName; limit: number; windowMs: number };

/** One sliding window per policy and user. */
export class RateLimits {
  private readonly limiters: Record<PolicyName, RateLimiter>;

  constructor(
    readonly policies: Record<PolicyName, Policy>,
    now: () => number = Date.now,
  ) {
    const make = (p: Policy) => new RateLimiter(p.limit, p.windowMs, now);
    this.limiters = { questions: make(policies.questions), browse: make(policies.browse), autocomplete: make(policies.autocomplete), moderate: make(policies.moderate) };
  }

  take(policy: PolicyName, userId: string): Taken {
    const r = this.limiters[policy].take(userId);
    return r.ok ? r : { ok: false, retryAfterMs: r.retryAfterMs, policy, ...this.policies[policy] };
  }
}

/** The notice for a refused request: how long to wait and what the limit is. */
export function rateLimitText(t: Extract<Taken, { ok: false }>): string {
  const seconds = Math.max(1, Math.ceil(t.retryAfterMs / 1000));
  const what = t.policy === "questions" ? "questions" : "requests";
  return `You're asking faster than I can keep up: try again in ${seconds} s (at most ${t.limit} ${what} every ${t.windowMs / 1000} s).`;
}
