import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { linkArtifactNode } from "./link-artifact";

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
