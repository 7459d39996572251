import { describe, expect, it } from "vitest";
import { createMemoryVariableStore } from "./memory-variables";
import { flow } from "./test-helpers/nodes";
import { harness } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";

describe("expressions in a run", () => {
  it("resolves every templated string in config, deep, against params, nodes, vars and run", async () => {
    const seen: unknown[] = [];
    const node = scriptedNode("test.capture", () => Promise.resolve(null));
    const capture = {
      ...node.def,
      run: (ctx: Parameters<typeof node.def.run>[0], config: { value?: unknown }, input: unknown) => {
        seen.push(config.value);
        return node.def.run(ctx, config, input);
      },
    };
    const h = harness([capture], { variables: createMemoryVariableStore({ region: "eu-west" }) });
    const doc = flow(
      [
        { id: "rows", type: "test.echo", config: { value: { count: 2, items: ["a", "b"] } } },
        {
          id: "use",
          type: "test.capture",
          config: {
            value: {
              count: "{{ nodes.rows.output.count }}",
              items: ["{{ nodes.rows.output.items }}", "first={{ nodes.rows.output.items[0] }}"],
              who: "{{ params.name }} in {{ vars.region }}",
              run: "{{ run.id = '" + "RUNID" + "' }}",
              plain: "no braces",
            },
          },
        },
      ],
      [{ source: "rows", target: "use" }],
    );
    doc.nodes[1]!.config.value = JSON.parse(JSON.stringify(doc.nodes[1]!.config.value).replace("RUNID", "fixed-run")) as unknown;
    await h.finish(await h.start(doc, { params: { name: "Ada" }, runId: "fixed-run" }));
    expect(seen).toEqual([{ count: 2, items: [["a", "b"], "first=a"], who: "Ada in eu-west", run: true, plain: "no braces" }]);
    expect(doc.nodes[1]!.config.value).toMatchObject({ count: "{{ nodes.rows.output.count }}" });
  });

  it("exposes the run's trigger and scheduled time", async () => {
    const h = harness();
    const doc = flow([
      { id: "a", type: "test.echo", config: { value: "{{ run.trigger.kind & ' ' & run.scheduledAt & ' ' & run.attempt }}" } },
    ]);
    const record = await h.finish(await h.start(doc, { trigger: { kind: "schedule", id: "s1" }, scheduledAt: "2026-01-01T09:00:00Z" }));
    expect(record.output).toEqual({ a: "schedule 2026-01-01T09:00:00Z 1" });
  });

  it("validates the resolved config and names the field when it is wrong", async () => {
    const h = harness();
    const doc = flow([{ id: "add", type: "test.add", config: { n: "{{ params.n }}" }, settings: { retries: 3 } }]);
    const run = await h.start(doc, { params: { n: "three" } });
    const record = await h.finish(run);
    expect(record.state).toBe("failed");
    const step = (await h.store.listSteps(run.runId))[0]!;
    expect(step.error).toMatchObject({ category: "validation", details: { path: ["config", "n"] } });
    expect(step.error?.message).toMatch(/^Node "add": invalid config\.n: /);
    expect(step.attempts).toHaveLength(1);
  });

  it("names node, field and position when evaluation fails", async () => {
    const h = harness();
    const doc = flow([{ id: "calc", type: "test.echo", config: { value: { deep: "{{ params.s + 1 }}" } } }]);
    const run = await h.start(doc, { params: { s: "text" } });
    await h.finish(run);
    const step = (await h.store.listSteps(run.runId))[0]!;
    expect(step.error?.message).toMatch(/^Expression error in node "calc", field "config\.value\.deep", position \d+: /);
  });

  it("keeps an output in memory until the last node that names it has run", async () => {
    const h = harness();
    const doc = flow(
      [
        { id: "a", type: "test.echo", config: { value: { big: [1, 2, 3] } } },
        { id: "b", type: "test.echo", config: { value: "b" } },
        { id: "c", type: "test.echo", config: { value: "c" } },
        { id: "d", type: "test.echo", config: { value: "{{ nodes.a.output.big }}" } },
        {
          id: "e",
          type: "test.echo",
          config: { value: "{{ $count(nodes.a.output.big) }}" },
          settings: { mapOver: "{{ nodes.d.output }}" },
        },
      ],
      [
        { source: "a", target: "b" },
        { source: "b", target: "c" },
        { source: "c", target: "d" },
        { source: "d", target: "e" },
      ],
    );
    const record = await h.finish(await h.start(doc));
    expect(record.output).toEqual({ e: [3, 3, 3] });
  });

  it("shows an expression only the outputs of upstream nodes", async () => {
    const h = harness();
    const doc = flow(
      [
        { id: "a", type: "test.echo", config: { value: "A" } },
        { id: "side", type: "test.echo", config: { value: "S" } },
        { id: "b", type: "test.echo", config: { value: "{{ $keys(nodes) }}" } },
      ],
      [{ source: "a", target: "b" }],
    );
    const record = await h.finish(await h.start(doc));
    expect(record.output).toMatchObject({ b: "a" });
  });
});

describe("testNode", () => {
  it("runs one node with the given input, upstream outputs and config, and persists nothing", async () => {
    const h = harness();
    const doc = flow(
      [
        { id: "src", type: "test.echo", config: { value: 1 } },
        { id: "add", type: "test.add", config: { n: "{{ nodes.src.output.n }}" } },
        { id: "broken", type: "test.add", config: { n: "not a number" } },
      ],
      [{ source: "src", target: "add" }],
    );
    const step = await h.engine.testNode(doc, "add", { input: 5, upstream: { src: { n: 10 } } });
    expect(step).toMatchObject({ key: "add", nodeId: "add", state: "completed", input: 5, output: 15 });
    expect(step.runId).toMatch(/^test_/);
    const override = await h.engine.testNode(doc, "add", { input: 5, config: { n: 1 } });
    expect(override.output).toBe(6);
    expect(h.store.size()).toBe(0);
    await expect(h.engine.testNode(doc, "zz")).rejects.toThrow(/not found/);
    await expect(h.engine.testNode(doc, "broken")).rejects.toThrow(/invalid config/);
  });

  it("does not retry and honours dry run", async () => {
    const node = scriptedNode("test.post", async (ctx) => (await ctx.fetch("https://x.example/a", { method: "POST" })).status, {
      sideEffect: true,
    });
    const h = harness([node.def]);
    const doc = flow([{ id: "p", type: "test.post", settings: { retries: 5 } }]);
    const dry = await h.engine.testNode(doc, "p", { dryRun: true });
    expect(dry).toMatchObject({ state: "dry-run", output: { dryRun: true, request: { method: "POST", url: "https://x.example/a" } } });
    const failing = scriptedNode("test.fail", () => Promise.reject(new Error("nope")));
    const h2 = harness([failing.def]);
    const failed = await h2.engine.testNode(flow([{ id: "f", type: "test.fail", settings: { retries: 5 } }]), "f");
    expect(failed.state).toBe("failed");
    expect(failing.calls).toHaveLength(1);
  });
});
