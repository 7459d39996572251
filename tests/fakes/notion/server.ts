import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { FakeServer, portFromArgs, type FakeReply, type RecordedRequest } from "../fake-server";
import { invalid, notFound, notionError, NotionApiError, tooLong } from "./errors";
import { blockObject, dataSourceObject, databaseObject, LEGACY_VERSION, listObject, pageObject } from "./objects";
import { runQuery } from "./query";
import { normalizeId, NotionStore, type FakePage, type SeedDatabase } from "./store";
import { applyProperties, blockContent, richTextArray } from "./values";

/**
 * A loopback Notion API following the published contract: Bearer auth (401 `unauthorized`),
 * a required `Notion-Version` (400 `missing_version`), objects not shared with the
 * integration answer 404 `object_not_found`, list endpoints paginate with
 * start_cursor/next_cursor/has_more and page_size ≤ 100, request limits answer 400
 * `validation_error`, 429 `rate_limited` carries Retry-After. Data lives in memory, so
 * create → find → update behaves like the real workspace.
 *
 * Standalone sandbox: `tsx tests/fakes/notion/server.ts --port 4010 [--token …]`.
 */

export const NOTION_FAKE_TOKEN = "ntn_fake_switchyard_token";
export const NOTION_FAKE_VERSIONS = ["2022-06-28", "2025-09-03"];

export interface NotionFakeOptions {
  /** Tokens the fake accepts. */
  tokens?: string[];
  /** Valid tokens whose integration lacks content capabilities: everything but /users/me answers 403. */
  restrictedTokens?: string[];
  versions?: string[];
  /** When set, more than this many requests within one second answer 429 with Retry-After: 1. */
  ratePerSecond?: number;
}

const MAX_PAYLOAD_BYTES = 500_000;
const MAX_BLOCKS_PER_APPEND = 100;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

interface Settings {
  tokens: Set<string>;
  restricted: Set<string>;
  versions: Set<string>;
  ratePerSecond?: number;
  recent: number[];
}

function bearer(req: RecordedRequest): string | undefined {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
  return match?.[1];
}

function guard(req: RecordedRequest, settings: Settings): FakeReply | undefined {
  if (settings.ratePerSecond !== undefined) {
    const now = Date.now();
    settings.recent = settings.recent.filter((t) => now - t < 1000);
    if (settings.recent.length >= settings.ratePerSecond) {
      return notionError(429, "rate_limited", "You have been rate limited. Please try again in a few minutes.", { "retry-after": "1" });
    }
    settings.recent.push(now);
  }
  const token = bearer(req);
  if (!token || !(settings.tokens.has(token) || settings.restricted.has(token)))
    return notionError(401, "unauthorized", "API token is invalid.");
  const version = req.headers["notion-version"];
  if (version === undefined) {
    return notionError(
      400,
      "missing_version",
      "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.",
    );
  }
  if (!settings.versions.has(version)) {
    return notionError(
      400,
      "validation_error",
      `Notion-Version header failed validation: Notion-Version header should be a valid version, instead was \`${version}\`.`,
    );
  }
  if (settings.restricted.has(token) && req.path !== "/v1/users/me") {
    return notionError(403, "restricted_resource", "Insufficient permissions for this endpoint.");
  }
  if (req.rawBody !== "" && req.body === undefined) return notionError(400, "invalid_json", "Error parsing JSON body.");
  if (Buffer.byteLength(req.rawBody, "utf8") > MAX_PAYLOAD_BYTES) {
    return notionError(400, "validation_error", `Request body too large: the limit is ${MAX_PAYLOAD_BYTES} bytes.`);
  }
  return undefined;
}

function pathId(raw: string | undefined, name: string): string {
  const id = raw === undefined ? undefined : normalizeId(raw);
  if (!id) throw invalid(`path failed validation: path.${name} should be a valid uuid, instead was \`${String(raw)}\`.`);
  return id;
}

