import { describe, expect, it } from "vitest";
import { CircuitOpenError, ServerError } from "./errors";
import { flow } from "./test-helpers/nodes";
import { harness, driveUntil } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";

describe("rate and concurrency limits", () => {
  it("spaces calls under a rate-limit key across runs", async () => {
    const node = scriptedNode("test.scripted", () => Promise.resolve(1));
    const h = harness([node.def]);
    const doc = flow([{ id: "n", type: "test.scripted", settings: { rateLimit: { key: "vendor", perSecond: 2 } } }]);
    const t0 = h.clock.now();
    const runs = await Promise.all([h.start(doc), h.start(doc), h.start(doc)]);
    await driveUntil(h.clock, Promise.all(runs.map((r) => r.done)));
    expect(node.calls.map((c) => c.at - t0)).toEqual([0, 500, 1000]);
  });

  it("holds a keyed concurrency limit across runs", async () => {
    let inFlight = 0;
    let max = 0;
    const node = scriptedNode("test.scripted", async (ctx) => {
      inFlight++;
      max = Math.max(max, inFlight);
      await ctx.clock.sleep(100, ctx.signal);
      inFlight--;
      return 1;
    });
    const h = harness([node.def]);
    const doc = flow([{ id: "n", type: "test.scripted", settings: { concurrency: { key: "jira", limit: 2 } } }]);
    const runs = await Promise.all(Array.from({ length: 6 }, () => h.start(doc)));
    await driveUntil(h.clock, Promise.all(runs.map((r) => r.done)));
    expect(max).toBe(2);
    expect(node.calls).toHaveLength(6);
  });
});

describe("circuit breaker", () => {
  it("opens per credential, fails fast naming it and its reopening time, then lets one probe through after the cool-down", async () => {
    let healthy = false;
    const node = scriptedNode(
      "test.scripted",
      () => (healthy ? Promise.resolve("up") : Promise.reject(new ServerError("503", { status: 503 }))),
      {
        credential: "test.token",
      },
    );
    const h = harness([node.def]);
    const doc = flow([
      {
        id: "call",
        type: "test.scripted",
        credential: "cred_notion",
        settings: { circuitBreaker: { failureThreshold: 2, cooldownSeconds: 60 } },
      },
    ]);
    const t0 = h.clock.now();
    for (let i = 0; i < 2; i++) expect((await h.finish(await h.start(doc))).state).toBe("failed");
    expect(node.calls).toHaveLength(2);

    const blocked = await h.start(doc);
    const record = await h.finish(blocked);
    expect(node.calls).toHaveLength(2);
    expect(record.error?.category).toBe("circuit_open");
    const step = (await h.store.listSteps(blocked.runId))[0]!;
    expect(step.error?.name).toBe(CircuitOpenError.name);
    expect(step.error?.message).toBe(
      `Circuit breaker for credential "cred_notion" is open until ${new Date(t0 + 60_000).toISOString()}; no call was made`,
    );

    await h.clock.advance(60_000);
    healthy = true;
    // Two runs arrive together after the cool-down: exactly one probe goes through.
    const [a, b] = await Promise.all([h.start(doc), h.start(doc)]);
    const results = await driveUntil(h.clock, Promise.all([a.done, b.done]));
    expect(node.calls).toHaveLength(3);
    expect(results.map((r) => r.state).sort()).toEqual(["completed", "failed"]);
    // The probe succeeded: the circuit is closed again.
    expect((await h.finish(await h.start(doc))).state).toBe("completed");
    expect(node.calls).toHaveLength(4);
  });
});
