import { describe, expect, it } from "vitest";
import { NetworkError } from "./errors";
import { flow } from "./test-helpers/nodes";
import { harness } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";

describe("dry run", () => {
  it("captures the request a side-effect node would send and does not send it", async () => {
    let sent = 0;
    const fetch: typeof globalThis.fetch = () => {
      sent++;
      return Promise.resolve(new Response("{}"));
    };
    const post = scriptedNode(
      "test.post",
      async (ctx) => {
        const res = await ctx.fetch("https://api.example.com/v1/pages", {
          method: "post",
          headers: { "content-type": "application/json", "x-trace": "1" },
          body: JSON.stringify({ title: "Hello" }),
        });
        return res.status;
      },
      { sideEffect: true },
    );
    const read = scriptedNode("test.read", async (ctx) => (await ctx.fetch("https://api.example.com/v1/items")).status);
    const h = harness([post.def, read.def], { fetch });
    const doc = flow(
      [
        { id: "read", type: "test.read" },
        { id: "post", type: "test.post" },
        { id: "after", type: "test.echo" },
      ],
      [
        { source: "read", target: "post" },
        { source: "post", target: "after" },
      ],
    );
    const run = await h.start(doc, { dryRun: true });
    const record = await h.finish(run);
    expect(record.state).toBe("completed");
    expect(sent).toBe(1); // only the read
    const steps = new Map((await h.store.listSteps(run.runId)).map((s) => [s.key, s]));
    expect(steps.get("read")?.state).toBe("completed");
    expect(steps.get("post")?.state).toBe("dry-run");
    const expected = {
      dryRun: true,
      request: {
        method: "POST",
        url: "https://api.example.com/v1/pages",
        headers: { "content-type": "application/json", "x-trace": "1" },
        body: { title: "Hello" },
      },
    };
    expect(steps.get("post")?.output).toEqual(expected);
    expect(steps.get("after")?.input).toEqual(expected);
  });

  it("still ends dry-run when the node wraps the capture in its own error", async () => {
    const node = scriptedNode(
      "test.post",
      async (ctx) => {
        try {
          await ctx.fetch("https://x.example/hook", { method: "PUT", body: "raw" });
        } catch (e) {
          throw new NetworkError("request failed", { cause: e });
        }
        return 1;
      },
      { sideEffect: true },
    );
    const h = harness([node.def]);
    const run = await h.start(flow([{ id: "p", type: "test.post", settings: { retries: 3 } }]), { dryRun: true });
    expect((await h.finish(run)).state).toBe("completed");
    const step = (await h.store.listSteps(run.runId))[0]!;
    expect(step).toMatchObject({
      state: "dry-run",
      output: { dryRun: true, request: { method: "PUT", url: "https://x.example/hook", body: "raw" } },
    });
    expect(node.calls).toHaveLength(1);
  });

  it("does not write workspace variables from side-effect nodes", async () => {
    const node = scriptedNode(
      "test.setvar",
      async (ctx) => {
        await ctx.vars.set("counter", 5);
        return "set";
      },
      { sideEffect: true },
    );
    const h = harness([node.def]);
    const run = await h.start(flow([{ id: "s", type: "test.setvar" }]), { dryRun: true });
    await h.finish(run);
    const step = (await h.store.listSteps(run.runId))[0]!;
    expect(step.output).toEqual({ dryRun: true, request: { method: "SET", url: "var:counter", headers: {}, body: 5 } });
    const check = scriptedNode("test.getvar", (ctx) => ctx.vars.get("counter"));
    const h2 = harness([node.def, check.def]);
    const real = await h2.start(
      flow(
        [
          { id: "s", type: "test.setvar" },
          { id: "g", type: "test.getvar" },
        ],
        [{ source: "s", target: "g" }],
      ),
    );
    expect((await h2.finish(real)).output).toEqual({ g: 5 });
  });
});
