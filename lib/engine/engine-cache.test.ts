import { describe, expect, it } from "vitest";
import { flow } from "./test-helpers/nodes";
import { harness } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";

const cached = (label: string, ttlSeconds = 60) =>
  flow([{ id: "n", type: "test.scripted", config: { label }, settings: { cache: { policy: "inputs", ttlSeconds } } }]);

describe("result cache", () => {
  it("reuses a result for the same type, version, resolved config and input within the TTL", async () => {
    const node = scriptedNode("test.scripted", (_ctx, _input, call) => Promise.resolve(`result ${call}`));
    const h = harness([node.def]);
    const first = await h.start(cached("{{ 'a' & 'b' }}"));
    expect((await h.finish(first)).output).toEqual({ n: "result 1" });
    const second = await h.start(cached("ab"));
    expect((await h.finish(second)).output).toEqual({ n: "result 1" });
    expect(node.calls).toHaveLength(1);
    const step = (await h.store.listSteps(second.runId))[0]!;
    expect(step.state).toBe("cached");
    expect(step.cacheKey).toMatch(/^sha256:/);
    expect(second.events.some((e) => e.type === "step.state" && e.state === "cached")).toBe(true);
    // Another config is another key.
    await h.finish(await h.start(cached("other")));
    expect(node.calls).toHaveLength(2);
  });

  it("expires entries after the TTL (virtual time)", async () => {
    const node = scriptedNode("test.scripted", (_ctx, _input, call) => Promise.resolve(call));
    const h = harness([node.def]);
    await h.finish(await h.start(cached("x", 10)));
    await h.clock.advance(9_999);
    await h.finish(await h.start(cached("x", 10)));
    expect(node.calls).toHaveLength(1);
    await h.clock.advance(1);
    const third = await h.start(cached("x", 10));
    expect((await h.finish(third)).output).toEqual({ n: 2 });
    expect(node.calls).toHaveLength(2);
  });

  it("keeps workspaces apart", async () => {
    const node = scriptedNode("test.scripted", (_ctx, _input, call) => Promise.resolve(call));
    const h = harness([node.def]);
    await h.finish(await h.start(cached("x"), { workspaceId: "w1" }));
    await h.finish(await h.start(cached("x"), { workspaceId: "w2" }));
    expect(node.calls).toHaveLength(2);
  });

  it("does not store failures", async () => {
    const node = scriptedNode("test.scripted", (_ctx, _input, call) =>
      call === 1 ? Promise.reject(new Error("no")) : Promise.resolve("yes"),
    );
    const h = harness([node.def]);
    expect((await h.finish(await h.start(cached("x")))).state).toBe("failed");
    expect((await h.finish(await h.start(cached("x")))).output).toEqual({ n: "yes" });
  });
});
