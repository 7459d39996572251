import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { markdownArtifactNode } from "./markdown-artifact";

describe("core.artifact.markdown", () => {
  it("publishes the markdown and passes the input through", async () => {
    const ctx = createTestContext();
    const result = await runNode(markdownArtifactNode, { title: "Summary", body: "# 3 leads" }, { n: 3 }, ctx);
    expect(ctx.artifacts).toEqual([{ kind: "markdown", title: "Summary", body: "# 3 leads" }]);
    expect(result.ports).toEqual({ out: { n: 3 } });
  });
});
