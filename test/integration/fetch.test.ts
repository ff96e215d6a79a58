import { lookup } from "node:dns/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nonPublicRange } from "../../src/ingest/address.js";
import { fetchPage, type FetchOptions, type Resolver } from "../../src/ingest/fetch.js";
import { canonicalUrl, parseLink } from "../../src/ingest/url.js";
import { GENEVA_PATH, startPageServer, type PageServer } from "../helpers/pages.js";
import { refusal } from "../helpers/refusal.js";

let site: PageServer;
beforeAll(async () => {
  site = await startPageServer();
});
afterAll(async () => {
  await site?.close();
});

/** The test server is on loopback: reached only with private addresses allowed for this call. */
const local: FetchOptions = { allowPrivate: true };

/**
 * A resolver standing in for public DNS: the named hosts go to the test server, "localhost" is
 * looked up for real (the hosts file, no network), nothing else resolves.
 */
function fakeDns(hosts: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    if (host === "localhost") return (await lookup(host, { all: true })).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
    const found = hosts[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: (address.includes(":") ? 6 : 4) as 4 | 6 }));
  };
  return Object.assign(resolve, { calls });
}

describe("addresses", () => {
  it("only public unicast addresses count as public", () => {
    const refused: Record<string, string> = {
      "127.0.0.1": "loopback",
      "127.8.9.10": "loopback",
      "10.0.0.5": "private network",
      "172.16.4.1": "private network",
      "192.168.1.1": "private network",
      "169.254.169.254": "link-local",
      "100.64.0.1": "carrier-grade NAT",
      "0.0.0.0": "unspecified",
      "224.0.0.251": "multicast",
      "255.255.255.255": "broadcast",
      "240.0.0.1": "reserved",
      "::1": "loopback",
      "::": "unspecified",
      "fe80::1": "link-local",
      "fc00::1": "private network",
      "fd12:3456::1": "private network",
      "ff02::1": "multicast",
      "::ffff:127.0.0.1": "loopback",
      "::ffff:10.1.2.3": "private network",
      "2002:7f00:1::": "special-purpose", // 6to4 can wrap any IPv4 address
      "64:ff9b::a00:1": "special-purpose", // NAT64 likewise
    };
    for (const [address, range] of Object.entries(refused)) expect(nonPublicRange(address), address).toBe(range);
    for (const address of ["93.184.216.34", "8.8.8.8", "::ffff:93.184.216.34", "2606:4700:4700::1111", "[2a00:1450:4001::200e]"]) expect(nonPublicRange(address), address).toBeNull();
  });

  it("links are http(s) with no credentials; tracking parameters and fragments do not make another article", () => {
    expect(() => parseLink("ftp://files.example/a.txt")).toThrow(/Only http and https links/);
    expect(() => parseLink("file:///etc/passwd")).toThrow(/Only http and https links/);
    expect(() => parseLink("javascript:alert(1)")).toThrow(/Only http and https links/);
    expect(() => parseLink("not a link")).toThrow(/is not a link/);
    expect(() => parseLink("https://user:pw@news.example/a")).toThrow(/user name or password/);
    expect(() => parseLink("   ")).toThrow(/No link given/);
    expect(parseLink(" <https://news.example/a> ").href).toBe("https://news.example/a");
    expect(canonicalUrl("HTTPS://News.Example:443/a/b?utm_source=x&id=7&fbclid=z#comments")).toBe("https://news.example/a/b?id=7");
    expect(canonicalUrl("https://news.example/a?b=%20c")).toBe("https://news.example/a?b=%20c");
    expect(canonicalUrl("mailto:x@y")).toBeNull();
  });
});

