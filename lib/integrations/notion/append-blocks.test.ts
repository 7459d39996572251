import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NonRetryableError, ValidationError } from "@/lib/engine/errors";
import { notionCredentialFor } from "@/tests/fakes/notion/credential";
import { NotionFake } from "@/tests/fakes/notion/server";
import { createRecordingClock, createTestContext, runNode } from "../shared/test-context";
import { notionAppendBlocks } from "./append-blocks";

const fake = new NotionFake();
let pageId = "";

beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.clearData();
  pageId = fake.store.addPage({ title: "Notes" });
});

/** Fails the `n`-th request (1-based) of the step with the given scripted reply. */
function failingAt(n: number, script: () => void, clock = createRecordingClock()) {
  let calls = 0;
  return createTestContext({
    credential: notionCredentialFor(fake),
    clock,
    fetch: (url, init) => {
      if (++calls === n) script();
      return fetch(url, init);
    },
  });
}

const ctx = () => createTestContext({ credential: notionCredentialFor(fake) });
const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => ({ type: "paragraph" as const, text: `p${i}` }));

describe("notion.block.append", () => {
  it("sends simple blocks in Notion's shape to the page's children", async () => {
    const out = await runNode(notionAppendBlocks, ctx(), {
      blockId: pageId,
      blocks: [{ type: "heading_2", text: "Lead" }, { type: "to_do", text: "Call back", checked: true }, { type: "divider" }],
    });
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req).toMatchObject({ method: "PATCH", path: `/v1/blocks/${pageId}/children` });
    expect(req.headers["notion-version"]).toBe("2025-09-03");
    expect(req.headers.authorization).toBe("Bearer ntn_fake_switchyard_token");
    expect(req.body).toEqual({
      children: [
        { type: "heading_2", heading_2: { rich_text: [{ type: "text", text: { content: "Lead", link: null } }] } },
        { type: "to_do", to_do: { rich_text: [{ type: "text", text: { content: "Call back", link: null } }], checked: true } },
        { type: "divider", divider: {} },
      ],
    });
    expect(out.count).toBe(3);
    expect(out.requests).toBe(1);
    expect([...fake.store.blocks.values()].map((b) => b.type)).toEqual(["heading_2", "to_do", "divider"]);
  });

  it("turns markdown into blocks", async () => {
    await runNode(notionAppendBlocks, ctx(), {
      blockId: pageId,
      markdown: "# Title\nFirst line\nsecond line\n\n- bullet\n1. number\n- [x] done\n> quote\n---\n```ts\nconst a = 1;\n```",
    });
    const children = (fake.requests[0]!.body as { children: { type: string }[] }).children;
    expect(children.map((c) => c.type)).toEqual([
      "heading_1",
      "paragraph",
      "bulleted_list_item",
      "numbered_list_item",
      "to_do",
      "quote",
      "divider",
      "code",
    ]);
    expect(children[1]).toEqual({
      type: "paragraph",
      paragraph: { rich_text: [{ type: "text", text: { content: "First line\nsecond line", link: null } }] },
    });
    expect(children[7]).toEqual({
      type: "code",
      code: { rich_text: [{ type: "text", text: { content: "const a = 1;", link: null } }], language: "ts" },
    });
  });

  it("batches 250 blocks into requests of 100, 100 and 50, in order", async () => {
    const out = await runNode(notionAppendBlocks, ctx(), { blockId: pageId, blocks: paragraphs(250) });
    expect(fake.requests.map((r) => (r.body as { children: unknown[] }).children.length)).toEqual([100, 100, 50]);
    expect(out).toMatchObject({ count: 250, requests: 3 });
    const stored = [...fake.store.blocks.values()].map((b) => (b.content.rich_text as { plain_text: string }[])[0]!.plain_text);
    expect(stored).toEqual(paragraphs(250).map((p) => p.text));
  });

  it("waits out a 429 on a later batch and carries on without duplicating", async () => {
    const clock = createRecordingClock();
    const out = await runNode(
      notionAppendBlocks,
      failingAt(2, () => fake.rateLimitNext(1, 3), clock),
      { blockId: pageId, blocks: paragraphs(150) },
    );
    expect(clock.sleeps).toEqual([3000]);
    expect(out.count).toBe(150);
    expect(fake.store.blocks.size).toBe(150);
  });

  it("reports a failure after the first batch as final, with how far it got", async () => {
    const err = await runNode(
      notionAppendBlocks,
      failingAt(2, () => fake.serverErrorNext(1, 500)),
      { blockId: pageId, blocks: paragraphs(150) },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetryableError);
    expect((err as NonRetryableError).details).toMatchObject({ appended: 100, total: 150, category: "server_error" });
    expect(fake.store.blocks.size).toBe(100);
  });

  it("keeps a non-retryable failure's own type after the first batch", async () => {
    const err = await runNode(
      notionAppendBlocks,
      failingAt(2, () =>
        fake.failNext(1, { status: 401, body: { object: "error", status: 401, code: "unauthorized", message: "API token is invalid." } }),
      ),
      { blockId: pageId, blocks: paragraphs(150) },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
  });

  it.each([
    ["nothing to append", { blocks: [] }],
    ["a block over 100 × 2000 characters", { blocks: [{ type: "paragraph" as const, text: "x".repeat(200_001) }] }],
    ["a page that is not an id", { blockId: "notes", blocks: paragraphs(1) }],
  ])("refuses %s before sending", async (_name, config) => {
    const err = await runNode(notionAppendBlocks, ctx(), { blockId: pageId, ...config }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(fake.requests).toHaveLength(0);
  });
});
