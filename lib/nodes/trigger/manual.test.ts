import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { manualTrigger } from "./manual";
import { edge, flow, node, runGolden } from "../golden-harness";

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

describe("core.trigger.manual through the engine", () => {
  it("starts the run and hands the parameters downstream", async () => {
    const doc = flow(
      "Manual",
      [node("start", "core.trigger.manual"), node("copy", "core.data.set-fields", { fields: { seen: true } })],
      [edge("start", "copy")],
      {
        email: { type: "string", required: true },
      },
    );
    const result = await runGolden(doc, { params: { email: "a@example.com" } });
    expect(result.run.state).toBe("completed");
    expect(result.output("start")).toEqual({ email: "a@example.com" });
    expect(result.output("copy")).toEqual({ email: "a@example.com", seen: true });
  });
});
