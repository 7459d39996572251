import { randomUUID } from "node:crypto";

/** The fake workspace: what the integration can see, held in memory. */

export type SchemaProperty = { id: string; name: string; type: string; options?: string[] };

export interface FakeDataSource {
  id: string;
  name: string;
  databaseId: string;
  properties: Record<string, SchemaProperty>;
}

export interface FakeDatabase {
  id: string;
  title: string;
  dataSourceIds: string[];
  shared: boolean;
  createdTime: string;
}

export interface FakePage {
  id: string;
  dataSourceId: string | undefined;
  parentPageId: string | undefined;
  createdTime: string;
  lastEditedTime: string;
  inTrash: boolean;
  /** Property values in Notion's response shape, keyed by property name. */
  properties: Record<string, Record<string, unknown>>;
  children: string[];
  shared: boolean;
}

export interface FakeBlock {
  id: string;
  parentId: string;
  type: string;
  content: Record<string, unknown>;
  createdTime: string;
}

export interface SeedDatabase {
  id?: string;
  dataSourceId?: string;
  title: string;
  /** Property name → type (and options for select/status/multi_select). */
  properties: Record<string, string | { type: string; options?: string[] }>;
  /** Extra data sources, for databases that hold more than one. */
  extraDataSources?: { id?: string; name: string }[];
  shared?: boolean;
}

export function normalizeId(raw: string): string | undefined {
  const hex = raw.replace(/-/g, "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class NotionStore {
  readonly databases = new Map<string, FakeDatabase>();
  readonly dataSources = new Map<string, FakeDataSource>();
  readonly pages = new Map<string, FakePage>();
  readonly blocks = new Map<string, FakeBlock>();
  readonly botId = "b0b0b0b0-0000-4000-8000-000000000001";
  private clock = Date.parse("2025-01-01T00:00:00.000Z");

  /** Strictly increasing timestamps, so sorts by time are deterministic. */
  now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  addDatabase(seed: SeedDatabase): { databaseId: string; dataSourceId: string } {
    const databaseId = normalizeId(seed.id ?? randomUUID())!;
    const dataSourceId = normalizeId(seed.dataSourceId ?? randomUUID())!;
    const properties: Record<string, SchemaProperty> = {};
    let n = 0;
    for (const [name, spec] of Object.entries(seed.properties)) {
      const { type, options } = typeof spec === "string" ? { type: spec, options: undefined } : spec;
      properties[name] = { id: type === "title" ? "title" : `p${(n++).toString(36).padStart(3, "0")}`, name, type, options };
    }
    this.dataSources.set(dataSourceId, { id: dataSourceId, name: seed.title, databaseId, properties });
    const ids = [dataSourceId];
    for (const extra of seed.extraDataSources ?? []) {
      const id = normalizeId(extra.id ?? randomUUID())!;
      this.dataSources.set(id, { id, name: extra.name, databaseId, properties: structuredClone(properties) });
      ids.push(id);
    }
    this.databases.set(databaseId, {
      id: databaseId,
      title: seed.title,
      dataSourceIds: ids,
      shared: seed.shared ?? true,
      createdTime: this.now(),
    });
    return { databaseId, dataSourceId };
  }

  /** A standalone page (not a database row), e.g. a page to append blocks to. */
  addPage(options: { id?: string; title?: string; shared?: boolean } = {}): string {
    const id = normalizeId(options.id ?? randomUUID())!;
    const time = this.now();
    this.pages.set(id, {
      id,
      dataSourceId: undefined,
      parentPageId: undefined,
      createdTime: time,
      lastEditedTime: time,
      inTrash: false,
      properties: { title: { id: "title", type: "title", title: options.title ? [richTextItem(options.title, null)] : [] } },
      children: [],
      shared: options.shared ?? true,
    });
    return id;
  }

  database(id: string): FakeDatabase | undefined {
    const db = this.databases.get(id);
    return db?.shared ? db : undefined;
  }

  dataSource(id: string): FakeDataSource | undefined {
    const source = this.dataSources.get(id);
    return source && this.databases.get(source.databaseId)?.shared ? source : undefined;
  }

  page(id: string): FakePage | undefined {
    const page = this.pages.get(id);
    if (!page) return undefined;
    if (page.dataSourceId) return this.dataSource(page.dataSourceId) ? page : undefined;
    return page.shared ? page : undefined;
  }

  rows(dataSourceId: string): FakePage[] {
    return [...this.pages.values()].filter((p) => p.dataSourceId === dataSourceId && !p.inTrash);
  }

  clear(): void {
    this.databases.clear();
    this.dataSources.clear();
    this.pages.clear();
    this.blocks.clear();
  }
}

export function richTextItem(content: string, link: string | null): Record<string, unknown> {
  return {
    type: "text",
    text: { content, link: link ? { url: link } : null },
    annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: "default" },
    plain_text: content,
    href: link,
  };
}
