import { describe, expect, it } from "vitest";
import { createRedactor } from "./redact";

describe("redactor", () => {
  it("is a no-op until a secret is known", () => {
    const r = createRedactor();
    const value = { a: "sk_live_123" };
    expect(r.active).toBe(false);
    expect(r.redact(value)).toBe(value);
  });

  it("masks secrets in nested strings and keys, copying only what changes", () => {
    const r = createRedactor(["sk_live_123", "abc"]);
    const shared = { keep: "plain" };
    const value = { headers: { authorization: "Bearer sk_live_123" }, list: ["x sk_live_123 y", 3], shared, sk_live_123: 1, short: "abc" };
    const out = r.redact(value);
    expect(out).toEqual({ headers: { authorization: "Bearer ***" }, list: ["x *** y", 3], shared, "***": 1, short: "abc" });
    expect(out.shared).toBe(shared);
    expect(value.headers.authorization).toBe("Bearer sk_live_123");
  });

  it("masks the longer of two overlapping secrets whole", () => {
    const r = createRedactor(["token", "token-extended"]);
    expect(r.redactText("a token-extended b token")).toBe("a *** b ***");
  });

  it("masks error messages and survives cycles", () => {
    const r = createRedactor(["hunter22"]);
    const e = r.redact(new TypeError("password hunter22 rejected"));
    expect(e.message).toBe("password *** rejected");
    expect(e.name).toBe("TypeError");
    const cyclic: Record<string, unknown> = { s: "hunter22" };
    cyclic.self = cyclic;
    expect((r.redact(cyclic) as { s: string }).s).toBe("***");
  });

  it("escapes regular expression characters in secrets", () => {
    const r = createRedactor(["a.b*c(d)"]);
    expect(r.redactText("x a.b*c(d) axbbc")).toBe("x *** axbbc");
  });
});
