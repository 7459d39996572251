import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { markdownArtifactNode } from "./markdown-artifact";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.artifact.markdown", () => {
  it("publishes the markdown and passes the input through", async () => {
    const ctx = createTestContext();
    const result = await runNode(markdownArtifactNode, { title: "Summary", body: "# 3 leads" }, { n: 3 }, ctx);
    expect(ctx.artifacts).toEqual([{ kind: "markdown", title: "Summary", body: "# 3 leads" }]);
    expect(result.ports).toEqual({ out: { n: 3 } });
  });
});

describe("core.artifact.markdown through the engine", () => {
  it("stores the artifact with the run", async () => {
    const doc = flow(
      "Md",
      [
        node("start", "core.trigger.manual"),
        node("report", "core.artifact.markdown", { title: "Report", body: "**{{ params.n }}** rows" }),
      ],
      [edge("start", "report")],
    );
    const result = await runGolden(doc, { params: { n: 3 } });
    expect(result.artifacts.map((a) => [a.stepKey, a.artifact])).toEqual([
      ["report", { kind: "markdown", title: "Report", body: "**3** rows" }],
    ]);
  });
});
