import { expect, test } from "@playwright/test";
import { DiscordFake } from "../fakes/discord/server";
import { LOOPS_FAKE_KEY, LoopsFake } from "../fakes/loops/server";
import { NOTION_FAKE_TOKEN, NotionFake } from "../fakes/notion/server";
import { SendgridFake } from "../fakes/sendgrid/server";
import { SlackFake } from "../fakes/slack/server";
import { WebhookFake } from "../fakes/webhook/server";
import { signedInAccount } from "./support/accounts";
import { createCredentialInUi, type CredentialInput } from "./support/credential-form";

/**
 * Every credential type a user meets first can be created and tested from the credentials
 * page against its vendor's fake (loopback servers in this test process), and its secret is
 * shown masked once saved: not in the row, not in the page, not in the edit form.
 */

const notion = new NotionFake();
const loops = new LoopsFake();
const discord = new DiscordFake();
const slack = new SlackFake();
const sendgrid = new SendgridFake();
const hooks = new WebhookFake();

interface Case {
  input: () => CredentialInput;
  /** The secret typed into the form, which must never come back. */
  secret: () => string;
  /** The request the saved credential's "Test connection" sends, as `METHOD /path`. */
  probe: () => { fake: { requests: { method: string; path: string }[] }; request: string };
}

const state: Record<string, string> = {};

test.beforeAll(async () => {
  await Promise.all([notion.start(), loops.start(), discord.start(), slack.start(), sendgrid.start(), hooks.start()]);
  const hook = discord.addWebhook();
  state.discordUrl = discord.webhookUrl(hook);
  state.discordPath = `/api/v10/webhooks/${hook.id}/${hook.token}`;
  state.slackToken = slack.addToken({ token: "xoxb-e2e-credential-token-0001" }).token;
  slack.addChannel({ id: "C0ALERTS", name: "alerts" });
  state.slackWebhook = slack.addIncomingWebhook("C0ALERTS");
  state.sendgridKey = sendgrid.addKey().key;
  state.hookSecret = "hook-secret-value-0123456789";
  state.customUrl = hooks.addHook("custom", { requireHeader: { name: "authorization", value: `Bearer ${state.hookSecret}` } });
  state.bearer = "bearer-token-e2e-0123456789";
  state.bearerUrl = hooks.addHook("bearer", { requireHeader: { name: "authorization", value: `Bearer ${state.bearer}` } });
});
test.afterAll(() => Promise.all([notion, loops, discord, slack, sendgrid, hooks].map((f) => f.stop())));

const cases: Record<string, Case> = {
  Notion: {
    input: () => ({
      type: "Notion",
      name: "Notion workspace",
      fields: [
        ["Integration token", NOTION_FAKE_TOKEN],
        [/^Base URL/, notion.url],
      ],
    }),
    secret: () => NOTION_FAKE_TOKEN,
    probe: () => ({ fake: notion, request: "GET /v1/users/me" }),
  },
  Loops: {
    input: () => ({
      type: "Loops",
      name: "Loops team",
      fields: [
        ["API key", LOOPS_FAKE_KEY],
        [/^Base URL/, `${loops.url}/api`],
      ],
    }),
    secret: () => LOOPS_FAKE_KEY,
    probe: () => ({ fake: loops, request: "GET /api/v1/api-key" }),
  },
  "Discord webhook": {
    input: () => ({ type: "Discord webhook", name: "Alerts channel", fields: [["Webhook URL", state.discordUrl!]] }),
    secret: () => state.discordUrl!,
    probe: () => ({ fake: discord, request: `GET ${state.discordPath}` }),
  },
  "Slack bot token": {
    input: () => ({
      type: "Slack bot token",
      name: "Slack bot",
      fields: [
        ["Bot token", state.slackToken!],
        [/^API base URL/, slack.apiUrl],
      ],
    }),
    secret: () => state.slackToken!,
    probe: () => ({ fake: slack, request: "POST /api/auth.test" }),
  },
  "Slack incoming webhook": {
    input: () => ({ type: "Slack incoming webhook", name: "Slack alerts", fields: [["Webhook URL", state.slackWebhook!]] }),
    secret: () => state.slackWebhook!,
    probe: () => ({ fake: slack, request: `POST ${new URL(state.slackWebhook!).pathname}` }),
  },
  "SendGrid API key": {
    input: () => ({
      type: "SendGrid API key",
      name: "SendGrid",
      fields: [
        ["API key", state.sendgridKey!],
        [/^API base URL/, sendgrid.url],
      ],
    }),
    secret: () => state.sendgridKey!,
    probe: () => ({ fake: sendgrid, request: "GET /v3/scopes" }),
  },
  "Custom webhook": {
    input: () => ({
      type: "Custom webhook",
      name: "Ops endpoint",
      fields: [
        ["URL", state.customUrl!],
        [/^Headers/, JSON.stringify({ authorization: "Bearer {{secret.token}}" })],
        [/^Secrets/, JSON.stringify({ token: state.hookSecret })],
      ],
    }),
    secret: () => state.hookSecret!,
    probe: () => ({ fake: hooks, request: "POST /hooks/custom" }),
  },
  "Bearer token": {
    input: () => ({
      type: "Bearer token",
      name: "Internal API",
      fields: [
        ["Token", state.bearer!],
        [/^Only for these hosts/, "127.0.0.1"],
        [/^Test URL/, state.bearerUrl!],
      ],
    }),
    secret: () => state.bearer!,
    probe: () => ({ fake: hooks, request: "GET /hooks/bearer" }),
  },
};

for (const [title, c] of Object.entries(cases)) {
  test(`${title}: created and tested from the UI against its fake, its secret masked after saving`, async ({ page, context }) => {
    const account = await signedInAccount(context);
    const ws = account.workspace.slug;
    const input = c.input();
    const row = await createCredentialInUi(page, ws, input);
    const secret = c.secret();
    await expect(row).toContainText(title);
    await expect(row).not.toContainText(secret);

    // The saved credential's own test, from its row.
    const { fake, request } = c.probe();
    const before = fake.requests.filter((r) => `${r.method} ${r.path}` === request).length;
    await row.getByRole("button", { name: "Test connection" }).click();
    await expect(row.getByRole("status").filter({ hasText: "Connection works" })).toBeVisible();
    expect(fake.requests.filter((r) => `${r.method} ${r.path}` === request).length).toBe(before + 1);

    // Nowhere on the page after a reload, and the edit form's secret inputs start empty.
    await page.reload();
    expect(await page.content()).not.toContain(secret);
    await page.getByTestId("credential-row").filter({ hasText: input.name }).getByRole("button", { name: "Edit" }).click();
    const form = page.getByTestId("credential-form");
    for (const field of await form.locator('input[type="password"]').all()) await expect(field).toHaveValue("");
    expect(await form.locator('input[type="password"]').count()).toBeGreaterThan(0);
  });
}
