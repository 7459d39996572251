import { expect, test } from "@playwright/test";
import { DiscordFake, type FakeWebhook } from "../fakes/discord/server";
import { LOOPS_FAKE_KEY, LoopsFake } from "../fakes/loops/server";
import { NOTION_FAKE_TOKEN, NotionFake } from "../fakes/notion/server";
import { signedInAccount } from "./support/accounts";
import { createCredentialInUi } from "./support/credential-form";

/**
 * The Lead opt-in template end to end, as a user meets it: credentials created and tested on
 * the credentials page against the Notion, Loops and Discord fakes (loopback servers in this
 * test process), the flow created from the gallery, run twice from the editor's Run form.
 * The fakes' recorded requests prove what reached each vendor.
 */

const notion = new NotionFake();
const loops = new LoopsFake();
const discord = new DiscordFake();
const TRANSACTIONAL = "clleadoptinwelcome000001";
let hook: FakeWebhook;
let db = { databaseId: "", dataSourceId: "" };

test.beforeAll(async () => {
  await Promise.all([notion.start(), loops.start(), discord.start()]);
  db = notion.seedDatabase({ title: "Leads", properties: { Name: "title", Email: "email", Source: "rich_text", "Opted in": "checkbox" } });
  loops.addTransactional({ id: TRANSACTIONAL, name: "Welcome", dataVariables: ["firstName"] });
  hook = discord.addWebhook({ name: "Lead alerts" });
});
test.afterAll(() => Promise.all([notion.stop(), loops.stop(), discord.stop()]));

const paths = (fake: { requests: { method: string; path: string }[] }) => fake.requests.map((r) => `${r.method} ${r.path}`);

