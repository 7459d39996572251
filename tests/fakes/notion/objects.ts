import type { NotionStore, FakeBlock, FakeDatabase, FakeDataSource, FakePage } from "./store";
import { emptyValue } from "./values";
import { richTextItem } from "./store";

/** Notion's response objects built from the fake's records. */

type Json = Record<string, unknown>;

export const LEGACY_VERSION = "2022-06-28";

const compact = (id: string): string => id.replace(/-/g, "");

function titleOf(page: FakePage): string {
  const title = Object.values(page.properties).find((p) => p.type === "title");
  const items = (title?.title as Json[] | undefined) ?? [];
  return items.map((t) => t.plain_text).join("");
}

export function pageObject(store: NotionStore, page: FakePage, version: string): Json {
  const source = page.dataSourceId ? store.dataSources.get(page.dataSourceId) : undefined;
  const properties: Record<string, Json> = {};
  if (source)
    for (const schema of Object.values(source.properties)) properties[schema.name] = page.properties[schema.name] ?? emptyValue(schema);
  else Object.assign(properties, page.properties);
  let parent: Json = { type: "workspace", workspace: true };
  if (source) {
    parent =
      version === LEGACY_VERSION
        ? { type: "database_id", database_id: source.databaseId }
        : { type: "data_source_id", data_source_id: source.id, database_id: source.databaseId };
  } else if (page.parentPageId) parent = { type: "page_id", page_id: page.parentPageId };
  const slug = titleOf(page)
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  const bot = { object: "user", id: store.botId };
  return {
    object: "page",
    id: page.id,
    created_time: page.createdTime,
    last_edited_time: page.lastEditedTime,
    created_by: bot,
    last_edited_by: bot,
    cover: null,
    icon: null,
    parent,
    archived: page.inTrash,
    in_trash: page.inTrash,
    is_locked: false,
    properties,
    url: `https://www.notion.so/${slug ? `${slug}-` : ""}${compact(page.id)}`,
    public_url: null,
  };
}

function schemaObject(source: FakeDataSource): Json {
  const out: Json = {};
  for (const p of Object.values(source.properties)) {
    const config = p.options
      ? { options: p.options.map((name) => ({ id: Buffer.from(name).toString("base64url").slice(0, 4), name, color: "default" })) }
      : {};
    out[p.name] = { id: p.id, name: p.name, type: p.type, [p.type]: config };
  }
  return out;
}

export function databaseObject(store: NotionStore, db: FakeDatabase, version: string): Json {
  const base: Json = {
    object: "database",
    id: db.id,
    created_time: db.createdTime,
    last_edited_time: db.createdTime,
    title: [richTextItem(db.title, null)],
    description: [],
    parent: { type: "workspace", workspace: true },
    is_inline: false,
    in_trash: false,
    archived: false,
    url: `https://www.notion.so/${compact(db.id)}`,
  };
  if (version === LEGACY_VERSION) {
    const first = store.dataSources.get(db.dataSourceIds[0]!)!;
    return { ...base, properties: schemaObject(first) };
  }
  return { ...base, data_sources: db.dataSourceIds.map((id) => ({ id, name: store.dataSources.get(id)!.name })) };
}

export function dataSourceObject(source: FakeDataSource): Json {
  return {
    object: "data_source",
    id: source.id,
    title: [richTextItem(source.name, null)],
    parent: { type: "database_id", database_id: source.databaseId },
    properties: schemaObject(source),
  };
}

export function blockObject(store: NotionStore, block: FakeBlock): Json {
  const parentIsPage = store.pages.has(block.parentId);
  return {
    object: "block",
    id: block.id,
    parent: parentIsPage ? { type: "page_id", page_id: block.parentId } : { type: "block_id", block_id: block.parentId },
    created_time: block.createdTime,
    last_edited_time: block.createdTime,
    created_by: { object: "user", id: store.botId },
    last_edited_by: { object: "user", id: store.botId },
    has_children: false,
    archived: false,
    in_trash: false,
    type: block.type,
    [block.type]: block.content,
  };
}

export function listObject(
  results: Json[],
  nextCursor: string | null,
  type: "page_or_data_source" | "page_or_database" | "block" | "user",
): Json {
  return { object: "list", results, next_cursor: nextCursor, has_more: nextCursor !== null, type, [type]: {} };
}
