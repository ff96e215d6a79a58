import { IngestError } from "./errors.js";

export const MAX_URL_LENGTH = 2000;

/** A link as given by a person: trimmed, absolute, http or https, no user name or password. */
export function parseLink(input: string): URL {
  const text = input.trim().replace(/^<(.*)>$/, "$1"); // Discord users wrap links in <> to hide previews
  if (!text) throw new IngestError("bad-url", "No link given.");
  if (text.length > MAX_URL_LENGTH) throw new IngestError("bad-url", `The link is longer than ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new IngestError("bad-url", `"${text.slice(0, 100)}" is not a link; give the full address, starting with https://.`);
  }
  checkScheme(url);
  if (url.username || url.password) throw new IngestError("bad-url", "Links with a user name or password are not fetched.");
  return url;
}

export function checkScheme(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new IngestError("bad-scheme", `Only http and https links can be added (this one is ${url.protocol.replace(/:$/, "")}).`);
  }
}

/** Query parameters that only say where a reader came from; the same article with or without them is one article. */
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|cmpid|ocid|smid|ito|mbid|at_\w+)$/i;

/**
 * The form of a URL used to recognise the same article: no fragment, no tracking parameters,
 * host lower-cased and default port dropped (the URL parser does those two).
 */
export function canonicalUrl(input: string | URL): string | null {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  const tracking = [...url.searchParams.keys()].filter((k) => TRACKING.test(k));
  // Rewrite the query only when something is dropped, so other links keep their exact encoding.
  if (tracking.length) {
    for (const key of tracking) url.searchParams.delete(key);
    url.search = url.searchParams.size ? url.searchParams.toString() : "";
  } else if (url.search === "?") url.search = "";
  url.username = "";
  url.password = "";
  return url.href;
}
