import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, createLogger, createMemoryRunStore, createRegistry, FLOW_SCHEMA_ID, silentWriter } from "@/lib/engine";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { WebhookFake } from "@/tests/fakes/webhook/server";
import { customWebhookCredential } from "./auth";
import { webhookNodes } from "./index";

const fake = new WebhookFake();
const SECRET = "canary-flow-secret-91";
beforeAll(() => fake.start());
afterAll(() => fake.stop());

describe("webhook.notification.send in a flow", () => {
  it("sends the templated notification and keeps the echoed secret out of the stored output", async () => {
    const url = fake.addHook("flow", { echo: true });
    const data = customWebhookCredential.fields.parse({
      url,
      bodyTemplate: '{"text":"{{subject}}: {{body}}","auth":"{{secret.key}}"}',
      secrets: { key: SECRET },
    });
    const flow: FlowDocument = {
      schema: FLOW_SCHEMA_ID,
      name: "Notify",
      parameters: { who: { type: "string" } },
      nodes: [
        {
          id: "notify",
          type: "webhook.notification.send",
          typeVersion: 1,
          position: { x: 0, y: 0 },
          credential: "cred_hook",
          config: { subject: "Signup", body: "{{ params.who }} joined" },
        },
      ],
      edges: [],
    };
    const store = createMemoryRunStore();
    const engine = createEngine({
      registry: createRegistry(webhookNodes),
      store,
      logger: createLogger({ write: silentWriter }),
      fetch: createGuardedFetch({ allowHosts: ["127.0.0.1"] }),
      credentials: { resolve: (id) => Promise.resolve({ id, type: "webhook.custom", data, secrets: [SECRET, url] }) },
    });
    const handle = await engine.startRun(flow, { params: { who: "Ada" }, trigger: { kind: "test" } });
    const record = await handle.done;
    await engine.shutdown(0);
    expect(record.state).toBe("completed");
    expect(fake.received("flow")[0]!.body).toEqual({ text: "Signup: Ada joined", auth: SECRET });
    const steps = await store.listSteps(record.id);
    expect(JSON.stringify(steps)).not.toContain(SECRET);
    expect(JSON.stringify(record)).not.toContain(SECRET);
  });
});
