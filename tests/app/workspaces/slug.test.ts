import { describe, expect, it } from "vitest";
import { slugify, suffixedSlug } from "@/lib/server/workspaces/slug";

describe("workspace slugs", () => {
  it("keeps ASCII letters and digits, joined by single dashes", () => {
    expect(slugify("Acme Marketing!")).toBe("acme-marketing");
    expect(slugify("  Crème brûlée — Ops  ")).toBe("creme-brulee-ops");
    expect(slugify("数据")).toBe("workspace");
    expect(slugify("a".repeat(60))).toHaveLength(40);
    expect(slugify("x".repeat(39) + " y")).toBe("x".repeat(39));
  });

  it("adds a short random suffix within the length limit", () => {
    const slug = suffixedSlug("a".repeat(40));
    expect(slug).toMatch(/^a{35}-[0-9a-f]{4}$/);
    expect(suffixedSlug("ops")).not.toBe(suffixedSlug("ops"));
  });
});
