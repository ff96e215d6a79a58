/**
 * Why a link was not added. The bot and the terminal decide what to show from `code`; `message`
 * is one clear sentence for the person who gave the link.
 */
export type IngestErrorCode =
  | "bad-url"
  | "bad-scheme"
  | "private-address"
  | "dns"
  | "network"
  | "timeout"
  | "http-status"
  | "too-many-redirects"
  | "not-html"
  | "too-large"
  | "not-article";

export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "IngestError";
  }
}
