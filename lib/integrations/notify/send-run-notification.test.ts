import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine, createLogger, createMemoryRunStore, createRegistry, FLOW_SCHEMA_ID, silentWriter } from "@/lib/engine";
import type { RunSummary } from "@/lib/engine/engine-api";
import { NotFoundError, ValidationError } from "@/lib/engine/errors";
import { defineNode, type ResolvedCredential } from "@/lib/engine/node-definition";
import { NonRetryableError } from "@/lib/engine/errors";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { DiscordFake, type FakeWebhook } from "@/tests/fakes/discord/server";
import { SlackFake } from "@/tests/fakes/slack/server";
import { WebhookFake } from "@/tests/fakes/webhook/server";
import { z } from "zod";
import { customWebhookCredential } from "../webhook/auth";
import { formatDuration } from "./run-message";
import { sendRunNotification } from "./send-run-notification";

const discord = new DiscordFake();
const slack = new SlackFake();
const receiver = new WebhookFake();
const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"] });
let hook: FakeWebhook;
let slackHook: string;

beforeAll(async () => {
  await Promise.all([discord.start(), slack.start(), receiver.start()]);
  hook = discord.addWebhook({ name: "Ops" });
  slack.addChannel({ id: "C0OPS", name: "ops" });
  slackHook = slack.addIncomingWebhook("C0OPS");
});
afterAll(() => Promise.all([discord.stop(), slack.stop(), receiver.stop()]));
beforeEach(() => {
  discord.reset();
  slack.reset();
  receiver.reset();
});

const failed: RunSummary = {
  runId: "run_7",
  flowName: "Lead opt-in",
  state: "failed",
  failedNode: "createLead",
  error: { message: "Notion rejected the credential (401)", category: "auth" },
  startedAt: 1_000,
  finishedAt: 3_500,
};
const runUrl = "https://switchyard.example/w/acme/runs/run_7";
const discordCred = (): ResolvedCredential => ({
  id: "cd",
  type: "discord.webhook",
  data: { webhookUrl: discord.webhookUrl(hook) },
  secrets: [],
});

