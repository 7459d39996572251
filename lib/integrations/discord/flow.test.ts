import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine, createLogger, createMemoryRunStore, createRegistry, FLOW_SCHEMA_ID, silentWriter } from "@/lib/engine";
import type { FlowDocument } from "@/lib/engine/flow-document";
import type { ResolvedCredential } from "@/lib/engine/node-definition";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { DiscordFake, type FakeWebhook } from "@/tests/fakes/discord/server";
import { discordNodes } from "./index";

const fake = new DiscordFake();
let hook: FakeWebhook;
beforeAll(async () => {
  await fake.start();
  hook = fake.addWebhook();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

async function run(document: FlowDocument, options: { params?: Record<string, unknown>; dryRun?: boolean } = {}) {
  const credential: ResolvedCredential = {
    id: "cred_discord",
    type: "discord.webhook",
    data: { webhookUrl: fake.webhookUrl(hook) },
    secrets: [hook.token],
  };
  const store = createMemoryRunStore();
  const engine = createEngine({
    registry: createRegistry(discordNodes),
    store,
    logger: createLogger({ write: silentWriter }),
    fetch: createGuardedFetch({ allowHosts: ["127.0.0.1"] }),
    credentials: { resolve: () => Promise.resolve(credential) },
  });
  const handle = await engine.startRun(document, { params: options.params, dryRun: options.dryRun, trigger: { kind: "test" } });
  const record = await handle.done;
  await engine.shutdown(0);
  const steps = await store.listSteps(record.id);
  return { record, step: steps.find((s) => s.nodeId === "alert")! };
}

const alertFlow: FlowDocument = {
  schema: FLOW_SCHEMA_ID,
  name: "Lead alert",
  parameters: { email: { type: "string", required: true } },
  nodes: [
    {
      id: "alert",
      type: "discord.webhook.send",
      typeVersion: 1,
      position: { x: 0, y: 0 },
      credential: "cred_discord",
      config: {
        content: "New lead {{ params.email }}",
        embeds: [{ title: "Lead", fields: [{ name: "Email", value: "{{ params.email }}" }] }],
      },
      settings: { retries: 2, retryDelaySeconds: 0 },
    },
  ],
  edges: [],
};

describe("discord.webhook.send in a flow", () => {
  it("resolves expressions, retries Discord's 429 after its retry_after and completes", async () => {
    fake.rateLimitNext(1, { retryAfter: 0.2 });
    const { record, step } = await run(alertFlow, { params: { email: "ada@example.com" } });
    expect(record.state).toBe("completed");
    expect(step.attempts).toHaveLength(2);
    expect(step.attempts[0]!.error?.category).toBe("rate_limited");
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]!.body).toMatchObject({
      content: "New lead ada@example.com",
      embeds: [{ fields: [{ name: "Email", value: "ada@example.com" }] }],
    });
    expect(step.output).toMatchObject({ sent: true, messageId: fake.messages[0]!.id });
  });

  it("fails at once on a limit, naming the field, without retrying or sending", async () => {
    const { record, step } = await run(alertFlow, { params: { email: "x".repeat(1100) } });
    expect(record.state).toBe("failed");
    expect(step.attempts).toHaveLength(1);
    expect(step.error?.message).toContain("embeds[0].fields[0].value");
    expect(fake.requests).toHaveLength(0);
  });

  it("sends nothing in a dry run", async () => {
    const { record } = await run(alertFlow, { params: { email: "ada@example.com" }, dryRun: true });
    expect(record.state).toBe("completed");
    expect(fake.requests).toHaveLength(0);
  });
});
