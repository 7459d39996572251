import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine, createLogger, createMemoryRunStore, createRegistry, FLOW_SCHEMA_ID, silentWriter } from "@/lib/engine";
import type { FlowDocument } from "@/lib/engine/flow-document";
import type { ResolvedCredential } from "@/lib/engine/node-definition";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { SlackFake } from "@/tests/fakes/slack/server";
import { slackNodes } from "./index";

const fake = new SlackFake();
const TOKEN = "xoxb-flow-test";
let hookUrl: string;
beforeAll(async () => {
  await fake.start();
  fake.addToken({ token: TOKEN });
  fake.addChannel({ id: "C0SALES", name: "sales" });
  hookUrl = fake.addIncomingWebhook("C0SALES");
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

async function run(document: FlowDocument) {
  const credentials: Record<string, ResolvedCredential> = {
    cred_bot: { id: "cred_bot", type: "slack.bot-token", data: { token: TOKEN, baseUrl: fake.apiUrl }, secrets: [TOKEN] },
    cred_hook: { id: "cred_hook", type: "slack.incoming-webhook", data: { webhookUrl: hookUrl }, secrets: [hookUrl] },
  };
  const store = createMemoryRunStore();
  const engine = createEngine({
    registry: createRegistry(slackNodes),
    store,
    logger: createLogger({ write: silentWriter }),
    fetch: createGuardedFetch({ allowHosts: ["127.0.0.1"] }),
    credentials: { resolve: (id) => Promise.resolve(credentials[id]!) },
  });
  const handle = await engine.startRun(document, { trigger: { kind: "test" } });
  const record = await handle.done;
  await engine.shutdown(0);
  return { record, steps: await store.listSteps(record.id) };
}

const node = (id: string, type: string, credential: string, config: Record<string, unknown>) => ({
  id,
  type,
  typeVersion: 1,
  position: { x: 0, y: 0 },
  credential,
  config,
  settings: { retries: 2, retryDelaySeconds: 0 },
});

describe("Slack nodes in a flow", () => {
  it("posts with the bot, then replies in its thread through the webhook, retrying a 429", async () => {
    const flow: FlowDocument = {
      schema: FLOW_SCHEMA_ID,
      name: "Deal won",
      nodes: [
        node("post", "slack.message.post", "cred_bot", { channel: "#sales", text: "Deal won" }),
        node("reply", "slack.webhook.send", "cred_hook", { text: "Details in thread", threadTs: "{{ nodes.post.output.ts }}" }),
      ],
      edges: [{ id: "e1", source: "post", sourcePort: "out", target: "reply", targetPort: "in" }],
    };
    fake.rateLimitNext(1, 0);
    const { record, steps } = await run(flow);
    expect(record.state).toBe("completed");
    expect(fake.posts.map((p) => p.via)).toEqual(["api", "webhook"]);
    expect(fake.posts[1]!.threadTs).toBe(fake.posts[0]!.ts);
    expect(steps.find((s) => s.nodeId === "post")!.attempts).toHaveLength(2);
  });

  it("fails without retrying on a revoked token", async () => {
    fake.failNext(1, { status: 200, body: { ok: false, error: "token_revoked" } });
    const flow: FlowDocument = {
      schema: FLOW_SCHEMA_ID,
      name: "x",
      nodes: [node("post", "slack.message.post", "cred_bot", { channel: "C0SALES", text: "x" })],
      edges: [],
    };
    const { record, steps } = await run(flow);
    expect(record.state).toBe("failed");
    expect(steps[0]!.attempts).toHaveLength(1);
    expect(steps[0]!.error?.category).toBe("auth");
  });
});
