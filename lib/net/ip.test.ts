import { describe, expect, it } from "vitest";
import { formatIp, inCidr, parseCidr, parseIp } from "./ip";

describe("parseIp", () => {
  it("parses IPv4 and IPv6 literals into bytes", () => {
    expect(Array.from(parseIp("10.1.2.3")!.bytes)).toEqual([10, 1, 2, 3]);
    expect(parseIp("::1")!.bytes[15]).toBe(1);
    expect(parseIp("[::1]")!.family).toBe(6);
    expect(Array.from(parseIp("::ffff:127.0.0.1")!.bytes.slice(10))).toEqual([0xff, 0xff, 127, 0, 0, 1]);
    expect(Array.from(parseIp("fe80::1%eth0")!.bytes.slice(0, 2))).toEqual([0xfe, 0x80]);
    expect(Array.from(parseIp("1:2:3:4:5:6:7:8")!.bytes.slice(14))).toEqual([0, 8]);
  });

  it("refuses non-canonical and non-address text (URLs normalise those first)", () => {
    expect(parseIp("127.1")).toBeNull();
    expect(parseIp("0x7f.0.0.1")).toBeNull();
    expect(parseIp("example.com")).toBeNull();
    expect(parseIp("1:2:3:4:5:6:7:8:9")).toBeNull();
  });

  it("formats IPv6 with the longest zero run compressed", () => {
    expect(formatIp(parseIp("0:0:0:0:0:0:0:1")!)).toBe("::1");
    expect(formatIp(parseIp("fd00:ec2:0:0:0:0:0:254")!)).toBe("fd00:ec2::254");
    expect(formatIp(parseIp("1:0:0:2:0:0:0:3")!)).toBe("1:0:0:2::3");
    expect(formatIp(parseIp("1:2:3:4:5:6:7:8")!)).toBe("1:2:3:4:5:6:7:8");
  });
});

describe("CIDR", () => {
  it("matches prefixes bit by bit", () => {
    const range = parseCidr("172.16.0.0/12")!;
    expect(inCidr(parseIp("172.31.255.255")!, range)).toBe(true);
    expect(inCidr(parseIp("172.32.0.0")!, range)).toBe(false);
    expect(inCidr(parseIp("fe80::1")!, parseCidr("fe80::/10")!)).toBe(true);
    expect(inCidr(parseIp("fec0::1")!, parseCidr("fe80::/10")!)).toBe(false);
    expect(inCidr(parseIp("10.0.0.1")!, parseCidr("::/0")!)).toBe(false);
  });

  it("treats a bare address as a single-host range and rejects bad prefixes", () => {
    expect(parseCidr("127.0.0.1")!.prefix).toBe(32);
    expect(parseCidr("::1")!.prefix).toBe(128);
    expect(parseCidr("10.0.0.0/33")).toBeNull();
    expect(parseCidr("10.0.0.0/8/1")).toBeNull();
    expect(parseCidr("host/8")).toBeNull();
  });
});
