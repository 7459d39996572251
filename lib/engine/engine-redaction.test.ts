import { describe, expect, it } from "vitest";
import { ServerError } from "./errors";
import type { CredentialResolver } from "./engine-api";
import { flow } from "./test-helpers/nodes";
import { harness } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";

const SECRET = "sk_live_CANARY_5f2d9a";

describe("secret redaction", () => {
  it("keeps a credential's secret out of step records, errors, logs, artifacts and events", async () => {
    const credentials: CredentialResolver = {
      resolve: (id) => Promise.resolve({ id, type: "test.token", data: { token: SECRET }, secrets: [SECRET] }),
    };
    const leaky = scriptedNode(
      "test.leaky",
      async (ctx, _input, call) => {
        const cred = await ctx.credential();
        const token = cred.data.token as string;
        ctx.log.info(`calling with ${token}`, { header: `Bearer ${token}` });
        ctx.artifact({ kind: "markdown", title: `t ${token}`, body: `token: ${token}` });
        if (call === 1) throw new ServerError(`upstream echoed ${token}`, { status: 502 });
        return { echoed: token, nested: [{ auth: `Bearer ${token}` }] };
      },
      { credential: "test.token" },
    );
    const next = scriptedNode("test.next", (_ctx, input) => Promise.resolve(input === undefined ? null : "got it"));
    const h = harness([leaky.def, next.def], { credentials });
    const doc = flow(
      [
        { id: "leaky", type: "test.leaky", credential: "cred_1", settings: { retries: 1, retryDelaySeconds: 1 } },
        { id: "next", type: "test.next" },
        { id: "boom", type: "test.add", config: { n: "{{ nodes.leaky.output.echoed }}" } },
      ],
      [
        { source: "leaky", target: "next" },
        { source: "leaky", target: "boom" },
      ],
    );
    const run = await h.start(doc);
    const record = await h.finish(run);
    expect(record.state).toBe("failed");

    const persisted = JSON.stringify({
      run: await h.store.getRun(run.runId),
      steps: await h.store.listSteps(run.runId),
      events: await h.store.listEvents(run.runId, 0),
      artifacts: await h.store.listArtifacts(run.runId),
      live: run.events,
      logs: h.logs,
    });
    expect(persisted).not.toContain(SECRET);
    expect(persisted).toContain("Bearer ***");
    expect(persisted).toContain("upstream echoed ***");
    const steps = new Map((await h.store.listSteps(run.runId)).map((s) => [s.key, s]));
    expect(steps.get("leaky")?.output).toEqual({ echoed: "***", nested: [{ auth: "Bearer ***" }] });
    expect(steps.get("next")?.input).toEqual({ echoed: "***", nested: [{ auth: "Bearer ***" }] });
    expect(steps.get("boom")?.state).toBe("failed");
    // The node downstream got the real value in memory: redaction is for what leaves the run.
    expect(next.calls[0]?.input).toEqual({ echoed: SECRET, nested: [{ auth: `Bearer ${SECRET}` }] });
  });
});
