import { describe, expect, it } from "vitest";
import { createRegistry, DuplicateNodeTypeError } from "./registry";
import { echoNode, echoV2Node, addNode } from "./test-helpers/nodes";

describe("registry", () => {
  it("finds every version and lists only the latest of each type", () => {
    const r = createRegistry([echoV2Node, addNode, echoNode]);
    expect(r.get("test.echo", 1)).toBe(echoNode);
    expect(r.get("test.echo", 2)).toBe(echoV2Node);
    expect(r.get("test.echo", 3)).toBeUndefined();
    expect(r.list()).toEqual([addNode, echoV2Node]);
  });

  it("rejects a type registered twice at one version", () => {
    expect(() => createRegistry([echoNode, echoNode])).toThrow(DuplicateNodeTypeError);
  });
});
