import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import ipaddr from "ipaddr.js";
import { formatBytes } from "../corpus/limits.js";
import { ipLiteral, nonPublicRange } from "./address.js";
import { IngestError } from "./errors.js";
import { checkScheme, parseLink } from "./url.js";

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Raw page size cap (after decompression). News pages carry scripts and markup; the article text itself is capped later at the corpus limit. */
export const MAX_PAGE_BYTES = 5_000_000;
export const MAX_REDIRECTS = 5;
export const ACCEPTED_TYPES = ["text/html", "application/xhtml+xml", "text/plain"] as const;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = "Mozilla/5.0 (compatible; Dossier/0.1; news article reader)";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetchOptions {
  /** Fetch from private, loopback, link-local and reserved addresses too (ALLOW_PRIVATE_URLS). */
  allowPrivate?: boolean;
  /** Host names (not addresses) whose private addresses are accepted; every other host is checked. */
  allowPrivateHosts?: readonly string[];
  /** For the whole fetch: every redirect, every DNS look-up and the body. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** DNS resolution; the system resolver by default. */
  resolve?: Resolver;
}

export interface FetchedPage {
  requestedUrl: string;
  /** Where the page was finally read from, after redirects. */
  url: string;
  redirects: string[];
  /** text/html, application/xhtml+xml or text/plain. */
  mediaType: string;
  /** The body decoded with its declared (or sniffed) character set. */
  text: string;
}

const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * Fetches a web page the safe way: http(s) only; every host (the first and each redirect's)
 * resolved and refused when any of its addresses is not public, unless allowed; the connection
 * pinned to the address that was checked, so a second DNS answer cannot swap it (DNS rebinding);
 * redirects followed by hand, at most `maxRedirects`; one deadline for everything; the body
 * capped while it streams in; only HTML and plain text accepted.
 */
export async function fetchPage(input: string | URL, opts: FetchOptions = {}): Promise<FetchedPage> {
  const first = typeof input === "string" ? parseLink(input) : input;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? MAX_PAGE_BYTES;
  const maxRedirects = opts.maxRedirects ?? MAX_REDIRECTS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const redirects: string[] = [];
  let url = first;
  try {
    for (;;) {
      checkScheme(url);
      const pinned = await untilAborted(resolveAllowed(url, opts), controller.signal);
      const res = await get(url, pinned, controller.signal);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status) && res.headers.location) {
        res.destroy();
        if (redirects.length >= maxRedirects) throw new IngestError("too-many-redirects", `The link redirects more than ${maxRedirects} times.`);
        let next: URL;
        try {
          next = new URL(res.headers.location, url);
        } catch {
          throw new IngestError("http-status", "The site redirected to an address that is not a valid link.");
        }
        redirects.push(next.href);
        url = next;
        continue;
      }
      if (status < 200 || status > 299) {
        res.destroy();
        throw new IngestError("http-status", `The site answered HTTP ${status}${res.statusMessage ? ` (${res.statusMessage})` : ""} instead of the page.`);
      }
      const { mediaType, charset } = contentType(res.headers["content-type"]);
      if (mediaType && !(ACCEPTED_TYPES as readonly string[]).includes(mediaType)) {
        res.destroy();
        throw new IngestError("not-html", `The link is not a web page (its content type is ${mediaType}); only HTML pages and plain text can be added.`);
      }
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        throw tooLarge(maxBytes);
      }
      const body = await readCapped(res, maxBytes, controller.signal);
      const type = mediaType || sniffType(body);
      if (!type) throw new IngestError("not-html", "The link is not a web page (no content type, and the body is not HTML).");
      return { requestedUrl: first.href, url: url.href, redirects, mediaType: type, text: decode(body, charset, type) };
    }
  } catch (err) {
    if (err instanceof IngestError) throw err;
    if (controller.signal.aborted) throw new IngestError("timeout", `${url.host} did not send the page within ${formatSeconds(timeoutMs)}.`);
    // Socket and TLS errors carry a code; anything else is a bug, not the site's fault.
    if (typeof (err as NodeJS.ErrnoException)?.code !== "string") throw err;
    throw networkError(err, url);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves the URL's host and returns the one address to connect to, after checking them all. */
async function resolveAllowed(url: URL, opts: FetchOptions): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const literal = ipLiteral(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: literal, family: literal.includes(":") ? 6 : 4 }];
  else {
    try {
      addresses = await (opts.resolve ?? systemResolver)(host);
    } catch (err) {
      throw networkError(err, url);
    }
  }
  if (!addresses.length) throw new IngestError("dns", `Could not find the site ${host}.`);
  if (!opts.allowPrivate && !opts.allowPrivateHosts?.includes(host)) {
    for (const a of addresses) {
      const range = nonPublicRange(a.address);
      if (!range) continue;
      const where = literal ? `${host} is a ${range} address` : `${host} points to a ${range} address (${a.address})`;
      throw new IngestError("private-address", `${where}; links to private, local and reserved addresses are refused unless ALLOW_PRIVATE_URLS=true.`);
    }
  }
  // IPv4 first: hosts that publish both are reachable over it from far more machines.
  return addresses.find((a) => a.family === 4) ?? addresses[0]!;
}

