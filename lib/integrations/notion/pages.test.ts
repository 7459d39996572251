import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "@/lib/engine/errors";
import { notionCredentialFor } from "@/tests/fakes/notion/credential";
import { NotionFake } from "@/tests/fakes/notion/server";
import { createTestContext, runNode } from "../shared/test-context";
import { notionCreatePage } from "./create-page";
import { notionFindPage } from "./find-page";
import { notionGetPage } from "./get-page";
import type { WritablePropertyType } from "./properties";
import { notionUpdatePage } from "./update-page";

const fake = new NotionFake();
let databaseId = "";
let dataSourceId = "";

const leadTypes = {
  Name: "title",
  Notes: "rich_text",
  Score: "number",
  Status: "select",
  Tags: "multi_select",
  Stage: "status",
  "Signed up": "date",
  "Opted in": "checkbox",
  Email: "email",
  Phone: "phone_number",
  Website: "url",
  Related: "relation",
  Owner: "people",
} as const;

beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.clearData();
  ({ databaseId, dataSourceId } = fake.seedDatabase({
    title: "Leads",
    properties: { ...leadTypes, Stage: { type: "status", options: ["New", "Won"] } },
  }));
});

const ctx = () => createTestContext({ credential: notionCredentialFor(fake) });
const relatedId = "0f9d2c4e-1b2a-4c3d-8e4f-5a6b7c8d9e0f";
const ownerId = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";