describe("fetching a page", () => {
  it("reads an HTML page, following a relative redirect", async () => {
    const page = await fetchPage(site.url("/moved"), local);
    expect(page.url).toBe(site.url(`${GENEVA_PATH}?utm_source=newsletter&utm_medium=email`));
    expect(page.redirects).toHaveLength(1);
    expect(page.mediaType).toBe("text/html");
    expect(page.text).toContain("Envoys meet in Geneva");
  });

  it("decompresses gzip and decodes a charset named only in <meta>", async () => {
    expect((await fetchPage(site.url("/news/riyadh-talks-end"), local)).text).toContain("twelve hours of talks in Riyadh");
    const old = await fetchPage(site.url("/windows-1252"), local);
    expect(old.text).toContain("Café owner’s son");
    expect(old.text).toContain("“We kept his table by the window,”");
  });

  it("refuses loopback and private addresses unless allowed, without connecting", async () => {
    const before = site.hits.length;
    for (const link of [site.url(GENEVA_PATH), `http://[::1]:${site.port}/`, `http://0x7f.0.0.1:${site.port}/`, `http://2130706433:${site.port}/`, `http://[::ffff:127.0.0.1]:${site.port}/`]) {
      const err = await refusal(fetchPage(link));
      expect(err.code, link).toBe("private-address");
      expect(err.message).toMatch(/is a loopback address; links to private, local and reserved addresses are refused unless ALLOW_PRIVATE_URLS=true\.$/);
    }
    const named = await refusal(fetchPage(`http://localhost:${site.port}/`));
    expect(named.message).toMatch(/^localhost points to a loopback address \((127\.0\.0\.1|::1)\)/);
    const metadata = await refusal(fetchPage("http://169.254.169.254/latest/meta-data/"));
    expect(metadata.message).toMatch(/169\.254\.169\.254 is a link-local address/);
    expect(site.hits.length).toBe(before);
  });

  it("refuses a host when any of its addresses is private", async () => {
    const dns = fakeDns({ "mixed.example.test": ["93.184.216.34", "10.0.0.7"] });
    const err = await refusal(fetchPage("http://mixed.example.test/story", { resolve: dns }));
    expect(err.code).toBe("private-address");
    expect(err.message).toMatch(/mixed\.example\.test points to a private network address \(10\.0\.0\.7\)/);
  });

  it("re-checks every redirect: a public-looking page redirecting to a loopback address is refused", async () => {
    // news.example.test stands for a public site; only it is allowed to be on loopback here.
    const dns = fakeDns({ "news.example.test": ["127.0.0.1"] });
    const opts: FetchOptions = { resolve: dns, allowPrivateHosts: ["news.example.test"] };
    const ok = await fetchPage(`http://news.example.test:${site.port}${GENEVA_PATH}`, opts);
    expect(ok.text).toContain("Envoys meet in Geneva");

    const err = await refusal(fetchPage(`http://news.example.test:${site.port}/to-loopback`, opts));
    expect(err.code).toBe("private-address");
    expect(err.message).toMatch(/^localhost points to a loopback address/);
    const meta = await refusal(fetchPage(`http://news.example.test:${site.port}/to-metadata`, opts));
    expect(meta.code).toBe("private-address");
    const ftp = await refusal(fetchPage(`http://news.example.test:${site.port}/to-ftp`, opts));
    expect(ftp.code).toBe("bad-scheme");
    expect(site.hits).not.toContain("/admin");
  });

  it("connects to the address it checked, not to a second DNS answer", async () => {
    // The name resolves only through the injected resolver; a second look-up by the HTTP client
    // (system DNS) would fail. The fetch works, so the connection used the checked address.
    const dns = fakeDns({ "pinned.example.test": ["127.0.0.1"] });
    const page = await fetchPage(`http://pinned.example.test:${site.port}/moved`, { resolve: dns, allowPrivateHosts: ["pinned.example.test"] });
    expect(page.text).toContain("Envoys meet in Geneva");
    expect(dns.calls).toEqual(["pinned.example.test", "pinned.example.test"]); // once per hop
  });

  it("gives up after 5 redirects", async () => {
    const err = await refusal(fetchPage(site.url("/loop"), local));
    expect(err.code).toBe("too-many-redirects");
    expect(err.message).toBe("The link redirects more than 5 times.");
    expect(site.hits.filter((h) => h.startsWith("/loop"))).toHaveLength(6);
  });

  it("caps the size: a declared length at once, a streamed page and a compression bomb as they arrive", async () => {
    const declared = await refusal(fetchPage(site.url("/huge-declared"), local));
    expect(declared.code).toBe("too-large");
    expect(declared.message).toBe("The page is larger than 5 MB; pages that big are not read.");

    const streamed = await refusal(fetchPage(site.url("/huge"), { ...local, maxBytes: 1_000_000 }));
    expect(streamed.code).toBe("too-large");
    expect(streamed.message).toMatch(/larger than 1 MB/);
    await new Promise((r) => setTimeout(r, 200));
    expect(site.sent.get("/huge")!).toBeLessThan(30_000_000); // cut off, not read to the end

    const bomb = await refusal(fetchPage(site.url("/bomb"), local));
    expect(bomb.code).toBe("too-large");
  });

  it("times out on a page that trickles in and on one that never answers", async () => {
    const slow = await refusal(fetchPage(site.url("/slow"), { ...local, timeoutMs: 800 }));
    expect(slow.code).toBe("timeout");
    expect(slow.message).toBe(`127.0.0.1:${site.port} did not send the page within 800 ms.`);
    const silent = await refusal(fetchPage(site.url("/silent"), { ...local, timeoutMs: 1500 }));
    expect(silent.code).toBe("timeout");
    expect(silent.message).toMatch(/within 1\.5 s\.$/);
  });

  it("accepts only HTML and plain text", async () => {
    const pdf = await refusal(fetchPage(site.url("/report.pdf"), local));
    expect(pdf.code).toBe("not-html");
    expect(pdf.message).toBe("The link is not a web page (its content type is application/pdf); only HTML pages and plain text can be added.");
    expect((await refusal(fetchPage(site.url("/api/story.json"), local))).code).toBe("not-html");
    expect((await fetchPage(site.url("/story.txt"), local)).mediaType).toBe("text/plain");
  });

  it("says which HTTP status the site answered, and when a site cannot be reached", async () => {
    const gone = await refusal(fetchPage(site.url("/gone"), local));
    expect(gone.code).toBe("http-status");
    expect(gone.message).toBe("The site answered HTTP 410 (Gone) instead of the page.");
    const dns = fakeDns({});
    const missing = await refusal(fetchPage("https://no-such-site.example.test/", { resolve: dns }));
    expect(missing.code).toBe("dns");
    expect(missing.message).toBe("Could not find the site no-such-site.example.test.");
    // A closed port on loopback: nothing listens there once the probe server is gone.
    const closed = await startPageServer();
    await closed.close();
    const refused = await refusal(fetchPage(closed.url("/"), local));
    expect(refused.code).toBe("network");
    expect(refused.message).toMatch(/^Could not reach 127\.0\.0\.1 \(ECONNREFUSED\)\.$/);
  });
});
