import ipaddr from "ipaddr.js";

/** ipaddr.js range names, as a person reads them. */
const RANGE_NAMES: Record<string, string> = {
  loopback: "loopback",
  private: "private network",
  uniqueLocal: "private network",
  linkLocal: "link-local",
  carrierGradeNat: "carrier-grade NAT",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "broadcast",
  reserved: "reserved",
};

/**
 * Whether an address may be fetched from: only ordinary public unicast addresses are. An
 * IPv4-mapped IPv6 address is judged by the IPv4 address inside it; the other IPv6 transition
 * ranges (6to4, Teredo, NAT64) can carry any IPv4 address, so they are refused as special-purpose.
 * Returns null for a public address, else the name of the range it is in.
 */
export function nonPublicRange(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address.replace(/^\[|\]$/g, ""));
  } catch {
    return "unparsable";
  }
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (range === "unicast") return null;
  return RANGE_NAMES[range] ?? "special-purpose";
}

/** An IP literal as written in a URL's host ("[::1]", "127.0.0.1"), or null for a host name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return ipaddr.isValid(bare) ? bare : null;
}
