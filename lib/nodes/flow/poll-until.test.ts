import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeClock } from "@/lib/engine/clock";
import { TimeoutError } from "@/lib/engine/errors";
import { FakeServer } from "@/tests/fakes/fake-server";
import { createTestContext, runNode } from "../test-context";
import { pollUntilNode } from "./poll-until";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.flow.poll-until over a variable", () => {
  it("polls every interval until the condition holds", async () => {
    const ctx = createTestContext({ vars: { job: { state: "running" } } });
    const pending = runNode(
      pollUntilNode,
      { source: "variable", variable: "job", condition: 'state = "done"', intervalSeconds: 5 },
      null,
      ctx,
    );
    await ctx.clock.advance(5_000);
    await ctx.clock.advance(5_000);
    ctx.variables.set("job", { state: "done", rows: 3 });
    await ctx.clock.advance(5_000);
    const result = await pending;
    expect(result.output).toEqual({ done: true, attempts: 4, elapsedMs: 15_000, result: { state: "done", rows: 3 } });
    expect(Object.keys(result.ports)).toEqual(["out"]);
  });

  it("fails with a timeout error after the last poll at the deadline", async () => {
    const ctx = createTestContext({ vars: { job: "running" } });
    const config = { source: "variable", variable: "job", condition: '$ = "done"', intervalSeconds: 4, timeoutSeconds: 10 };
    const pending = runNode(pollUntilNode, config, null, ctx).catch((e: unknown) => e);
    await ctx.clock.runAll();
    const err = await pending;
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toBe("Condition not met after 4 polls in 10 s");
  });

  it("routes the last observation to the timeout port when asked", async () => {
    const ctx = createTestContext({ vars: { job: "running" } });
    const config = { source: "variable", variable: "job", condition: "false", intervalSeconds: 1, timeoutSeconds: 1, onTimeout: "route" };
    const pending = runNode(pollUntilNode, config, null, ctx);
    await ctx.clock.runAll();
    const result = await pending;
    expect(result.ports).toEqual({ timeout: { done: false, attempts: 2, elapsedMs: 1_000, result: "running" } });
    expect(pollUntilNode.config.parse(config)).toMatchObject({ onTimeout: "route" });
  });

  it("binds $attempt and stops when aborted", async () => {
    const ctx = createTestContext({ vars: { v: 1 } });
    const pending = runNode(pollUntilNode, { source: "variable", variable: "v", condition: "$attempt = 99" }, null, ctx);
    await ctx.clock.advance(10_000);
    ctx.controller.abort(new Error("cancelled"));
    await expect(pending).rejects.toThrow("cancelled");
  });

  it("requires the URL or variable of its source", () => {
    expect(() => pollUntilNode.config.parse({ condition: "true" })).toThrow(/required when polling a URL/);
    expect(() => pollUntilNode.config.parse({ source: "variable", condition: "true" })).toThrow(/required when polling a variable/);
  });
});

describe("core.flow.poll-until over HTTP", () => {
  let server: FakeServer;
  let calls = 0;
  beforeEach(async () => {
    calls = 0;
    server = await new FakeServer()
      .route("GET", "/jobs/42", () => {
        calls++;
        return calls < 3 ? { status: 503, body: { error: "busy" } } : { status: 200, body: { state: "ready", url: "https://x/r.csv" } };
      })
      .start();
  });
  afterEach(() => server.stop());

  it("GETs the URL with the headers until the body says it is ready", async () => {
    const ctx = createTestContext({ fetch });
    const config = {
      url: `${server.url}/jobs/42`,
      headers: { "x-token": "t" },
      condition: 'status = 200 and body.state = "ready"',
      intervalSeconds: 1,
    };
    const pending = runNode(pollUntilNode, config, null, ctx);
    for (let i = 0; i < 2; i++) {
      while (ctx.clock.pending() === 0) await new Promise((r) => setTimeout(r, 5));
      await ctx.clock.advance(1_000);
    }
    const result = await pending;
    expect(result.output).toMatchObject({ done: true, attempts: 3, result: { status: 200, body: { state: "ready" } } });
    expect(server.requests.map((r) => [r.method, r.path, r.headers["x-token"]])).toEqual([
      ["GET", "/jobs/42", "t"],
      ["GET", "/jobs/42", "t"],
      ["GET", "/jobs/42", "t"],
    ]);
  });

  it("treats a refused connection as an observation and keeps polling", async () => {
    const ctx = createTestContext({ fetch });
    const config = {
      url: "http://127.0.0.1:1/never",
      condition: "status = 200",
      intervalSeconds: 1,
      timeoutSeconds: 1,
      onTimeout: "route",
    };
    const pending = runNode(pollUntilNode, config, null, ctx);
    while (ctx.clock.pending() === 0) await new Promise((r) => setTimeout(r, 5));
    await ctx.clock.advance(1_000);
    const result = await pending;
    expect(result.ports.timeout).toMatchObject({ attempts: 2, result: { status: 0, error: expect.any(String) as string } });
  });
});

describe("core.flow.poll-until through the engine", () => {
  it("finishes at once when the variable is already ready", async () => {
    const doc = flow(
      "Poll",
      [
        node("start", "core.trigger.manual"),
        node("poll", "core.flow.poll-until", { source: "variable", variable: "job", condition: 'state = "done"' }),
      ],
      [edge("start", "poll")],
    );
    const result = await runGolden(doc, { vars: { job: { state: "done" } }, clock: createFakeClock() });
    expect(result.output("poll")).toEqual({ done: true, attempts: 1, elapsedMs: 0, result: { state: "done" } });
  });
});
