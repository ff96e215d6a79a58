import { Writable } from "node:stream";
import { DiscordAPIError } from "discord.js";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/bot/logger.js";
import { RateLimits, policies, rateLimitText } from "../../src/bot/ratelimit.js";

const TOKEN = "aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpzZWNyZXRzZWNyZXRzZWNyZXQ";

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
  return { logger: createLogger("info", sink), lines };
}

describe("log redaction", () => {
  it("keeps interaction tokens out of a failed request's error, wherever discord.js puts the URL", () => {
    const { logger, lines } = capture();
    const url = `https://discord.com/api/v10/interactions/1300000000000000001/${TOKEN}/callback?with_response=false`;
    const err = new DiscordAPIError({ message: "Unknown interaction", code: 10062 }, 10062, 404, "POST", url, { body: {} });
    logger.error({ err, errorId: "abc" }, "handler failed");
    logger.warn({ err: new Error(`PATCH /webhooks/1100000000000000001/${TOKEN}/messages/@original failed`) }, "could not edit");
    logger.info({ request: { url: `/webhooks/1100000000000000001/${TOKEN}` } }, `posted to /webhooks/1100000000000000001/${TOKEN}`);
    const out = lines.join("");
    expect(out).toContain("Unknown interaction");
    expect(out).toContain("/interactions/1300000000000000001/[redacted]/callback");
    expect(out).toContain("/webhooks/1100000000000000001/[redacted]/messages/@original");
    expect(out).not.toContain(TOKEN);
    expect(lines).toHaveLength(3);
  });

  it("redacts a bot token that ends up in a message", () => {
    const { logger, lines } = capture();
    const botToken = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB";
    logger.error(`login failed with ${botToken}`);
    expect(lines.join("")).not.toContain(botToken);
  });
});

describe("rate-limit policies", () => {
  it("keeps one window per policy and user, and words the notice from the policy", () => {
    let now = 0;
    const limits = new RateLimits(policies({ questions: 2, windowMs: 30_000, browse: 3 }), () => now);
    expect(limits.take("questions", "u").ok).toBe(true);
    expect(limits.take("questions", "u").ok).toBe(true);
    const refused = limits.take("questions", "u");
    expect(refused.ok).toBe(false);
    // Browsing is counted apart from asking.
    expect(limits.take("browse", "u").ok).toBe(true);
    if (!refused.ok) expect(rateLimitText(refused)).toBe("You're asking faster than I can keep up: try again in 30 s (at most 2 questions every 30 s).");
    for (let i = 0; i < 2; i++) limits.take("browse", "u");
    const b = limits.take("browse", "u");
    expect(!b.ok && rateLimitText(b)).toMatch(/at most 3 requests every 60 s/);
    now = 30_001;
    expect(limits.take("questions", "u").ok).toBe(true);
  });
});
