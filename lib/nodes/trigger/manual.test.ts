import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { manualTrigger } from "./manual";

describe("core.trigger.manual", () => {
  it("outputs the run parameters on out", async () => {
    const ctx = createTestContext({ params: { email: "a@example.com", count: 2 } });
    const result = await runNode(manualTrigger, {}, undefined, ctx);
    expect(result.ports).toEqual({ out: { email: "a@example.com", count: 2 } });
  });

  it("has no input port and rejects unknown config", () => {
    expect(manualTrigger.hasInput).toBe(false);
    expect(() => manualTrigger.config.parse({ extra: 1 })).toThrow();
  });
});
