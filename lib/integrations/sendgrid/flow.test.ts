import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine, createLogger, createMemoryRunStore, createRegistry, FLOW_SCHEMA_ID, silentWriter } from "@/lib/engine";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { SendgridFake } from "@/tests/fakes/sendgrid/server";
import { sendgridNodes } from "./index";

const fake = new SendgridFake();
let apiKey: string;
beforeAll(async () => {
  await fake.start();
  apiKey = fake.addKey().key;
  fake.verifySender("hello@acme.test");
  fake.addTemplate("d-nurture-day-3");
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

describe("sendgrid.email.send in a flow", () => {
  it("sends a templated email built from run parameters, after a 500 and a retry", async () => {
    const flow: FlowDocument = {
      schema: FLOW_SCHEMA_ID,
      name: "Nurture fallback",
      parameters: { email: { type: "string", required: true }, firstName: { type: "string" } },
      nodes: [
        {
          id: "mail",
          type: "sendgrid.email.send",
          typeVersion: 1,
          position: { x: 0, y: 0 },
          credential: "cred_sg",
          config: {
            from: "Acme <hello@acme.test>",
            to: "{{ params.email }}",
            templateId: "d-nurture-day-3",
            dynamicTemplateData: { firstName: "{{ params.firstName }}" },
          },
          settings: { retries: 1, retryDelaySeconds: 0 },
        },
      ],
      edges: [],
    };
    fake.failNext(1, { status: 500, body: { errors: [{ message: "internal error", field: null }] } });
    const store = createMemoryRunStore();
    const engine = createEngine({
      registry: createRegistry(sendgridNodes),
      store,
      logger: createLogger({ write: silentWriter }),
      fetch: createGuardedFetch({ allowHosts: ["127.0.0.1"] }),
      credentials: {
        resolve: (id) => Promise.resolve({ id, type: "sendgrid.api-key", data: { apiKey, baseUrl: fake.url }, secrets: [apiKey] }),
      },
    });
    const handle = await engine.startRun(flow, { params: { email: "ada@example.com", firstName: "Ada" }, trigger: { kind: "test" } });
    const record = await handle.done;
    await engine.shutdown(0);
    expect(record.state).toBe("completed");
    const [step] = await store.listSteps(record.id);
    expect(step!.attempts.map((a) => a.error?.category ?? "ok")).toEqual(["server_error", "ok"]);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]!.body).toMatchObject({
      personalizations: [{ to: [{ email: "ada@example.com" }], dynamic_template_data: { firstName: "Ada" } }],
      template_id: "d-nurture-day-3",
    });
    expect(step!.output).toEqual({ accepted: true, status: 202, messageId: fake.sent[0]!.messageId });
  });
});
