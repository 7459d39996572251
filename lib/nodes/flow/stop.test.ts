import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { stopNode } from "./stop";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.flow.stop", () => {
  it("completes with a report and takes no port", async () => {
    const ctx = createTestContext();
    const result = await runNode(stopNode, { reason: "nothing to do" }, { any: 1 }, ctx);
    expect(result.output).toEqual({ stopped: true, reason: "nothing to do" });
    expect(result.ports).toEqual({});
    expect(ctx.logs.map((l) => l.message)).toEqual(["Branch stopped"]);
  });
});

describe("core.flow.stop through the engine", () => {
  it("ends its branch while the other branch completes the run", async () => {
    const doc = flow(
      "Stop",
      [
        node("start", "core.trigger.manual"),
        node("halt", "core.flow.stop", { reason: "done here" }),
        node("other", "core.data.set-fields", { fields: { ran: true } }),
      ],
      [edge("start", "halt"), edge("start", "other")],
    );
    const result = await runGolden(doc);
    expect(result.run.state).toBe("completed");
    expect(result.output("halt")).toEqual({ stopped: true, reason: "done here" });
    expect(result.output("other")).toEqual({ ran: true });
  });
});
