import { classify, METADATA_HOSTNAMES, PRIVATE_KINDS, type BlockedKind } from "./blocked-ranges";
import { formatIp, inCidr, parseCidr, parseIp, type Cidr, type IpAddress } from "./ip";

/**
 * Which destinations an outgoing request may reach. The decision that matters is made on
 * every resolved address (hostnames can point anywhere); hostname entries of the allow-list
 * are the operator's explicit trust in a name, whatever it resolves to.
 */

export interface AddressPolicyOptions {
  /**
   * Hosts and networks admitted even when they are internal: hostnames (`billing.internal`),
   * wildcard subdomains (`*.corp.example`), addresses (`127.0.0.1`, `::1`) and CIDRs
   * (`10.0.0.0/8`, `fd00::/8`).
   */
  allowHosts?: readonly string[];
  /**
   * Admit the operator's own networks (loopback, RFC 1918, link-local, unique-local, CGNAT),
   * for self-hosted installs that call internal services. Metadata endpoints, unspecified,
   * multicast and reserved addresses stay refused unless named in `allowHosts`.
   */
  allowPrivate?: boolean;
}

export type Verdict = { allowed: true } | { allowed: false; reason: string };

export interface AddressPolicy {
  /** Checked before resolving: the hostname itself (names of metadata services, literal addresses). */
  checkHost(hostname: string): Verdict;
  /** Checked for every address a hostname resolves to. */
  checkAddress(hostname: string, address: string): Verdict;
}

interface AllowList {
  names: Set<string>;
  suffixes: string[];
  ranges: Cidr[];
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;

function normaliseHost(host: string): string {
  const lower = host.trim().toLowerCase();
  const unbracketed = lower.startsWith("[") && lower.endsWith("]") ? lower.slice(1, -1) : lower;
  return unbracketed.endsWith(".") ? unbracketed.slice(0, -1) : unbracketed;
}

/** Parses allow-list entries; throws naming the first invalid one (a configuration error). */
export function parseAllowList(entries: readonly string[]): AllowList {
  const list: AllowList = { names: new Set(), suffixes: [], ranges: [] };
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === "") continue;
    const range = parseCidr(entry);
    if (range) {
      list.ranges.push(range);
      continue;
    }
    const host = normaliseHost(entry);
    if (host.startsWith("*.") && HOSTNAME.test(host.slice(2))) {
      list.suffixes.push(host.slice(1));
      continue;
    }
    if (HOSTNAME.test(host)) {
      list.names.add(host);
      continue;
    }
    throw new Error(`Invalid allow-list entry "${entry}": expected a hostname, *.domain, an IP address or a CIDR`);
  }
  return list;
}

/** Splits the comma- or whitespace-separated form used in environment variables. */
export function splitAllowList(value: string | undefined): string[] {
  return (value ?? "").split(/[\s,]+/).filter((part) => part !== "");
}

const DESCRIPTIONS: Record<BlockedKind, string> = {
  loopback: "a loopback address",
  private: "a private network address",
  "link-local": "a link-local address",
  "unique-local": "a unique-local IPv6 address",
  "shared-address-space": "a carrier-grade NAT address",
  metadata: "a cloud metadata endpoint",
  unspecified: "the unspecified address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  reserved: "a reserved address",
  "ipv4-mapped": "an IPv4-mapped IPv6 address",
};

export function createAddressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
  const allow = parseAllowList(options.allowHosts ?? []);
  const allowPrivate = options.allowPrivate ?? false;

  const nameAllowed = (host: string): boolean => allow.names.has(host) || allow.suffixes.some((suffix) => host.endsWith(suffix));
  const rangeAllowed = (ip: IpAddress): boolean => allow.ranges.some((r) => inCidr(ip, r));

  function judge(ip: IpAddress): Verdict {
    if (rangeAllowed(ip)) return { allowed: true };
    const found = classify(ip);
    if (!found) return { allowed: true };
    if (found.embedded && rangeAllowed(found.embedded)) return { allowed: true };
    if (allowPrivate && PRIVATE_KINDS.has(found.kind)) return { allowed: true };
    const carried = found.embedded ? ` carrying ${formatIp(found.embedded)}` : "";
    return { allowed: false, reason: `${DESCRIPTIONS[found.kind]}${carried}` };
  }

  return {
    checkHost(hostname) {
      const host = normaliseHost(hostname);
      if (nameAllowed(host)) return { allowed: true };
      const literal = parseIp(host);
      if (literal) return judge(literal);
      if (METADATA_HOSTNAMES.has(host)) return { allowed: false, reason: "a cloud metadata hostname" };
      return { allowed: true };
    },
    checkAddress(hostname, address) {
      if (nameAllowed(normaliseHost(hostname))) return { allowed: true };
      const ip = parseIp(address);
      if (!ip) return { allowed: false, reason: `an unparseable address "${address}"` };
      return judge(ip);
    },
  };
}
