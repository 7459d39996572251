import { describe, expect, it } from "vitest";
import { SCRYPT_PARAMS, hashPassword, needsRehash, verifyPassword } from "@/lib/server/auth/password";

describe("password hashing", () => {
  it("stores scrypt parameters and a random salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$${SCRYPT_PARAMS.r}\\$${SCRYPT_PARAMS.p}\\$`));
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse battery");
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterz", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  it("treats Unicode forms of the same password as equal (NFKC)", async () => {
    const hash = await hashPassword("ﬁle-cabinet-42");
    expect(await verifyPassword("file-cabinet-42", hash)).toBe(true);
  });

  it("rejects malformed or tampered hashes instead of throwing", async () => {
    const hash = await hashPassword("pw-123456");
    expect(await verifyPassword("pw-123456", "plain-text")).toBe(false);
    expect(await verifyPassword("pw-123456", hash.replace(/\$\d+\$/, "$1073741824$"))).toBe(false);
    const parts = hash.split("$");
    parts[5] = Buffer.alloc(32).toString("base64");
    expect(await verifyPassword("pw-123456", parts.join("$"))).toBe(false);
    expect(await verifyPassword("x".repeat(300), hash)).toBe(false);
  });

  it("asks for a rehash when parameters are weaker than the current ones", async () => {
    expect(needsRehash(await hashPassword("pw-123456"))).toBe(false);
    expect(needsRehash("scrypt$16384$8$1$AAAA$AAAA")).toBe(true);
  });
});
