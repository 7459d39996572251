import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, createLogger, createMemoryRunStore, createRegistry, FLOW_SCHEMA_ID } from "@/lib/engine";
import type { EngineEvent } from "@/lib/engine/engine-api";
import type { ResolvedCredential } from "@/lib/engine/node-definition";
import { discordNodes } from "@/lib/integrations/discord";
import { sendgridNodes } from "@/lib/integrations/sendgrid";
import { slackNodes } from "@/lib/integrations/slack";
import { webhookNodes } from "@/lib/integrations/webhook";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { httpNodes } from "@/lib/nodes/http";
import { DiscordFake } from "@/tests/fakes/discord/server";
import { SendgridFake } from "@/tests/fakes/sendgrid/server";
import { SlackFake } from "@/tests/fakes/slack/server";
import { WebhookFake } from "@/tests/fakes/webhook/server";

/**
 * A canary secret planted in each credential type of these integrations never shows up in a
 * run record, step record, event or log line, whether the call succeeds or the vendor refuses
 * it (the paths where error messages are built from vendor answers).
 */

const CANARY = "CANARY-7c1e5b2a9d";
const discord = new DiscordFake();
const slack = new SlackFake();
const sendgrid = new SendgridFake();
const receiver = new WebhookFake();

beforeAll(() => Promise.all([discord.start(), slack.start(), sendgrid.start(), receiver.start()]));
afterAll(() => Promise.all([discord.stop(), slack.stop(), sendgrid.stop(), receiver.stop()]));

async function runOne(
  type: string,
  config: Record<string, unknown>,
  credential: ResolvedCredential,
): Promise<{ state: string; everything: string }> {
  const lines: string[] = [];
  const store = createMemoryRunStore();
  const engine = createEngine({
    registry: createRegistry([...discordNodes, ...slackNodes, ...sendgridNodes, ...webhookNodes, ...httpNodes]),
    store,
    logger: createLogger({ write: (line) => lines.push(line), level: "debug" }),
    fetch: createGuardedFetch({ allowHosts: ["127.0.0.1"] }),
    credentials: { resolve: () => Promise.resolve(credential) },
  });
  const handle = await engine.startRun(
    {
      schema: FLOW_SCHEMA_ID,
      name: "Canary",
      nodes: [{ id: "step", type, typeVersion: 1, position: { x: 0, y: 0 }, credential: credential.id, config, settings: { retries: 0 } }],
      edges: [],
    },
    { trigger: { kind: "test" } },
  );
  const events: EngineEvent[] = [];
  handle.subscribe((e) => events.push(e));
  const run = await handle.done;
  await engine.shutdown(0);
  const stored = { run, steps: await store.listSteps(run.id), events: await store.listEvents(run.id, 0), live: events };
  return { state: run.state, everything: JSON.stringify(stored) + lines.join("") };
}

describe("a canary secret never leaves its credential", () => {
  it("Discord webhook token: accepted and refused", async () => {
    const hook = discord.addWebhook({ token: `${CANARY}-token` });
    const ok = await runOne(
      "discord.webhook.send",
      { content: "hi" },
      {
        id: "c",
        type: "discord.webhook",
        data: { webhookUrl: discord.webhookUrl(hook) },
        secrets: [discord.webhookUrl(hook)],
      },
    );
    expect(ok.state).toBe("completed");
    expect(ok.everything).not.toContain(CANARY);
    const wrongUrl = `${discord.url}/api/webhooks/${hook.id}/${CANARY}-wrong`;
    const refused = await runOne(
      "discord.webhook.send",
      { content: "hi" },
      { id: "c", type: "discord.webhook", data: { webhookUrl: wrongUrl }, secrets: [wrongUrl] },
    );
    expect(refused.state).toBe("failed");
    expect(refused.everything).toContain("Invalid Webhook Token");
    expect(refused.everything).not.toContain(CANARY);
  });

  it("Slack bot token: refused by Slack", async () => {
    const token = `xoxb-${CANARY}`;
    const result = await runOne(
      "slack.message.post",
      { channel: "C1", text: "hi" },
      {
        id: "c",
        type: "slack.bot-token",
        data: { token, baseUrl: slack.apiUrl },
        secrets: [token],
      },
    );
    expect(result.state).toBe("failed");
    expect(result.everything).toContain("invalid_auth");
    expect(result.everything).not.toContain(CANARY);
  });

  it("SendGrid API key: refused by SendGrid", async () => {
    const apiKey = `SG.${CANARY}.x`;
    const result = await runOne(
      "sendgrid.email.send",
      { from: "a@acme.test", to: "b@acme.test", subject: "s", text: "t" },
      {
        id: "c",
        type: "sendgrid.api-key",
        data: { apiKey, baseUrl: sendgrid.url },
        secrets: [apiKey],
      },
    );
    expect(result.state).toBe("failed");
    expect(result.everything).not.toContain(CANARY);
  });

  it("custom webhook secret echoed back by the receiver, on success and on failure", async () => {
    for (const status of [200, 500]) {
      const url = receiver.addHook(`canary-${status}`, { echo: true, status });
      const result = await runOne(
        "webhook.notification.send",
        { subject: "s" },
        {
          id: "c",
          type: "webhook.custom",
          data: {
            url,
            method: "POST",
            headers: { "X-Key": "{{secret.key}}" },
            bodyTemplate: '{"k":"{{secret.key}}"}',
            secrets: { key: CANARY },
          },
          secrets: [CANARY],
        },
      );
      expect(result.state).toBe(status === 200 ? "completed" : "failed");
      expect(result.everything).not.toContain(CANARY);
    }
  });

  it("HTTP bearer token echoed in a 401 answer", async () => {
    const url = receiver.addHook("canary-http", { echo: true, status: 401 });
    const result = await runOne(
      "core.http.request",
      { url, authentication: "credential" },
      {
        id: "c",
        type: "http.bearer",
        data: { token: CANARY },
        secrets: [CANARY],
      },
    );
    expect(result.state).toBe("failed");
    expect(result.everything).not.toContain(CANARY);
  });
});
