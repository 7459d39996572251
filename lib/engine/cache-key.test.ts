import { describe, expect, it } from "vitest";
import { cacheKey, stableStringify } from "./cache-key";

describe("cache key", () => {
  it("ignores key order but not values", () => {
    expect(stableStringify({ b: 1, a: [{ y: 2, x: 1 }] })).toBe('{"a":[{"x":1,"y":2}],"b":1}');
    const base = { type: "t", version: 1, config: { a: 1, b: 2 }, input: { q: 1 } };
    const k = cacheKey(base);
    expect(k).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(cacheKey({ ...base, config: { b: 2, a: 1 } })).toBe(k);
    expect(cacheKey({ ...base, config: { a: 1, b: 3 } })).not.toBe(k);
    expect(cacheKey({ ...base, input: { q: 2 } })).not.toBe(k);
    expect(cacheKey({ ...base, version: 2 })).not.toBe(k);
    expect(cacheKey({ ...base, type: "u" })).not.toBe(k);
    expect(cacheKey({ ...base, workspaceId: "w2" })).not.toBe(k);
    expect(cacheKey({ ...base, credential: "c2" })).not.toBe(k);
  });

  it("treats undefined fields as absent, like JSON", () => {
    expect(stableStringify({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(stableStringify(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
  });
});