function pageSize(raw: unknown): number {
  if (raw === undefined) return 100;
  const n = typeof raw === "string" ? Number(raw) : raw;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1)
    throw invalid(`body failed validation: body.page_size should be a positive integer, instead was \`${JSON.stringify(raw)}\`.`);
  if (n > 100) throw tooLong("body.page_size", 100, n);
  return n;
}

/** Cursor = id of the first item of the next page, as Notion's cursors are. */
function paginate<T extends { id: string }>(items: T[], cursor: unknown, size: number): { page: T[]; next: string | null } {
  let start = 0;
  if (cursor !== undefined && cursor !== null) {
    start = typeof cursor === "string" ? items.findIndex((i) => i.id === cursor) : -1;
    if (start < 0) throw invalid(`body failed validation: start_cursor provided is invalid: ${JSON.stringify(cursor)}`);
  }
  const page = items.slice(start, start + size);
  const following = items[start + size];
  return { page, next: following ? following.id : null };
}

export class NotionFake extends FakeServer {
  readonly store = new NotionStore();
  private readonly settings: Settings;

  constructor(options: NotionFakeOptions = {}) {
    const settings: Settings = {
      tokens: new Set(options.tokens ?? [NOTION_FAKE_TOKEN]),
      restricted: new Set(options.restrictedTokens ?? []),
      versions: new Set(options.versions ?? NOTION_FAKE_VERSIONS),
      ratePerSecond: options.ratePerSecond,
      recent: [],
    };
    super({ guard: (req) => guard(req, settings), notFound: () => notionError(400, "invalid_request_url", "Invalid request URL.") });
    this.settings = settings;
    this.installRoutes();
  }

  /** Adds a database (one data source unless `extraDataSources`) the integration can see. */
  seedDatabase(seed: SeedDatabase): { databaseId: string; dataSourceId: string } {
    return this.store.addDatabase(seed);
  }

  /** Adds a row directly, without a recorded request. Values in request shape. */
  seedRow(dataSourceId: string, properties: Json): string {
    const source = this.store.dataSources.get(dataSourceId);
    if (!source) throw new Error(`no data source ${dataSourceId}`);
    return this.insertRow(source.id, applyProperties(source, {}, properties)).id;
  }

  /** The next `count` requests answer 429 `rate_limited` with `Retry-After: <seconds>`. */
  rateLimitNext(count = 1, retryAfterSeconds = 1): this {
    return this.failNext(count, () =>
      notionError(429, "rate_limited", "You have been rate limited. Please try again in a few minutes.", {
        "retry-after": String(retryAfterSeconds),
      }),
    );
  }

  /** The next `count` requests answer a 5xx in Notion's shape. */
  serverErrorNext(count = 1, status: 500 | 502 | 503 | 504 = 500): this {
    const code = { 500: "internal_server_error", 502: "internal_server_error", 503: "service_unavailable", 504: "gateway_timeout" }[status];
    return this.failNext(count, () => notionError(status, code, "Unexpected error occurred."));
  }

  clearData(): void {
    this.store.clear();
    this.settings.recent = [];
  }

  private insertRow(dataSourceId: string, properties: Record<string, Json>): FakePage {
    const time = this.store.now();
    const page: FakePage = {
      id: randomUUID(),
      dataSourceId,
      parentPageId: undefined,
      createdTime: time,
      lastEditedTime: time,
      inTrash: false,
      properties,
      children: [],
      shared: true,
    };
    this.store.pages.set(page.id, page);
    return page;
  }

  private on(
    method: string,
    pattern: string,
    handler: (req: RecordedRequest, params: Record<string, string>, version: string) => Json,
  ): void {
    this.route(method, pattern, (req, params) => {
      try {
        return { status: 200, body: handler(req, params, req.headers["notion-version"] ?? "") };
      } catch (err) {
        if (err instanceof NotionApiError) return err.reply();
        throw err;
      }
    });
  }