/** One GET, connected to `pinned` whatever the DNS says now; no connection pooling, no reuse. */
function get(url: URL, pinned: ResolvedAddress, signal: AbortSignal): Promise<IncomingMessage> {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  return new Promise((resolve, reject) => {
    const mod = url.protocol === "https:" ? https : http;
    const req = mod.request(url, {
      method: "GET",
      agent: false,
      lookup,
      signal,
      headers: {
        "user-agent": USER_AGENT,
        accept: "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        "accept-encoding": "gzip, deflate, br",
        "accept-language": "en;q=0.9, *;q=0.5",
      },
    });
    req.on("response", (res) => {
      // The pinned lookup makes this hold; checked anyway, since it is the whole point.
      const remote = res.socket?.remoteAddress;
      if (remote && !sameAddress(remote, pinned.address)) {
        res.destroy();
        reject(new IngestError("private-address", `Connected to ${remote} instead of the checked address ${pinned.address}; refused.`));
        return;
      }
      resolve(res);
    });
    req.on("error", reject);
    req.end();
  });
}

function sameAddress(a: string, b: string): boolean {
  try {
    const norm = (s: string) => {
      const ip = ipaddr.parse(s);
      return ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address().toString() : ip.toNormalizedString();
    };
    return norm(a) === norm(b);
  } catch {
    return a === b;
  }
}

async function readCapped(res: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const encoding = String(res.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  let stream: Readable = res;
  if (encoding === "gzip" || encoding === "x-gzip" || encoding === "deflate") stream = res.pipe(zlib.createUnzip());
  else if (encoding === "br") stream = res.pipe(zlib.createBrotliDecompress());
  else if (encoding !== "identity" && encoding !== "") {
    res.destroy();
    throw new IngestError("not-html", `The site sent the page compressed as "${encoding}", which Dossier cannot read.`);
  }
  if (stream !== res) res.on("error", (err) => stream.destroy(err));
  const onAbort = () => stream.destroy(new Error("aborted"));
  signal.addEventListener("abort", onAbort, { once: true });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      // Counted after decompression, so a small compressed bomb is cut off too.
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof IngestError) throw err;
    if (signal.aborted) throw err;
    if ((err as NodeJS.ErrnoException).code?.startsWith("Z_")) throw new IngestError("network", "The site sent a damaged compressed page.");
    throw err;
  } finally {
    signal.removeEventListener("abort", onAbort);
    res.destroy();
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): IngestError {
  return new IngestError("too-large", `The page is larger than ${formatBytes(maxBytes)}; pages that big are not read.`);
}

export function contentType(header: string | undefined): { mediaType: string | null; charset: string | null } {
  if (!header) return { mediaType: null, charset: null };
  const [type, ...params] = header.split(";");
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find(Boolean) ?? null;
  return { mediaType: type!.trim().toLowerCase() || null, charset };
}

function sniffType(body: Buffer): string | null {
  const head = body.subarray(0, 1024).toString("latin1").replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart();
  return /^<(!doctype html|html|head|body)\b/i.test(head) ? "text/html" : null;
}

/** Decodes with the header's charset, a byte-order mark, or an HTML page's own <meta charset>, else UTF-8. */
export function decode(body: Buffer, headerCharset: string | null, mediaType: string): string {
  let label = headerCharset;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) label = "utf-8";
  else if (body[0] === 0xff && body[1] === 0xfe) label = "utf-16le";
  else if (body[0] === 0xfe && body[1] === 0xff) label = "utf-16be";
  if (!label && mediaType !== "text/plain") {
    const head = body.subarray(0, 4096).toString("latin1");
    label = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ?? null;
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label ?? "utf-8");
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  return decoder.encoding === "windows-1252" ? decodeWindows1252(body) : decoder.decode(body);
}

/** 0x80-0x9F in windows-1252 (which the web also means by "iso-8859-1" and "us-ascii"). */
const CP1252_HIGH = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

/** Node 20's TextDecoder reads windows-1252 as ISO-8859-1, losing curly quotes and dashes. */
function decodeWindows1252(body: Buffer): string {
  let out = "";
  for (const byte of body) out += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return out;
}

function networkError(err: unknown, url: URL): IngestError {
  const code = (err as NodeJS.ErrnoException)?.code ?? "";
  const host = url.hostname;
  if (code === "ENOTFOUND" || code === "ENODATA") return new IngestError("dns", `Could not find the site ${host}.`);
  if (code === "EAI_AGAIN") return new IngestError("dns", `Could not look up ${host} (the name server did not answer).`);
  if (code.startsWith("ERR_TLS") || code.includes("CERT") || code === "EPROTO") return new IngestError("network", `Could not open a secure connection to ${host} (${code}).`);
  return new IngestError("network", `Could not reach ${host}${code ? ` (${code})` : ""}.`);
}

function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error("aborted"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
