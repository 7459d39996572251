import { describe, expect, it } from "vitest";
import { generateApiToken, hashApiToken, looksLikeApiToken } from "@/lib/server/tokens/token-format";

describe("API token format", () => {
  it("is syd_ plus 43 url-safe characters, with a SHA-256 hash and a short visible prefix", () => {
    const { token, prefix, hash } = generateApiToken();
    expect(token).toMatch(/^syd_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeApiToken(token)).toBe(true);
    expect(prefix).toBe(token.slice(0, 12));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiToken(token));
    expect(hash).not.toContain(token.slice(4));
    expect(generateApiToken().token).not.toBe(token);
  });

  it("rejects strings of another shape", () => {
    expect(looksLikeApiToken("syd_short")).toBe(false);
    expect(looksLikeApiToken("ghp_" + "a".repeat(43))).toBe(false);
    expect(looksLikeApiToken("syd_" + "a".repeat(42) + "!")).toBe(false);
  });
});