describe("sendRunNotification", () => {
  it("posts a Discord embed with flow, state, failed node, error, duration and the run link (valid per Discord's spec)", async () => {
    await sendRunNotification(discordCred(), failed, { fetch: guarded, runUrl });
    expect(discord.messages).toHaveLength(1);
    const embed = (discord.messages[0]!.body.embeds as Record<string, unknown>[])[0]!;
    expect(embed).toMatchObject({ title: "❌ Lead opt-in failed", url: runUrl, color: 0xc62828 });
    expect(embed.fields).toEqual([
      { name: "Flow", value: "Lead opt-in", inline: true },
      { name: "State", value: "failed", inline: true },
      { name: "Duration", value: "2.5 s", inline: true },
      { name: "Failed node", value: "createLead", inline: false },
      { name: "Error", value: "Notion rejected the credential (401) (auth)", inline: false },
      { name: "Run", value: `[run_7](${runUrl})`, inline: false },
    ]);
    expect(discord.messages[0]!.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("clips a huge error to Discord's field limit and colours a completed run green", async () => {
    await sendRunNotification(
      discordCred(),
      { ...failed, error: { message: "x".repeat(10_000), category: "unknown" } },
      { fetch: guarded },
    );
    const fields = (discord.messages[0]!.body.embeds as { fields: { name: string; value: string }[] }[])[0]!.fields;
    expect(fields.find((f) => f.name === "Error")!.value.length).toBe(1024);
    await sendRunNotification(discordCred(), { runId: "run_8", flowName: "Lead opt-in", state: "completed" }, { fetch: guarded });
    const done = (discord.messages[1]!.body.embeds as Record<string, unknown>[])[0]!;
    expect(done).toMatchObject({ title: "✅ Lead opt-in completed", color: 0x2e7d32 });
    expect(JSON.stringify(done)).not.toContain("Failed node");
  });

  it("posts a Slack incoming-webhook message with a text fallback and escaped blocks", async () => {
    const credential: ResolvedCredential = { id: "cs", type: "slack.incoming-webhook", data: { webhookUrl: slackHook }, secrets: [] };
    await sendRunNotification(credential, { ...failed, flowName: "A <b> & C" }, { fetch: guarded, runUrl });
    const post = slack.posts[0]!;
    expect(post.text).toContain("Failed node: createLead");
    expect(post.text).toContain(runUrl);
    const blocks = post.blocks as { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }[];
    expect(blocks[0]).toMatchObject({ type: "header", text: { text: "❌ A <b> & C failed" } });
    expect(blocks[1]!.fields![0]!.text).toBe("*Flow*\nA &lt;b&gt; &amp; C");
    expect(blocks.at(-1)!.elements![0]!.text).toBe(`<${runUrl}|Open run run_7>`);
  });

  it("fills a custom webhook's template with the run's fields and its secrets", async () => {
    const url = receiver.addHook("ops", { requireHeader: { name: "x-token", value: "s3cret" } });
    const data = customWebhookCredential.fields.parse({
      url,
      headers: { "X-Token": "{{secret.token}}" },
      bodyTemplate:
        '{"title":"{{subject}}","flow":"{{flow}}","state":"{{state}}","link":"{{runUrl}}","node":"{{failedNode}}","error":"{{error}}","text":"{{body}}"}',
      secrets: { token: "s3cret" },
    });
    await sendRunNotification({ id: "cw", type: "webhook.custom", data, secrets: ["s3cret"] }, failed, { fetch: guarded, runUrl });
    expect(receiver.received("ops")[0]!.body).toEqual({
      title: "❌ Lead opt-in failed",
      flow: "Lead opt-in",
      state: "failed",
      link: runUrl,
      node: "createLead",
      error: "Notion rejected the credential (401) (auth)",
      text: `Flow: Lead opt-in\nRun: ${runUrl}\nFailed node: createLead\nError: Notion rejected the credential (401) (auth)\nDuration: 2.5 s`,
    });
  });

  it("refuses credential types that cannot receive notifications, and invalid credential data", async () => {
    const bot: ResolvedCredential = { id: "b", type: "slack.bot-token", data: { token: "xoxb-1" }, secrets: [] };
    await expect(sendRunNotification(bot, failed, { fetch: guarded })).rejects.toBeInstanceOf(ValidationError);
    const broken: ResolvedCredential = { id: "d", type: "discord.webhook", data: { webhookUrl: "nope" }, secrets: [] };
    await expect(sendRunNotification(broken, failed, { fetch: guarded })).rejects.toBeInstanceOf(ValidationError);
  });

  it("reports a deleted webhook as NotFoundError", async () => {
    const gone: ResolvedCredential = {
      id: "g",
      type: "discord.webhook",
      data: { webhookUrl: `${discord.url}/api/webhooks/1/x` },
      secrets: [],
    };
    await expect(sendRunNotification(gone, failed, { fetch: guarded })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("formats durations", () => {
    expect(formatDuration(450)).toBe("450 ms");
    expect(formatDuration(2_450)).toBe("2.5 s");
    expect(formatDuration(192_000)).toBe("3 min 12 s");
    expect(formatDuration(3_900_000)).toBe("1 h 5 min");
  });
});

describe("onFailure notify through the real engine", () => {
  it("posts once to Discord when a run fails, naming the failed node", async () => {
    const boom = defineNode({
      type: "test.always.fail",
      version: 1,
      title: "Always fail",
      description: "Fails with a non-retryable error",
      category: "logic",
      icon: "x",
      config: z.object({}),
      output: z.object({}),
      ports: ["out"],
      sideEffect: false,
      run: () => Promise.reject(new NonRetryableError("the lead has no email")),
    });
    const credentials = new Map([["cred_discord", discordCred()]]);
    const engine = createEngine({
      registry: createRegistry([boom]),
      store: createMemoryRunStore(),
      logger: createLogger({ write: silentWriter }),
      fetch: guarded,
      notify: async (credentialId, summary) => {
        const credential = credentials.get(credentialId);
        if (!credential) throw new NotFoundError(`credential ${credentialId}`);
        await sendRunNotification(credential, summary, { fetch: guarded, runUrl: `https://switchyard.example/runs/${summary.runId}` });
      },
    });
    const handle = await engine.startRun({
      schema: FLOW_SCHEMA_ID,
      name: "Lead opt-in",
      nodes: [{ id: "validateLead", type: "test.always.fail", typeVersion: 1, position: { x: 0, y: 0 }, config: {} }],
      edges: [],
      settings: { onFailure: [{ notify: "cred_discord" }] },
    });
    const run = await handle.done;
    await engine.shutdown(0);
    expect(run.state).toBe("failed");
    expect(discord.messages).toHaveLength(1);
    const embed = (discord.messages[0]!.body.embeds as { title: string; fields: { name: string; value: string }[] }[])[0]!;
    expect(embed.title).toBe("❌ Lead opt-in failed");
    expect(embed.fields).toContainEqual({ name: "Failed node", value: "validateLead", inline: false });
    expect(embed.fields.find((f) => f.name === "Error")!.value).toContain("the lead has no email");
  });
});
