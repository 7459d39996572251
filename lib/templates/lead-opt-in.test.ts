import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { allNodes } from "@/lib/catalog";
import { runFlow } from "@/lib/integrations/shared/engine-harness";
import { DiscordFake, type FakeWebhook } from "@/tests/fakes/discord/server";
import { loopsCredentialFor } from "@/tests/fakes/loops/credential";
import { LoopsFake } from "@/tests/fakes/loops/server";
import { notionCredentialFor } from "@/tests/fakes/notion/credential";
import { NotionFake } from "@/tests/fakes/notion/server";
import { instantiateTemplate } from "./instantiate";
import { leadOptInTemplate } from "./lead-opt-in";

/**
 * The Lead opt-in template, as the gallery creates it, through the real engine against the
 * Notion, Loops and Discord fakes: the first opt-in creates the lead, the second finds it.
 */

const notion = new NotionFake();
const loops = new LoopsFake();
const discord = new DiscordFake();
const TRANSACTIONAL = "clleadoptin0000000000001";
let hook: FakeWebhook;
let ids = { databaseId: "", dataSourceId: "" };

beforeAll(async () => {
  await Promise.all([notion.start(), loops.start(), discord.start()]);
  hook = discord.addWebhook({ name: "Leads" });
});
afterAll(() => Promise.all([notion.stop(), loops.stop(), discord.stop()]));
beforeEach(() => {
  for (const fake of [notion, loops, discord]) fake.reset();
  notion.clearData();
  ids = notion.seedDatabase({
    title: "Leads",
    properties: { Name: "title", Email: "email", Source: "rich_text", "Opted in": "checkbox" },
  });
  loops.addTransactional({ id: TRANSACTIONAL, name: "Welcome", dataVariables: ["firstName"] });
});

function document() {
  const result = instantiateTemplate(leadOptInTemplate, {
    credentials: { notion: "cred_notion_test", loops: "cred_loops_test", discord: "cred_discord" },
    settings: { notionDatabase: ids.databaseId.replaceAll("-", ""), loopsTransactionalId: TRANSACTIONAL },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.document;
}

function run(params: Record<string, unknown>) {
  return runFlow(document(), {
    nodes: allNodes,
    params,
    credentials: [
      notionCredentialFor(notion),
      loopsCredentialFor(loops),
      { id: "cred_discord", type: "discord.webhook", data: { webhookUrl: discord.webhookUrl(hook) }, secrets: [hook.token] },
    ],
  });
}

describe("Lead opt-in template", () => {
  it("creates the lead, emails it and alerts the team; a second opt-in finds the lead instead", async () => {
    const first = await run({ email: "ada@example.com", firstName: "Ada", source: "webinar" });
    expect(first.run.state, JSON.stringify(first.run.error)).toBe("completed");
    expect(first.state("create_lead")).toBe("completed");

    const notionCalls = notion.requests.map((r) => `${r.method} ${r.path}`);
    expect(notionCalls).toEqual([
      `GET /v1/databases/${ids.databaseId}`,
      `POST /v1/data_sources/${ids.dataSourceId}/query`,
      "POST /v1/pages",
    ]);
    expect(notion.requests[1]!.body).toEqual({ filter: { property: "Email", email: { equals: "ada@example.com" } }, page_size: 2 });
    expect(notion.requests[2]!.body).toMatchObject({
      parent: { type: "database_id", database_id: ids.databaseId },
      properties: {
        Name: { title: [{ type: "text", text: { content: "Ada" } }] },
        Email: { email: "ada@example.com" },
        Source: { rich_text: [{ type: "text", text: { content: "webinar" } }] },
        "Opted in": { checkbox: true },
      },
    });
    expect(notion.store.rows(ids.dataSourceId)).toHaveLength(1);

    expect(loops.sentEmails).toMatchObject([
      { transactionalId: TRANSACTIONAL, email: "ada@example.com", dataVariables: { firstName: "Ada", source: "webinar" } },
    ]);
    const created = first.output("create_lead") as { url?: string };
    expect(discord.messages).toHaveLength(1);
    expect(discord.messages[0]!.body).toMatchObject({
      embeds: [
        {
          title: "New lead",
          description: "Ada (ada@example.com) opted in from webinar.",
          url: created.url,
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

    for (const fake of [notion, loops, discord]) fake.reset();
    const second = await run({ email: "ada@example.com", firstName: "Ada" });
    expect(second.run.state).toBe("completed");
    expect(second.state("create_lead")).toBe("skipped");
    expect(notion.requests.map((r) => r.method + " " + r.path)).not.toContain("POST /v1/pages");
    expect(notion.store.rows(ids.dataSourceId)).toHaveLength(1);
    expect(loops.sentEmails).toHaveLength(2);
    expect(discord.messages[0]!.body).toMatchObject({
      embeds: [{ title: "Returning lead", description: "Ada (ada@example.com) opted in from website.", url: created.url, color: 0x5865f2 }],
    });
  });

  it("refuses a run without the lead's email before calling any vendor", async () => {
    await expect(run({ firstName: "Ada" })).rejects.toThrow(/params\.email is required/);
    expect(notion.requests).toHaveLength(0);
  });
});