test("Lead opt-in: credentials tested in the UI, flow created from the gallery, run twice from the editor", async ({ page, context }) => {
  test.setTimeout(180_000);
  const account = await signedInAccount(context);
  const ws = account.workspace.slug;

  // Credentials, each pointed at its fake, each with a working "Test connection".
  const notionRow = await createCredentialInUi(page, ws, {
    type: "Notion",
    name: "Notion leads",
    fields: [
      ["Integration token", NOTION_FAKE_TOKEN],
      [/^Base URL/, notion.url],
    ],
  });
  await expect(notionRow).not.toContainText(NOTION_FAKE_TOKEN);
  await createCredentialInUi(page, ws, {
    type: "Loops",
    name: "Loops team",
    fields: [
      ["API key", LOOPS_FAKE_KEY],
      [/^Base URL/, `${loops.url}/api`],
    ],
  });
  await createCredentialInUi(page, ws, {
    type: "Discord webhook",
    name: "Leads channel",
    fields: [["Webhook URL", discord.webhookUrl(hook)]],
  });
  expect(paths(notion)).toEqual(["GET /v1/users/me"]);
  expect(paths(loops)).toEqual(["GET /api/v1/api-key"]);
  expect(paths(discord)).toEqual([`GET /api/v10/webhooks/${hook.id}/${hook.token}`]);
  for (const fake of [notion, loops, discord]) fake.reset();

  // The gallery, in the empty flows page: one credential of each type is chosen already.
  await page.goto(`/w/${ws}`);
  await expect(page.getByRole("heading", { name: "No flows yet" })).toBeVisible();
  const card = page.getByTestId("template-lead-opt-in");
  await expect(card).toContainText("Notion");
  await expect(card).toContainText("Loops");
  await expect(card).toContainText("Discord webhook");
  await card.getByRole("button", { name: "Use template Lead opt-in" }).click();
  const dialog = page.getByRole("dialog", { name: /Lead opt-in/ });
  await expect(dialog.getByLabel("Notion credential", { exact: true })).toHaveValue(/^cred_/);
  await expect(dialog.getByLabel("Loops credential", { exact: true })).toHaveValue(/^cred_/);
  await expect(dialog.getByLabel("Discord webhook credential", { exact: true })).toHaveValue(/^cred_/);
  await dialog.getByLabel("Flow name").fill("Webinar leads");
  await dialog.getByLabel("Notion leads database").fill(`https://www.notion.so/acme/Leads-${db.databaseId.replaceAll("-", "")}?v=1`);
  await dialog.getByLabel("Loops transactional email id").fill(TRANSACTIONAL);
  await dialog.getByRole("button", { name: "Create flow" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/flows/[A-Za-z0-9_-]+$`));
  const flowId = new URL(page.url()).pathname.split("/").pop()!;

  const runs = async () => {
    const res = await context.request.get(`/api/w/${ws}/flows/${flowId}/runs`);
    return ((await res.json()) as { runs: { id: string; state: string }[] }).runs;
  };

  // First opt-in, from the editor's Run form: the lead is new.
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel(/^email/).fill("ada@example.com");
  await form.getByLabel(/^firstName/).fill("Ada");
  await form.getByLabel(/^source/).fill("webinar");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-state")).toHaveAttribute("data-state", "completed", { timeout: 60_000 });
  await expect.poll(async () => (await runs()).map((r) => r.state)).toEqual(["completed"]);

  expect(paths(notion)).toEqual([`GET /v1/databases/${db.databaseId}`, `POST /v1/data_sources/${db.dataSourceId}/query`, "POST /v1/pages"]);
  for (const r of notion.requests) {
    expect(r.headers.authorization).toBe(`Bearer ${NOTION_FAKE_TOKEN}`);
    expect(r.headers["notion-version"]).toBe("2025-09-03");
  }
  expect(notion.requests[1]!.body).toEqual({ filter: { property: "Email", email: { equals: "ada@example.com" } }, page_size: 2 });
  expect(notion.requests[2]!.body).toEqual({
    parent: { type: "database_id", database_id: db.databaseId },
    properties: {
      Name: { title: [{ type: "text", text: { content: "Ada", link: null } }] },
      Email: { email: "ada@example.com" },
      Source: { rich_text: [{ type: "text", text: { content: "webinar", link: null } }] },
      "Opted in": { checkbox: true },
    },
  });
  const [lead] = notion.store.rows(db.dataSourceId);
  expect(notion.store.rows(db.dataSourceId)).toHaveLength(1);
  const leadUrl = `https://www.notion.so/Ada-${lead!.id.replaceAll("-", "")}`;

  expect(paths(loops)).toEqual(["POST /api/v1/transactional"]);
  expect(loops.requests[0]!.headers.authorization).toBe(`Bearer ${LOOPS_FAKE_KEY}`);
  expect(loops.requests[0]!.headers["idempotency-key"]).toMatch(/^switchyard-[0-9a-f]{48}$/);
  expect(loops.requests[0]!.body).toEqual({
    transactionalId: TRANSACTIONAL,
    email: "ada@example.com",
    dataVariables: { firstName: "Ada", source: "webinar" },
  });

  expect(discord.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST /api/v10/webhooks/${hook.id}/${hook.token}?wait=true`]);
  expect(discord.requests[0]!.body).toEqual({
    embeds: [
      {
        title: "New lead",
        description: "Ada (ada@example.com) opted in from webinar.",
        url: leadUrl,
        color: 0x57f287,
        fields: [
          { name: "Email", value: "ada@example.com", inline: true },
          { name: "Source", value: "webinar", inline: true },
        ],
        footer: { text: "Switchyard · Lead opt-in" },
      },
    ],
    allowed_mentions: { parse: [] },
  });

  // Second opt-in with the same email: the lead is found, not created again.
  for (const fake of [notion, loops, discord]) fake.reset();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page
    .getByRole("dialog")
    .getByLabel(/^email/)
    .fill("ada@example.com");
  await page
    .getByRole("dialog")
    .getByLabel(/^firstName/)
    .fill("Ada");
  await page
    .getByRole("dialog")
    .getByLabel(/^source/)
    .fill("newsletter");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect.poll(async () => (await runs()).map((r) => r.state), { timeout: 60_000 }).toEqual(["completed", "completed"]);
  await expect(page.getByTestId("run-state")).toHaveAttribute("data-state", "completed");

  expect(paths(notion)).toEqual([`GET /v1/databases/${db.databaseId}`, `POST /v1/data_sources/${db.dataSourceId}/query`]);
  expect(notion.store.rows(db.dataSourceId)).toHaveLength(1);
  expect(paths(loops)).toEqual(["POST /api/v1/transactional"]);
  expect(discord.requests[0]!.body).toMatchObject({
    embeds: [{ title: "Returning lead", description: "Ada (ada@example.com) opted in from newsletter.", url: leadUrl, color: 0x5865f2 }],
  });
});
