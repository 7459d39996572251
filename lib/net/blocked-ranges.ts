import { cidr, embeddedV4, inCidr, type Cidr, type IpAddress } from "./ip";

/**
 * Address ranges an outgoing request may not reach, by kind. `private` kinds are what a
 * self-hosted team may open with `allowPrivate`; the others (metadata, unspecified,
 * multicast, reserved) stay closed unless an allow-list entry names them explicitly.
 * Sources: IANA special-purpose registries (RFC 6890 and successors).
 */

export type BlockedKind =
  | "loopback"
  | "private"
  | "link-local"
  | "unique-local"
  | "shared-address-space"
  | "metadata"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "reserved"
  | "ipv4-mapped";

/** Kinds that `allowPrivate` admits: addresses of the operator's own network. */
export const PRIVATE_KINDS: ReadonlySet<BlockedKind> = new Set([
  "loopback",
  "private",
  "link-local",
  "unique-local",
  "shared-address-space",
]);

interface Range {
  range: Cidr;
  kind: BlockedKind;
}

const range = (text: string, kind: BlockedKind): Range => ({ range: cidr(text), kind });

/** Cloud metadata endpoints, checked before the wider ranges that contain them. */
const METADATA: readonly Range[] = [
  range("169.254.169.254/32", "metadata"), // AWS, GCP, Azure, OpenStack, Oracle, DigitalOcean
  range("169.254.170.2/32", "metadata"), // AWS ECS task metadata
  range("169.254.170.23/32", "metadata"), // AWS EKS pod identity
  range("100.100.100.200/32", "metadata"), // Alibaba Cloud
  range("192.0.0.192/32", "metadata"), // Oracle Cloud (classic)
  range("fd00:ec2::254/128", "metadata"), // AWS over IPv6
  range("fd00:ec2::23/128", "metadata"), // AWS EKS pod identity over IPv6
];

const V4: readonly Range[] = [
  range("0.0.0.0/8", "unspecified"),
  range("10.0.0.0/8", "private"),
  range("100.64.0.0/10", "shared-address-space"),
  range("127.0.0.0/8", "loopback"),
  range("169.254.0.0/16", "link-local"),
  range("172.16.0.0/12", "private"),
  range("192.0.0.0/24", "reserved"),
  range("192.0.2.0/24", "reserved"),
  range("192.31.196.0/24", "reserved"),
  range("192.52.193.0/24", "reserved"),
  range("192.88.99.0/24", "reserved"),
  range("192.168.0.0/16", "private"),
  range("192.175.48.0/24", "reserved"),
  range("198.18.0.0/15", "reserved"),
  range("198.51.100.0/24", "reserved"),
  range("203.0.113.0/24", "reserved"),
  range("224.0.0.0/4", "multicast"),
  range("255.255.255.255/32", "broadcast"),
  range("240.0.0.0/4", "reserved"),
];

const V6: readonly Range[] = [
  range("::/128", "unspecified"),
  range("::1/128", "loopback"),
  range("100::/64", "reserved"), // discard-only
  range("2001::/23", "reserved"), // IETF protocol assignments, Teredo (embeds addresses)
  range("2001:db8::/32", "reserved"), // documentation
  range("3fff::/20", "reserved"), // documentation
  range("5f00::/16", "reserved"), // SRv6 SIDs
  range("fc00::/7", "unique-local"),
  range("fe80::/10", "link-local"),
  range("fec0::/10", "link-local"), // deprecated site-local
  range("ff00::/8", "multicast"),
];

/** IPv6 forms that carry an IPv4 address, judged by the address they carry. */
const MAPPED = cidr("::ffff:0:0/96");
const TRANSLATED = cidr("::ffff:0:0:0/96");
const COMPATIBLE = cidr("::/96");
const NAT64 = cidr("64:ff9b::/96");
const NAT64_LOCAL = cidr("64:ff9b:1::/48");
const SIX_TO_FOUR = cidr("2002::/16");

export interface Classification {
  kind: BlockedKind;
  /** The IPv4 address an IPv6 form carries, when that is what was judged. */
  embedded?: IpAddress;
}

function lookup(ip: IpAddress, ranges: readonly Range[]): BlockedKind | undefined {
  return ranges.find((r) => inCidr(ip, r.range))?.kind;
}

/** The blocked kind of `ip`, or undefined for a public unicast address. */
export function classify(ip: IpAddress): Classification | undefined {
  const metadata = lookup(ip, METADATA);
  if (metadata) return { kind: metadata };
  if (ip.family === 4) {
    const kind = lookup(ip, V4);
    return kind ? { kind } : undefined;
  }
  // IPv4-mapped (and the SIIT "translated" form) connect straight to the IPv4 address: never
  // allowed as such, whatever they carry.
  if (inCidr(ip, MAPPED) || inCidr(ip, TRANSLATED)) return { kind: "ipv4-mapped", embedded: embeddedV4(ip) };
  const own = lookup(ip, V6);
  if (own) return { kind: own };
  if (inCidr(ip, COMPATIBLE)) return { kind: "ipv4-mapped", embedded: embeddedV4(ip) };
  if (inCidr(ip, NAT64_LOCAL)) return { kind: "reserved" };
  if (inCidr(ip, NAT64)) {
    const inner = classify(embeddedV4(ip));
    return inner ? { kind: inner.kind, embedded: embeddedV4(ip) } : undefined;
  }
  if (inCidr(ip, SIX_TO_FOUR)) {
    const carried = embeddedV4(ip, 2);
    const inner = classify(carried);
    return inner ? { kind: inner.kind, embedded: carried } : undefined;
  }
  return undefined;
}

/** Hostnames of metadata services, refused by name before any lookup. */
export const METADATA_HOSTNAMES: ReadonlySet<string> = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
  "metadata.azure.internal",
]);
