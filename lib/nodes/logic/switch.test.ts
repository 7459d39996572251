import { describe, expect, it } from "vitest";
import { nodePorts } from "@/lib/engine/node-definition";
import { runNode } from "../test-context";
import { switchNode } from "./switch";
import { edge, flow, node, runGolden } from "../golden-harness";

const cases = [
  { name: "big", condition: "amount >= 1000" },
  { name: "medium", condition: "amount >= 100" },
];

describe("core.logic.switch", () => {
  it("declares one port per case plus default", () => {
    expect(nodePorts(switchNode, switchNode.config.parse({ cases }))).toEqual(["case:big", "case:medium", "default"]);
  });

  it("takes only the first matching case by default", async () => {
    const result = await runNode(switchNode, { cases }, { amount: 5000 });
    expect(result.ports).toEqual({ "case:big": { amount: 5000 } });
    expect(result.output).toEqual({ matched: ["big"] });
  });

  it("takes every matching case in mode all", async () => {
    const result = await runNode(switchNode, { cases, mode: "all" }, { amount: 5000 });
    expect(Object.keys(result.ports)).toEqual(["case:big", "case:medium"]);
  });

  it("falls back to default when nothing matches", async () => {
    const result = await runNode(switchNode, { cases }, { amount: 1 });
    expect(result.ports).toEqual({ default: { amount: 1 } });
    expect(result.output).toEqual({ matched: [] });
  });

  it("rejects duplicate and malformed case names", () => {
    expect(() => switchNode.config.parse({ cases: [cases[0], cases[0]] })).toThrow(/unique/);
    expect(() => switchNode.config.parse({ cases: [{ name: "has space", condition: true }] })).toThrow();
  });

  it("names the failing case in an evaluation error", async () => {
    await expect(runNode(switchNode, { cases: [{ name: "a", condition: "$unknownFn()" }] }, {})).rejects.toThrow(/cases\.0\.condition/);
  });
});

describe("core.logic.switch through the engine", () => {
  it("runs the matching case's branch and skips the rest", async () => {
    const doc = flow(
      "Switch",
      [
        node("start", "core.trigger.manual"),
        node("route", "core.logic.switch", { cases }),
        node("bigBranch", "core.data.set-fields", { fields: { lane: "big" } }),
        node("mediumBranch", "core.data.set-fields", { fields: { lane: "medium" } }),
        node("otherBranch", "core.data.set-fields", { fields: { lane: "other" } }),
      ],
      [
        edge("start", "route"),
        edge("route:case:big", "bigBranch"),
        edge("route:case:medium", "mediumBranch"),
        edge("route:default", "otherBranch"),
      ],
    );
    const result = await runGolden(doc, { params: { amount: 500 } });
    expect(result.run.state).toBe("completed");
    expect(result.output("mediumBranch")).toEqual({ amount: 500, lane: "medium" });
    expect([result.state("bigBranch"), result.state("otherBranch")]).toEqual(["skipped", "skipped"]);
  });
});
