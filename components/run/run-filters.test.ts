import { describe, expect, it } from "vitest";
import { describeFilters } from "./run-filters";

describe("describeFilters", () => {
  it("names the state, the kind, or both", () => {
    expect(describeFilters({ state: "failed" })).toBe("failed");
    expect(describeFilters({ dryRun: true })).toBe("a dry run");
    expect(describeFilters({ dryRun: false })).toBe("a real run");
    expect(describeFilters({ state: "cancelled", dryRun: true })).toBe("a cancelled dry run");
  });
});
