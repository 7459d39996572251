import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeClock } from "@/lib/engine/clock";
import { manualTrigger } from "@/lib/nodes/trigger/manual";
import { loopsCredentialFor } from "@/tests/fakes/loops/credential";
import { LOOPS_FAKE_KEY, LoopsFake } from "@/tests/fakes/loops/server";
import { flowDocument, flowEdge, flowNode, runFlow } from "../shared/engine-harness";
import { loopsNodes } from "./index";

/** Loops nodes in flows through the real engine: upsert then send, retries, idempotency, dry runs. */

const fake = new LoopsFake();
const welcome = "clwelcome0000000000000001";
const nodes = [manualTrigger, ...loopsNodes];
const credentials = () => [loopsCredentialFor(fake)];

beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.clearData();
  fake.addTransactional({ id: welcome, name: "Welcome", dataVariables: ["name"] });
});

const welcomeFlow = () =>
  flowDocument(
    "Welcome",
    [
      flowNode("start", "core.trigger.manual", {}),
      flowNode(
        "contact",
        "loops.contact.update",
        { email: "{{ params.email }}", firstName: "{{ params.name }}", source: "Switchyard" },
        { credential: "cred_loops_test" },
      ),
      flowNode(
        "email",
        "loops.email.send-transactional",
        { transactionalId: welcome, email: "{{ params.email }}", dataVariables: { name: "{{ params.name }}" } },
        { credential: "cred_loops_test" },
      ),
    ],
    [flowEdge("start", "contact"), flowEdge("contact", "email")],
    { email: { type: "string", required: true }, name: { type: "string", required: true } },
  );

describe("Loops in flows", () => {
  it("upserts the contact, then sends the welcome email", async () => {
    const result = await runFlow(welcomeFlow(), { nodes, credentials: credentials(), params: { email: "ada@example.com", name: "Ada" } });
    expect(result.run.state).toBe("completed");
    expect(fake.findContact({ email: "ada@example.com" })).toMatchObject({ firstName: "Ada", source: "Switchyard" });
    expect(fake.sentEmails).toEqual([
      expect.objectContaining({ transactionalId: welcome, email: "ada@example.com", dataVariables: { name: "Ada" } }),
    ]);
    expect(result.output("email")).toMatchObject({ sent: true, alreadySent: false });
  });

  it("retries a 429 (after Loops' one-second window) and a 500 on the send with one idempotency key, sending once", async () => {
    const clock = createFakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const document = flowDocument(
      "send",
      [
        flowNode("start", "core.trigger.manual", {}),
        flowNode(
          "email",
          "loops.email.send-transactional",
          { transactionalId: welcome, email: "a@example.com", dataVariables: { name: "A" } },
          // Virtual time also passes for the engine's heartbeats; a long timeout keeps them from ending the step.
          { credential: "cred_loops_test", settings: { timeoutSeconds: 86_400 } },
        ),
      ],
      [flowEdge("start", "email")],
    );
    fake.rateLimitNext(1).serverErrorNext(1, 500);
    const result = await runFlow(document, { nodes, credentials: credentials(), clock });
    expect(result.run.state).toBe("completed");
    const step = result.steps.get("email")!;
    expect(step.attempts.map((a) => a.error?.category ?? "ok")).toEqual(["rate_limited", "server_error", "ok"]);
    const firstRetry = result.events.find((e) => e.type === "step.retry");
    expect(firstRetry && "delayMs" in firstRetry ? firstRetry.delayMs : 0).toBeGreaterThanOrEqual(1000);
    expect(result.sentAt[1]! - result.sentAt[0]!).toBeGreaterThanOrEqual(1000);
    const keys = fake.requests.map((r) => r.headers["idempotency-key"]);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^switchyard-/);
    expect(fake.sentEmails).toHaveLength(1);
  });

  it("in a dry run, returns the send request instead of sending it, with the key redacted", async () => {
    const result = await runFlow(welcomeFlow(), {
      nodes,
      credentials: credentials(),
      params: { email: "ada@example.com", name: "Ada" },
      dryRun: true,
    });
    expect(result.state("contact")).toBe("dry-run");
    expect(fake.requests).toHaveLength(0);
    const captured = (result.output("contact") as { request: { method: string; url: string; body: unknown } }).request;
    expect(captured).toMatchObject({
      method: "PUT",
      url: `${fake.url}/api/v1/contacts/update`,
      body: { email: "ada@example.com", firstName: "Ada", source: "Switchyard" },
    });
    expect(JSON.stringify([...result.steps.values()])).not.toContain(LOOPS_FAKE_KEY);
  });
});
