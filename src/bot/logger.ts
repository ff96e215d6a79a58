import pino, { stdSerializers, type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * Interaction and webhook tokens travel in URL paths (`/webhooks/<app>/<token>/…`,
 * `/interactions/<id>/<token>/callback`), and discord.js puts a failed request's URL into its
 * error. Anyone holding such a token can post as the bot for 15 minutes, so no log line keeps one.
 */
const URL_TOKEN = /(\/(?:webhooks|interactions)\/\d+\/)([^/?\s"'#]+)/g;
/** A bot token: base64 id, timestamp and HMAC, dot-separated. */
const BOT_TOKEN = /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}\b/g;

export function redact(text: string): string {
  return text.replace(URL_TOKEN, "$1[redacted]").replace(BOT_TOKEN, "[redacted]");
}

/** Redacts every string inside a plain value; Errors are left to the err serializer. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redact(value);
  if (depth > 6 || value === null || typeof value !== "object" || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, depth + 1);
  return out;
}

const errSerializer = (err: Error) => redactDeep(stdSerializers.err(err));

/** Structured JSON logs on stdout (or a given stream, in tests), with tokens redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      name: "dossier",
      level,
      base: { pid: process.pid },
      serializers: { err: errSerializer, error: errSerializer },
      formatters: { log: (obj) => redactDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? redact(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