  private installRoutes(): void {
    const store = this.store;
    const body = (req: RecordedRequest): Json => (isObject(req.body) ? req.body : {});

    this.on("GET", "/v1/users/me", () => ({
      object: "user",
      id: store.botId,
      name: "Switchyard fake integration",
      avatar_url: null,
      type: "bot",
      bot: { owner: { type: "workspace", workspace: true }, workspace_name: "Fake workspace" },
    }));

    this.on("GET", "/v1/databases/:id", (_req, params, version) => {
      const id = pathId(params.id, "database_id");
      const db = store.database(id);
      if (!db) throw notFound("database", id);
      return databaseObject(store, db, version);
    });

    const query = (dataSourceId: string, req: RecordedRequest, version: string): Json => {
      const source = store.dataSource(dataSourceId)!;
      const b = body(req);
      const size = pageSize(b.page_size);
      const rows = runQuery(source, store.rows(source.id), b.filter, b.sorts);
      const { page, next } = paginate(rows, b.start_cursor, size);
      return listObject(
        page.map((p) => pageObject(store, p, version)),
        next,
        version === LEGACY_VERSION ? "page_or_database" : "page_or_data_source",
      );
    };

    this.on("POST", "/v1/databases/:id/query", (req, params, version) => {
      // Removed in 2025-09-03: queries go to a data source.
      if (version !== LEGACY_VERSION) throw new NotionApiError(400, "invalid_request_url", "Invalid request URL.");
      const id = pathId(params.id, "database_id");
      const db = store.database(id);
      if (!db) throw notFound("database", id);
      return query(db.dataSourceIds[0]!, req, version);
    });

    this.on("GET", "/v1/data_sources/:id", (_req, params) => {
      const id = pathId(params.id, "data_source_id");
      const source = store.dataSource(id);
      if (!source) throw notFound("data source", id);
      return dataSourceObject(source);
    });

    this.on("POST", "/v1/data_sources/:id/query", (req, params, version) => {
      const id = pathId(params.id, "data_source_id");
      if (!store.dataSource(id)) throw notFound("data source", id);
      return query(id, req, version);
    });

    this.on("POST", "/v1/pages", (req, _params, version) => {
      const b = body(req);
      if (!isObject(b.parent)) throw invalid("body failed validation: body.parent should be defined, instead was `undefined`.");
      const parent = b.parent;
      let page: FakePage;
      if (typeof parent.data_source_id === "string" || typeof parent.database_id === "string") {
        let sourceId: string;
        if (typeof parent.data_source_id === "string") {
          sourceId = pathId(parent.data_source_id, "parent.data_source_id");
          if (!store.dataSource(sourceId)) throw notFound("data source", sourceId);
        } else {
          const dbId = pathId(parent.database_id as string, "parent.database_id");
          const db = store.database(dbId);
          if (!db) throw notFound("database", dbId);
          if (db.dataSourceIds.length > 1) {
            throw invalid(`Database ${dbId} has multiple data sources; create the page with a data_source_id parent.`);
          }
          sourceId = db.dataSourceIds[0]!;
        }
        const source = store.dataSources.get(sourceId)!;
        page = this.insertRow(source.id, applyProperties(source, {}, b.properties));
      } else if (typeof parent.page_id === "string") {
        const parentId = pathId(parent.page_id, "parent.page_id");
        if (!store.page(parentId)) throw notFound("page", parentId);
        const child = store.addPage({});
        page = store.pages.get(child)!;
        page.parentPageId = parentId;
        if (isObject(b.properties) && isObject(b.properties.title)) {
          page.properties.title = {
            id: "title",
            type: "title",
            title: richTextArray(b.properties.title.title, "body.properties.title.title"),
          };
        }
      } else {
        throw invalid("body failed validation: body.parent should be one of data_source_id, database_id, page_id.");
      }
      if (b.children !== undefined) this.appendChildren(page.id, b.children);
      return pageObject(store, page, version);
    });

    this.on("GET", "/v1/pages/:id", (_req, params, version) => {
      const id = pathId(params.id, "page_id");
      const page = store.page(id);
      if (!page) throw notFound("page", id);
      return pageObject(store, page, version);
    });

    this.on("PATCH", "/v1/pages/:id", (req, params, version) => {
      const id = pathId(params.id, "page_id");
      const page = store.page(id);
      if (!page) throw notFound("page", id);
      const b = body(req);
      const trash = typeof b.in_trash === "boolean" ? b.in_trash : typeof b.archived === "boolean" ? b.archived : undefined;
      if (page.inTrash && trash !== false) throw invalid("Can't edit block that is archived. You must unarchive the block before editing.");
      if (b.properties !== undefined) {
        const source = page.dataSourceId ? store.dataSources.get(page.dataSourceId) : undefined;
        if (!source) throw invalid("body failed validation: only database pages have properties other than title in this fake.");
        page.properties = applyProperties(source, page.properties, b.properties);
      }
      if (trash !== undefined) page.inTrash = trash;
      page.lastEditedTime = store.now();
      return pageObject(store, page, version);
    });

    this.on("PATCH", "/v1/blocks/:id/children", (req, params) => {
      const id = pathId(params.id, "block_id");
      const created = this.appendChildren(id, body(req).children);
      return listObject(created, null, "block");
    });

    this.on("GET", "/v1/blocks/:id/children", (req, params) => {
      const id = pathId(params.id, "block_id");
      const parent = store.page(id) ?? store.blocks.get(id);
      if (!parent) throw notFound("block", id);
      const children = [...store.blocks.values()].filter((b) => b.parentId === id);
      const { page, next } = paginate(children, req.query.start_cursor, pageSize(req.query.page_size));
      return listObject(
        page.map((b) => blockObject(store, b)),
        next,
        "block",
      );
    });
  }