describe("notion.page.create", () => {
  it("sends every property type in Notion's shape under a database parent", async () => {
    const out = await runNode(notionCreatePage, ctx(), {
      database: `https://www.notion.so/acme/Leads-${databaseId.replace(/-/g, "")}?v=123`,
      properties: {
        Name: "Ada Lovelace",
        Notes: "Met at the conference",
        Score: "42",
        Status: "Lead",
        Tags: "vip, newsletter",
        Stage: "New",
        "Signed up": "2024-05-01",
        "Opted in": true,
        Email: "ada@example.com",
        Phone: "+44 20 7946 0000",
        Website: "https://ada.example.com",
        Related: [relatedId.replace(/-/g, "")],
        Owner: [ownerId],
        Ignored: undefined,
      },
      propertyTypes: { ...leadTypes },
    });
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/v1/pages");
    expect(req.headers.authorization).toBe("Bearer ntn_fake_switchyard_token");
    expect(req.headers["notion-version"]).toBe("2025-09-03");
    expect(req.body).toEqual({
      parent: { type: "database_id", database_id: databaseId },
      properties: {
        Name: { title: [{ type: "text", text: { content: "Ada Lovelace", link: null } }] },
        Notes: { rich_text: [{ type: "text", text: { content: "Met at the conference", link: null } }] },
        Score: { number: 42 },
        Status: { select: { name: "Lead" } },
        Tags: { multi_select: [{ name: "vip" }, { name: "newsletter" }] },
        Stage: { status: { name: "New" } },
        "Signed up": { date: { start: "2024-05-01" } },
        "Opted in": { checkbox: true },
        Email: { email: "ada@example.com" },
        Phone: { phone_number: "+44 20 7946 0000" },
        Website: { url: "https://ada.example.com" },
        Related: { relation: [{ id: relatedId }] },
        Owner: { people: [{ id: ownerId }] },
      },
    });
    expect(out.values).toEqual({
      Name: "Ada Lovelace",
      Notes: "Met at the conference",
      Score: 42,
      Status: "Lead",
      Tags: ["vip", "newsletter"],
      Stage: "New",
      "Signed up": "2024-05-01",
      "Opted in": true,
      Email: "ada@example.com",
      Phone: "+44 20 7946 0000",
      Website: "https://ada.example.com",
      Related: [relatedId],
      Owner: [ownerId],
    });
    expect(out.parent).toMatchObject({ type: "data_source_id", data_source_id: dataSourceId });
    expect(fake.store.rows(dataSourceId)).toHaveLength(1);
  });

  it("uses a data source parent when one is given", async () => {
    await runNode(notionCreatePage, ctx(), {
      database: databaseId,
      dataSourceId,
      properties: { Name: "X" },
      propertyTypes: { Name: "title" },
    });
    expect((fake.requests[0]!.body as { parent: unknown }).parent).toEqual({ type: "data_source_id", data_source_id: dataSourceId });
  });

  it("splits long text into 2000-character rich text items that Notion accepts", async () => {
    const long = "a".repeat(4500);
    const out = await runNode(notionCreatePage, ctx(), {
      database: databaseId,
      properties: { Notes: long },
      propertyTypes: { Notes: "rich_text" },
    });
    const notes = (fake.requests[0]!.body as { properties: { Notes: { rich_text: { text: { content: string } }[] } } }).properties.Notes;
    expect(notes.rich_text.map((t) => t.text.content.length)).toEqual([2000, 2000, 500]);
    expect(out.values.Notes).toBe(long);
  });

  it.each<
    [string, { properties: Record<string, unknown>; propertyTypes: Record<string, WritablePropertyType> }, (string | number)[] | undefined]
  >([
    ["a property without a type", { properties: { Nickname: "Ada" }, propertyTypes: {} }, ["propertyTypes", "Nickname"]],
    [
      "an email over 200 characters",
      { properties: { Email: `${"a".repeat(195)}@x.com` }, propertyTypes: { Email: "email" } },
      ["properties", "Email"],
    ],
    [
      "a URL over 2000 characters",
      { properties: { Website: `https://x.com/${"a".repeat(2000)}` }, propertyTypes: { Website: "url" } },
      ["properties", "Website"],
    ],
    [
      "101 multi-select options",
      { properties: { Tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }, propertyTypes: { Tags: "multi_select" } },
      ["properties", "Tags"],
    ],
    [
      "101 relations",
      { properties: { Related: Array.from({ length: 101 }, () => relatedId) }, propertyTypes: { Related: "relation" } },
      ["properties", "Related"],
    ],
    [
      "text over 100 × 2000 characters",
      { properties: { Notes: "b".repeat(200_001) }, propertyTypes: { Notes: "rich_text" } },
      ["properties", "Notes"],
    ],
    ["a number that is not one", { properties: { Score: "many" }, propertyTypes: { Score: "number" } }, ["properties", "Score"]],
    [
      "a date that is not ISO 8601",
      { properties: { "Signed up": "May 1st" }, propertyTypes: { "Signed up": "date" } },
      ["properties", "Signed up"],
    ],
    ["a select option with a comma", { properties: { Status: "a, b" }, propertyTypes: { Status: "select" } }, ["properties", "Status"]],
    ["a relation that is not a page id", { properties: { Related: ["nope"] }, propertyTypes: { Related: "relation" } }, undefined],
  ])("refuses %s before sending", async (_name, config, path) => {
    const err = await runNode(notionCreatePage, ctx(), { database: databaseId, ...config }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    if (path) expect((err as ValidationError).path).toEqual(path);
    expect(fake.requests).toHaveLength(0);
  });

  it("maps Notion's refusal of an unknown property to ValidationError with Notion's words", async () => {
    const err = await runNode(notionCreatePage, ctx(), {
      database: databaseId,
      properties: { Nmae: "x" },
      propertyTypes: { Nmae: "title" },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain("Nmae is not a property that exists.");
  });

  it("names the database in a 404", async () => {
    const missing = "11111111-2222-4333-8444-555555555555";
    const err = await runNode(notionCreatePage, ctx(), { database: missing, properties: {}, propertyTypes: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toContain(`database "${missing}"`);
  });
});

describe("notion.page.find", () => {
  it("finds by an email property, returning found, the page and no duplicates", async () => {
    const created = await runNode(notionCreatePage, ctx(), {
      database: databaseId,
      properties: { Name: "Ada", Email: "ada@example.com" },
      propertyTypes: { Name: "title", Email: "email" },
    });
    fake.requests.length = 0;
    const out = await runNode(notionFindPage, ctx(), {
      database: databaseId,
      property: "Email",
      propertyType: "email",
      value: "ada@example.com",
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/databases/${databaseId}`,
      `POST /v1/data_sources/${dataSourceId}/query`,
    ]);
    expect(fake.requests[1]!.body).toEqual({ filter: { property: "Email", email: { equals: "ada@example.com" } }, page_size: 2 });
    expect(out.found).toBe(true);
    expect(out.duplicates).toBe(false);
    expect(out.page?.id).toBe(created.id);
  });

  it("answers found: false and page: null when nothing matches", async () => {
    const out = await runNode(notionFindPage, ctx(), {
      database: databaseId,
      dataSourceId,
      property: "Name",
      propertyType: "title",
      value: "Nobody",
    });
    expect(out).toEqual({ found: false, page: null, duplicates: false });
    expect(fake.requests[0]!.body).toEqual({ filter: { property: "Name", title: { equals: "Nobody" } }, page_size: 2 });
  });

  it("reports duplicates", async () => {
    for (let i = 0; i < 3; i++) fake.seedRow(dataSourceId, { Email: { email: "dup@example.com" } });
    const out = await runNode(notionFindPage, ctx(), {
      database: databaseId,
      dataSourceId,
      property: "Email",
      propertyType: "email",
      value: "dup@example.com",
    });
    expect(out.found).toBe(true);
    expect(out.duplicates).toBe(true);
  });

  it.each([
    ["number", 42, { number: { equals: 42 } }],
    ["checkbox", "true", { checkbox: { equals: true } }],
    ["select", "Hot", { select: { equals: "Hot" } }],
    ["multi_select", "vip", { multi_select: { contains: "vip" } }],
    ["relation", relatedId.replace(/-/g, ""), { relation: { contains: relatedId } }],
    ["date", "2024-05-01", { date: { equals: "2024-05-01" } }],
  ] as const)("builds the %s filter", async (type, value, condition) => {
    await runNode(notionFindPage, ctx(), { database: databaseId, dataSourceId, property: "P", propertyType: type, value }).catch(
      () => undefined,
    );
    expect((fake.requests[0]!.body as { filter: unknown }).filter).toEqual({ property: "P", ...condition });
  });

  it("refuses an empty value before sending", async () => {
    const err = await runNode(notionFindPage, ctx(), { database: databaseId, property: "Email", propertyType: "email", value: "" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("notion.page.update and notion.page.get", () => {
  it("patches only the given properties; create → find → update → get agree", async () => {
    const created = await runNode(notionCreatePage, ctx(), {
      database: databaseId,
      properties: { Name: "Ada", Email: "ada@example.com", Score: 1 },
      propertyTypes: { Name: "title", Email: "email", Score: "number" },
    });
    const found = await runNode(notionFindPage, ctx(), {
      database: databaseId,
      dataSourceId,
      property: "Email",
      propertyType: "email",
      value: "ada@example.com",
    });
    fake.requests.length = 0;
    const updated = await runNode(notionUpdatePage, ctx(), {
      pageId: found.page!.url!,
      properties: { Score: 2, Status: null },
      propertyTypes: { Score: "number", Status: "select" },
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: "PATCH", path: `/v1/pages/${created.id}` });
    expect(fake.requests[0]!.headers["notion-version"]).toBe("2025-09-03");
    expect(fake.requests[0]!.body).toEqual({ properties: { Score: { number: 2 }, Status: { select: null } } });
    expect(updated.values).toMatchObject({ Name: "Ada", Email: "ada@example.com", Score: 2, Status: null });

    fake.requests.length = 0;
    const got = await runNode(notionGetPage, ctx(), { pageId: created.id });
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: `/v1/pages/${created.id}`, rawBody: "" });
    expect(got.values).toEqual(updated.values);
  });

  it("moves a page to the trash", async () => {
    const created = await runNode(notionCreatePage, ctx(), {
      database: databaseId,
      properties: { Name: "Old" },
      propertyTypes: { Name: "title" },
    });
    const out = await runNode(notionUpdatePage, ctx(), { pageId: created.id, inTrash: true });
    expect(fake.requests.at(-1)!.body).toEqual({ in_trash: true });
    expect(out.inTrash).toBe(true);
  });

  it("refuses an update with nothing to change", async () => {
    const err = await runNode(notionUpdatePage, ctx(), { pageId: relatedId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(fake.requests).toHaveLength(0);
  });

  it("names the page in a 404", async () => {
    const err = await runNode(notionGetPage, ctx(), { pageId: relatedId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toContain(`page "${relatedId}"`);
    expect((err as NotFoundError).details).toMatchObject({ vendorCode: "object_not_found", status: 404 });
  });
});
