import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeClock } from "@/lib/engine/clock";
import { ifNode } from "@/lib/nodes/logic/if";
import { manualTrigger } from "@/lib/nodes/trigger/manual";
import { notionCredentialFor } from "@/tests/fakes/notion/credential";
import { NOTION_FAKE_TOKEN, NotionFake } from "@/tests/fakes/notion/server";
import { flowDocument, flowEdge, flowNode, runFlow } from "../shared/engine-harness";
import { notionNodes } from "./index";

/** Notion nodes in flows through the real engine: routing, retries with Retry-After, dry runs, redaction. */

const fake = new NotionFake();
let ids = { databaseId: "", dataSourceId: "" };
const credential = () => notionCredentialFor(fake);
const nodes = [manualTrigger, ifNode, ...notionNodes];

beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.clearData();
  ids = fake.seedDatabase({ title: "Leads", properties: { Name: "title", Email: "email", Visits: "number" } });
});

const findOrCreate = () =>
  flowDocument(
    "Lead find-or-create",
    [
      flowNode("start", "core.trigger.manual", {}),
      flowNode(
        "find",
        "notion.page.find",
        { database: ids.databaseId, property: "Email", propertyType: "email", value: "{{ params.email }}" },
        { credential: "cred_notion_test" },
      ),
      flowNode("exists", "core.logic.if", { condition: "{{ nodes.find.output.found }}" }),
      flowNode(
        "create",
        "notion.page.create",
        {
          database: ids.databaseId,
          properties: { Name: "{{ params.name }}", Email: "{{ params.email }}", Visits: 1 },
          propertyTypes: { Name: "title", Email: "email", Visits: "number" },
        },
        { credential: "cred_notion_test" },
      ),
      flowNode(
        "update",
        "notion.page.update",
        {
          pageId: "{{ nodes.find.output.page.id }}",
          properties: { Visits: "{{ nodes.find.output.page.values.Visits + 1 }}" },
          propertyTypes: { Visits: "number" },
        },
        { credential: "cred_notion_test" },
      ),
    ],
    [flowEdge("start", "find"), flowEdge("find", "exists"), flowEdge("exists:false", "create"), flowEdge("exists:true", "update")],
    { email: { type: "string", required: true }, name: { type: "string", required: true } },
  );

describe("Notion in flows", () => {
  it("creates the lead on the first run and updates it on the second", async () => {
    const params = { email: "ada@example.com", name: "Ada" };
    const first = await runFlow(findOrCreate(), { nodes, credentials: [credential()], params });
    expect(first.run.state).toBe("completed");
    expect([first.state("create"), first.state("update")]).toEqual(["completed", "skipped"]);
    const second = await runFlow(findOrCreate(), { nodes, credentials: [credential()], params });
    expect(second.run.state).toBe("completed");
    expect([second.state("create"), second.state("update")]).toEqual(["skipped", "completed"]);
    const rows = fake.store.rows(ids.dataSourceId);
    expect(rows).toHaveLength(1);
    expect((second.output("update") as { values: Record<string, unknown> }).values).toMatchObject({
      Email: "ada@example.com",
      Name: "Ada",
      Visits: 2,
    });
  });

  it("retries a 429 after Notion's Retry-After, in virtual time", async () => {
    fake.rateLimitNext(1, 30);
    const clock = createFakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const document = flowDocument(
      "get",
      [
        flowNode("start", "core.trigger.manual", {}),
        flowNode(
          "find",
          "notion.page.find",
          { database: ids.databaseId, dataSourceId: ids.dataSourceId, property: "Email", propertyType: "email", value: "x@example.com" },
          // Virtual time also passes for the engine's heartbeats; a long timeout keeps them from ending the step.
          { credential: "cred_notion_test", settings: { timeoutSeconds: 86_400 } },
        ),
      ],
      [flowEdge("start", "find")],
    );
    const result = await runFlow(document, { nodes, credentials: [credential()], clock });
    expect(result.run.state).toBe("completed");
    const step = result.steps.get("find")!;
    expect(step.attempts).toHaveLength(2);
    expect(step.attempts[0]!.error?.category).toBe("rate_limited");
    expect(result.sentAt[1]! - result.sentAt[0]!).toBeGreaterThanOrEqual(30_000);
    const retry = result.events.find((e) => e.type === "step.retry");
    expect(retry && "delayMs" in retry ? retry.delayMs : 0).toBeGreaterThanOrEqual(30_000);
    expect(fake.requests).toHaveLength(2);
    expect(result.output("find")).toEqual({ found: false, page: null, duplicates: false });
  });

  it("does not retry a 401, and keeps the token out of the run record", async () => {
    const bad = { ...credential(), data: { token: "ntn_canary_0123456789", baseUrl: fake.url }, secrets: ["ntn_canary_0123456789"] };
    const document = flowDocument(
      "bad token",
      [
        flowNode("start", "core.trigger.manual", {}),
        flowNode("get", "notion.page.get", { pageId: ids.databaseId }, { credential: "cred_notion_test" }),
      ],
      [flowEdge("start", "get")],
    );
    const result = await runFlow(document, { nodes, credentials: [bad] });
    expect(result.run.state).toBe("failed");
    expect(result.steps.get("get")!.attempts).toHaveLength(1);
    expect(result.steps.get("get")!.error?.category).toBe("auth");
    expect(fake.requests).toHaveLength(1);
    expect(JSON.stringify([result.run, [...result.steps.values()], result.events])).not.toContain("ntn_canary_0123456789");
  });

  it("in a dry run, returns the create request instead of sending it, with the token redacted", async () => {
    const document = flowDocument(
      "dry",
      [
        flowNode("start", "core.trigger.manual", {}),
        flowNode(
          "create",
          "notion.page.create",
          { database: ids.databaseId, properties: { Name: "Ada" }, propertyTypes: { Name: "title" } },
          { credential: "cred_notion_test" },
        ),
      ],
      [flowEdge("start", "create")],
    );
    const result = await runFlow(document, { nodes, credentials: [credential()], dryRun: true });
    expect(result.state("create")).toBe("dry-run");
    expect(fake.requests).toHaveLength(0);
    const captured = (
      result.output("create") as { request: { method: string; url: string; headers: Record<string, string>; body: unknown } }
    ).request;
    expect(captured.method).toBe("POST");
    expect(captured.url).toBe(`${fake.url}/v1/pages`);
    expect(captured.headers["notion-version"]).toBe("2025-09-03");
    expect(captured.body).toEqual({
      parent: { type: "database_id", database_id: ids.databaseId },
      properties: { Name: { title: [{ type: "text", text: { content: "Ada", link: null } }] } },
    });
    expect(JSON.stringify(result.output("create"))).not.toContain(NOTION_FAKE_TOKEN);
  });
});
