import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { stopNode } from "./stop";

describe("core.flow.stop", () => {
  it("completes with a report and takes no port", async () => {
    const ctx = createTestContext();
    const result = await runNode(stopNode, { reason: "nothing to do" }, { any: 1 }, ctx);
    expect(result.output).toEqual({ stopped: true, reason: "nothing to do" });
    expect(result.ports).toEqual({});
    expect(ctx.logs.map((l) => l.message)).toEqual(["Branch stopped"]);
  });
});
