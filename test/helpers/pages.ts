import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";

const PAGES = path.resolve(import.meta.dirname, "../fixtures/pages");
export const page = (name: string) => readFileSync(path.join(PAGES, name), "utf8");

export const GENEVA_PATH = "/world/2025/08/14/envoys-meet-in-geneva";

/** A news site on 127.0.0.1 for the ingest tests: real pages, redirects, and every way a fetch can go wrong. */
export interface PageServer {
  port: number;
  /** http://127.0.0.1:PORT + path */
  url(p: string): string;
  /** Paths requested so far, in order. */
  hits: string[];
  /** Bytes written by the oversize routes before the client hung up. */
  sent: Map<string, number>;
  close(): Promise<void>;
}

const PLAIN_STORY = `Grain corridor talks resume in Istanbul

Turkish mediators said on Tuesday that talks on reopening a safe shipping corridor for grain through the Black Sea would resume in Istanbul next week, after a pause of almost two months.

"Both delegations have confirmed that they will attend," a spokesman for the Turkish foreign ministry told reporters, adding that United Nations officials would also take part.

Shipping companies have called for guarantees that vessels will not be targeted, and insurers have raised premiums for ships sailing to ports on the northern coast.
`;

export const WINDOWS_1252 = `<html><head><meta charset="windows-1252"><title>Caf\u00e9 owner\u2019s son among prisoners freed</title></head><body>
<h1>Caf\u00e9 owner\u2019s son among prisoners freed</h1>
<p>The son of a caf\u00e9 owner from Kherson was among the soldiers released on Saturday, his family said, after more than two years in captivity.</p>
<p>\u201cWe kept his table by the window,\u201d his mother said outside the reception centre, holding a photograph taken on the day he left for the front.</p>
<p>Officials said the exchange had been agreed during talks last month and that further swaps were being discussed by both sides\u2019 negotiators.</p>
</body></html>`;

export async function startPageServer(): Promise<PageServer> {
  const hits: string[] = [];
  const sent = new Map<string, number>();
  const open = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const html = (res: ServerResponse, body: string | Buffer, type = "text/html; charset=utf-8", extra: Record<string, string> = {}) => {
    res.writeHead(200, { "content-type": type, ...extra });
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    hits.push(url.pathname + url.search);
    open.add(res);
    res.on("close", () => open.delete(res));
    const port = (server.address() as AddressInfo).port;
    switch (url.pathname) {
      case GENEVA_PATH:
        return html(res, page("harbour-post-geneva.html"));
      case "/news/riyadh-talks-end":
        // Compressed, as most news sites send it.
        return html(res, gzipSync(page("daily-ledger-riyadh.html")), "text/html", { "content-encoding": "gzip" });
      case "/bare":
        return html(res, page("bare-story.html"), "text/html");
      case "/world":
        return html(res, page("section-front.html"));
      case "/windows-1252":
        // An old single-byte charset named only in the page's <meta>: ’ is 0x92, é is 0xE9.
        return html(res, Buffer.from(WINDOWS_1252.replace(/\u2019/g, "\x92").replace(/\u201c/g, "\x93").replace(/\u201d/g, "\x94").replace(/\u00e9/g, "\xe9"), "latin1"), "text/html");
      case "/story.txt":
        return html(res, PLAIN_STORY, "text/plain; charset=utf-8");
      case "/moved":
        res.writeHead(301, { location: GENEVA_PATH + "?utm_source=newsletter&utm_medium=email" });
        return res.end();
      case "/to-loopback":
        // A public-looking page that sends the reader to an internal address.
        res.writeHead(302, { location: `http://localhost:${port}/admin` });
        return res.end();
      case "/to-metadata":
        res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" });
        return res.end();
      case "/to-ftp":
        res.writeHead(302, { location: "ftp://files.example/story.txt" });
        return res.end();
      case "/loop": {
        const n = Number(url.searchParams.get("n") ?? 0);
        res.writeHead(302, { location: `/loop?n=${n + 1}` });
        return res.end();
      }
      case "/long-read": {
        // 1.2 MB of story text in 1.7 MB of markup: under the page cap, over the article limit.
        const paras = Array.from({ length: 7000 }, (_, i) => `<div class="para-wrap" data-i="${i}"><span class="x"></span><p>Paragraph ${i}: the negotiators met again in the afternoon and talked about the front line, the prisoners and the grain corridor, officials said late on Friday evening.</p></div>`);
        return html(res, `<html><head><title>The long read: a year of talks</title></head><body><article>${paras.join("\n")}</article></body></html>`);
      }
      case "/admin":
        return html(res, "<html><body><p>Internal admin console. This must never be fetched.</p></body></html>");
      case "/huge": {
        // 30 MB of paragraphs, no Content-Length: the cap has to cut the stream itself.
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.write("<html><body><article>");
        const chunk = `<p>${"The negotiators met again. ".repeat(40)}</p>\n`.repeat(10);
        let total = 0;
        const pump = () => {
          while (total < 30_000_000) {
            total += chunk.length;
            sent.set("/huge", total);
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end("</article></body></html>");
        };
        res.on("error", () => {});
        return pump();
      }
      case "/huge-declared":
        res.writeHead(200, { "content-type": "text/html", "content-length": String(6_000_000) });
        return res.write("<html><body>");
      case "/bomb":
        // 20 MB of spaces, about 20 kB on the wire.
        return html(res, gzipSync(Buffer.alloc(20_000_000, " ")), "text/html", { "content-encoding": "gzip" });
      case "/slow": {
        // Headers at once, then a byte every 200 ms: only a deadline on the whole fetch stops it.
        res.writeHead(200, { "content-type": "text/html" });
        res.write("<html><body><p>");
        const t = setInterval(() => res.write("."), 200);
        timers.add(t);
        res.on("close", () => clearInterval(t));
        return;
      }
      case "/silent":
        return; // never answers
      case "/report.pdf":
        return html(res, "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "application/pdf");
      case "/api/story.json":
        return html(res, JSON.stringify({ headline: "Not a page" }), "application/json");
      case "/gone":
        res.writeHead(410, { "content-type": "text/html" });
        return res.end("<p>Gone</p>");
      default:
        res.writeHead(404, { "content-type": "text/html" });
        return res.end("<p>Not found</p>");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (p) => `http://127.0.0.1:${port}${p}`,
    hits,
    sent,
    close: async () => {
      for (const t of timers) clearInterval(t);
      for (const res of open) res.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
