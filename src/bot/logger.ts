import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/** Structured JSON logs on stdout (or a given stream, in tests). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ name: "dossier", level, base: { pid: process.pid } }, destination);
}
