import type * as NotionSdk from "@notionhq/client";
import type { Client } from "@notionhq/client";
import type { z } from "zod";
import { AuthError, NodeError, TimeoutError, ValidationError } from "@/lib/engine/errors";
import type { Logger, NodeContext } from "@/lib/engine/node-definition";
import { errorForStatus, errorFromFetchFailure } from "../shared/http-errors";
import { retryAfterFromHeaders } from "../shared/retry-after";
import { parseVendorResponse } from "../shared/vendor-response";
import { NOTION_CREDENTIAL_TYPE, notionCredentialFields, type NotionCredentialFields } from "./auth";
import { NOTION_API_URL, NOTION_API_VERSION } from "./constants";
import {
  notionBlockSchema,
  notionDatabaseSchema,
  notionListSchema,
  notionPageSchema,
  notionUserSchema,
  type NotionDatabase,
  type NotionPage,
  type NotionUser,
} from "./schemas";

/**
 * The Notion SDK client, built per step: it sends through the step's fetch (dry runs, network
 * guard, abort signal), pins the API version, and leaves retries to the engine so Retry-After
 * and the node's retry settings decide, not the SDK's own loop.
 */

type CreatePageBody = Parameters<Client["pages"]["create"]>[0];
type UpdatePageBody = Parameters<Client["pages"]["update"]>[0];
type AppendBlocksBody = Parameters<Client["blocks"]["children"]["append"]>[0];

export interface NotionApi {
  me(): Promise<NotionUser>;
  retrieveDatabase(databaseId: string): Promise<NotionDatabase>;
  /** Body fields as the API takes them (filter, sorts, start_cursor, page_size). */
  queryDataSource(dataSourceId: string, body: Record<string, unknown>): Promise<z.output<typeof pageListSchema>>;
  createPage(body: CreatePageBody, object: string): Promise<NotionPage>;
  updatePage(body: UpdatePageBody): Promise<NotionPage>;
  retrievePage(pageId: string): Promise<NotionPage>;
  appendBlocks(body: AppendBlocksBody): Promise<z.output<typeof blockListSchema>>;
}

const pageListSchema = notionListSchema(notionPageSchema);
const blockListSchema = notionListSchema(notionBlockSchema);

const VENDOR = "Notion";
/** Notion always sends Retry-After with a 429; one second is its documented average spacing. */
const FALLBACK_RETRY_AFTER_MS = 1000;

export interface NotionIo {
  fetch: typeof fetch;
  signal: AbortSignal;
  log?: Logger;
}

type Sdk = typeof NotionSdk;

function toHeaders(value: unknown): Headers {
  if (value instanceof Headers) return value;
  const headers = new Headers();
  if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) if (typeof v === "string") headers.set(k, v);
  }
  return headers;
}

function mapError(sdk: Sdk, err: unknown, object: string | undefined, signal: AbortSignal): NodeError {
  if (err instanceof NodeError) return err;
  if (sdk.isHTTPResponseError(err)) {
    const limited = err.status === 429 || err.status === 503 || err.status === 529;
    const apiError = sdk.APIResponseError.isAPIResponseError(err);
    return errorForStatus(err.status, {
      vendor: VENDOR,
      object,
      vendorCode: apiError ? err.code : undefined,
      vendorMessage: apiError ? err.message : undefined,
      retryAfterMs: limited
        ? retryAfterFromHeaders(toHeaders(err.headers), { fallbackMs: err.status === 429 ? FALLBACK_RETRY_AFTER_MS : undefined })
        : undefined,
      details: err.request_id ? { requestId: err.request_id } : undefined,
    });
  }
  if (sdk.RequestTimeoutError.isRequestTimeoutError(err)) return new TimeoutError(`${VENDOR} did not answer in time`, { cause: err });
  if (sdk.InvalidPathParameterError.isInvalidPathParameterError(err)) return new ValidationError(err.message, { cause: err });
  return errorFromFetchFailure(err, { vendor: VENDOR, signal });
}

export async function notionClientFor(fields: NotionCredentialFields, io: NotionIo): Promise<NotionApi> {
  const sdk = await import("@notionhq/client");
  const client = new sdk.Client({
    auth: fields.token,
    baseUrl: (fields.baseUrl ?? NOTION_API_URL).replace(/\/+$/, ""),
    notionVersion: NOTION_API_VERSION,
    retry: false,
    // The SDK never passes an abort signal; add the step's so a timeout or cancel stops the call.
    fetch: (url, init) => io.fetch(url, { method: init?.method, headers: init?.headers, body: init?.body, signal: io.signal }),
    logLevel: sdk.LogLevel.DEBUG,
    logger: (level, message, extra) => io.log?.debug(`notion sdk: ${message}`, { level, ...pickLogFields(extra) }),
  });

  async function call<S extends z.ZodType>(
    schema: S,
    what: string,
    object: string | undefined,
    send: () => Promise<unknown>,
  ): Promise<z.output<S>> {
    let answer: unknown;
    try {
      answer = await send();
    } catch (err) {
      throw mapError(sdk, err, object, io.signal);
    }
    return parseVendorResponse(schema, answer, { vendor: VENDOR, what });
  }

  return {
    me: () => call(notionUserSchema, "the bot user", "the integration's bot user", () => client.users.me({})),
    retrieveDatabase: (databaseId) =>
      call(notionDatabaseSchema, "the database", `database "${databaseId}"`, () => client.databases.retrieve({ database_id: databaseId })),
    queryDataSource: (dataSourceId, body) =>
      call(pageListSchema, "the query", `data source "${dataSourceId}"`, () =>
        client.request({ path: `data_sources/${dataSourceId}/query`, method: "post", body }),
      ),
    createPage: (body, object) => call(notionPageSchema, "the new page", object, () => client.pages.create(body)),
    updatePage: (body) => call(notionPageSchema, "the updated page", `page "${body.page_id}"`, () => client.pages.update(body)),
    retrievePage: (pageId) => call(notionPageSchema, "the page", `page "${pageId}"`, () => client.pages.retrieve({ page_id: pageId })),
    appendBlocks: (body) =>
      call(blockListSchema, "the appended blocks", `block "${body.block_id}"`, () => client.blocks.children.append(body)),
  };
}

/** The SDK logs method, path, codes and request ids; failed bodies only at debug level, which we keep out. */
function pickLogFields(extra: Record<string, unknown>): Record<string, unknown> {
  const { method, path, code, attempt, requestId, delayMs } = extra;
  return Object.fromEntries(Object.entries({ method, path, code, attempt, requestId, delayMs }).filter(([, v]) => v !== undefined));
}

/** The client for a step: reads and checks the node's credential, then builds the SDK client. */
export async function notionClient(ctx: NodeContext): Promise<NotionApi> {
  const credential = await ctx.credential();
  if (credential.type !== NOTION_CREDENTIAL_TYPE) {
    throw new AuthError(`This node needs a Notion credential, not "${credential.type}"`);
  }
  const fields = notionCredentialFields.safeParse(credential.data);
  if (!fields.success) {
    const field = fields.error.issues[0]?.path.join(".") || "token";
    throw new AuthError(`The Notion credential is incomplete or invalid (${field}); edit it and test the connection`);
  }
  return notionClientFor(fields.data, { fetch: ctx.fetch, signal: ctx.signal, log: ctx.log });
}