  private appendChildren(parentId: string, children: unknown): Json[] {
    const parent = this.store.page(parentId) ?? this.store.blocks.get(parentId);
    if (!parent) throw notFound("block", parentId);
    if ("inTrash" in parent && parent.inTrash)
      throw invalid("Can't edit block that is archived. You must unarchive the block before editing.");
    if (!Array.isArray(children)) throw invalid("body failed validation: body.children should be an array, instead was `undefined`.");
    if (children.length > MAX_BLOCKS_PER_APPEND) throw tooLong("body.children.length", MAX_BLOCKS_PER_APPEND, children.length);
    const contents = children.map((child, i) => blockContent(child, `body.children[${i}]`));
    return contents.map(({ type, content }) => {
      const block = { id: randomUUID(), parentId, type, content, createdTime: this.store.now() };
      this.store.blocks.set(block.id, block);
      return blockObject(this.store, block);
    });
  }
}

/** Fixed ids for the sandbox, so e2e flows and templates can point at them. */
export const NOTION_SANDBOX = {
  databaseId: "5a1e5000-0000-4000-8000-000000000001",
  dataSourceId: "5a1e5000-0000-4000-8000-000000000002",
  pageId: "5a1e5000-0000-4000-8000-000000000003",
};

export function seedSandbox(fake: NotionFake): typeof NOTION_SANDBOX {
  fake.seedDatabase({
    id: NOTION_SANDBOX.databaseId,
    dataSourceId: NOTION_SANDBOX.dataSourceId,
    title: "Leads",
    properties: {
      Name: "title",
      Email: "email",
      Company: "rich_text",
      Status: { type: "select" },
      Tags: "multi_select",
      Score: "number",
      "Opted in": "checkbox",
      "Signed up": "date",
      Website: "url",
      Phone: "phone_number",
    },
  });
  fake.store.addPage({ id: NOTION_SANDBOX.pageId, title: "Sandbox notes" });
  return NOTION_SANDBOX;
}

async function main(argv: readonly string[]): Promise<void> {
  const tokenIndex = argv.indexOf("--token");
  const token = tokenIndex >= 0 ? argv[tokenIndex + 1] : undefined;
  const fake = new NotionFake({ tokens: [token ?? NOTION_FAKE_TOKEN] });
  const ids = seedSandbox(fake);
  await fake.start(portFromArgs(argv, 4010));
  console.log(fake.url);
  console.log(JSON.stringify({ service: "notion", url: fake.url, token: token ?? NOTION_FAKE_TOKEN, ...ids }));
  const stop = (): void => void fake.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2));
}
