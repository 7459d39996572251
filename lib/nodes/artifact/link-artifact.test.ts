import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { linkArtifactNode } from "./link-artifact";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.artifact.link", () => {
  it("publishes the link and passes the input through", async () => {
    const ctx = createTestContext();
    const result = await runNode(linkArtifactNode, { url: "https://example.com/p/1", label: "Page" }, "in", ctx);
    expect(ctx.artifacts).toEqual([{ kind: "link", title: undefined, url: "https://example.com/p/1", label: "Page" }]);
    expect(result.output).toBe("in");
  });

  it("accepts only http(s) URLs", () => {
    expect(() => linkArtifactNode.config.parse({ url: "javascript:alert(1)" })).toThrow();
    expect(() => linkArtifactNode.config.parse({ url: "not a url" })).toThrow();
  });
});

describe("core.artifact.link through the engine", () => {
  it("stores a link built from an expression", async () => {
    const doc = flow(
      "Link",
      [
        node("start", "core.trigger.manual"),
        node("link", "core.artifact.link", { url: "https://example.com/p/{{ params.id }}", label: "Page" }),
      ],
      [edge("start", "link")],
    );
    const result = await runGolden(doc, { params: { id: 9 } });
    expect(result.artifacts.map((a) => a.artifact)).toEqual([{ kind: "link", url: "https://example.com/p/9", label: "Page" }]);
  });
});
