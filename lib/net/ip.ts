import { isIPv4, isIPv6 } from "node:net";

/**
 * IP addresses as bytes. Every decision of the SSRF guard is made on these bytes, never on
 * strings: string and regex checks are how the `ip` package's `isPublic()` was bypassed
 * (`127.1`, `0x7f.0.0.1`, `017700000001`, `::ffff:127.0.0.1`). Hostnames in URLs are
 * normalised by the WHATWG URL parser first, so every IPv4 notation reaches us dotted-decimal.
 */

export interface IpAddress {
  family: 4 | 6;
  /** 4 bytes for IPv4, 16 for IPv6. */
  bytes: Uint8Array;
}

export interface Cidr {
  address: IpAddress;
  prefix: number;
}

function parseV4(text: string): Uint8Array | null {
  if (!isIPv4(text)) return null;
  return Uint8Array.from(text.split(".").map(Number));
}

function parseV6(text: string): Uint8Array | null {
  if (!isIPv6(text)) return null;
  let head = text;
  const tail: number[] = [];
  // An embedded dotted IPv4 tail (`::ffff:1.2.3.4`) is two 16-bit groups.
  const lastColon = head.lastIndexOf(":");
  const dotted = head.slice(lastColon + 1);
  if (dotted.includes(".")) {
    const v4 = parseV4(dotted);
    if (!v4) return null;
    tail.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    head = head.slice(0, lastColon + 1);
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const [left, right] = head.includes("::") ? head.split("::") : [head, undefined];
  const groups = (part: string | undefined): number[] => (part ? part.split(":").filter((g) => g !== "") : []).map((g) => parseInt(g, 16));
  const leftGroups = groups(left);
  const rightGroups = [...groups(right), ...tail];
  const missing = 8 - leftGroups.length - rightGroups.length;
  if (missing < 0 || (right === undefined && missing !== 0)) return null;
  const all = [...leftGroups, ...new Array<number>(missing).fill(0), ...rightGroups];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    bytes[i * 2] = group >> 8;
    bytes[i * 2 + 1] = group & 0xff;
  });
  return bytes;
}

/** Parses a literal address (IPv6 with or without brackets and zone id); null when `text` is not one. */
export function parseIp(text: string): IpAddress | null {
  let value = text.trim();
  if (value.startsWith("[") && value.endsWith("]")) value = value.slice(1, -1);
  const zone = value.indexOf("%");
  if (zone >= 0) value = value.slice(0, zone);
  const v4 = parseV4(value);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseV6(value);
  if (v6) return { family: 6, bytes: v6 };
  return null;
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return Array.from(ip.bytes).join(".");
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip.bytes[i]! << 8) | ip.bytes[i + 1]!);
  // RFC 5952: compress the longest run of two or more zero groups.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

/** Parses `10.0.0.0/8`, `fd00::/8` or a bare address (a /32 or /128). */
export function parseCidr(text: string): Cidr | null {
  const [addr, prefixText, extra] = text.trim().split("/");
  if (addr === undefined || extra !== undefined) return null;
  const address = parseIp(addr);
  if (!address) return null;
  const max = address.family === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: max };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix };
}

export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`invalid CIDR ${text}`);
  return parsed;
}

export function inCidr(ip: IpAddress, range: Cidr): boolean {
  if (ip.family !== range.address.family) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip.bytes[i]! & mask) !== (range.address.bytes[i]! & mask)) return false;
  }
  return true;
}

/** The IPv4 address carried in the last four bytes of an IPv6 address. */
export function embeddedV4(ip: IpAddress, offset = 12): IpAddress {
  return { family: 4, bytes: ip.bytes.slice(offset, offset + 4) };
}
