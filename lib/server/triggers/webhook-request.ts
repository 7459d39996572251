import type { WebhookRequestData } from "@/lib/nodes/trigger/webhook";
import type { WebhookParamSource } from "./webhook-config";
import { refuse } from "./webhook-errors";

/**
 * The request as the run sees it: the raw body read up to the trigger's limit, parsed by its
 * content type, headers without anything secret, and the fields that become parameters.
 */

/** What the endpoint needs of a request, from a Web `Request` or a Node `IncomingMessage`. */
export interface HookRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: { get(name: string): string | null | undefined; entries(): Iterable<[string, string]> };
  /** The body up to `limit` bytes; undefined when it is longer (the rest is not read). */
  readBody(limit: number): Promise<Buffer | undefined>;
}

/** Never handed to a run or stored: they authenticate someone to us or to a proxy. */
const ALWAYS_HIDDEN = new Set(["authorization", "proxy-authorization", "cookie", "x-api-key"]);

export function visibleHeaders(headers: HookRequest["headers"], hidden: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers.entries()) {
    const key = name.toLowerCase();
    if (ALWAYS_HIDDEN.has(key) || hidden.includes(key)) continue;
    out[key] = value;
  }
  return out;
}

export function tooLarge(limit: number) {
  return refuse(413, "payload_too_large", `The body is larger than this webhook's limit of ${limit} bytes.`, { limitBytes: limit });
}

/** 413 from Content-Length alone when it says so, before a byte of the body is read. */
export function checkDeclaredLength(headers: HookRequest["headers"], limit: number): void {
  const declared = headers.get("content-length");
  if (declared && Number(declared) > limit) throw tooLarge(limit);
}

export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Multipart bodies (file uploads) are not taken: the run would get no files, only risk. */
export function checkMediaType(type: string): void {
  if (type.startsWith("multipart/")) {
    throw refuse(415, "unsupported_media_type", "Webhooks take JSON, form-encoded or text bodies, not multipart uploads.", {
      contentType: type,
    });
  }
}

function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of query) {
    const prior = out[key];
    out[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return out;
}

/** JSON (application/json, +json), form fields, or else the text; undefined when empty. */
export function parseBody(raw: Buffer, type: string): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString("utf8");
  if (type === "application/json" || type.endsWith("+json") || (type === "" && /^\s*[[{]/.test(text))) {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw refuse(400, "invalid_json", `The body is not valid JSON: ${err instanceof Error ? err.message : String(err)}.`);
    }
  }
  if (type === "application/x-www-form-urlencoded") return queryObject(new URLSearchParams(text));
  return text;
}

export interface ParsedRequest {
  data: Omit<WebhookRequestData, "deliveryId">;
  /** The fields the trigger maps to parameters (before the flow's spec is applied). */
  fields: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function describeRequest(
  req: HookRequest,
  input: {
    body: unknown;
    contentType: string;
    headers: Record<string, string>;
    messageId?: string;
    receivedAt: number;
    params: WebhookParamSource;
  },
): ParsedRequest {
  const query = queryObject(req.query);
  const data: ParsedRequest["data"] = {
    method: req.method,
    path: req.path,
    query,
    headers: input.headers,
    body: input.body,
    ...(input.contentType ? { contentType: input.contentType } : {}),
    ...(input.messageId ? { messageId: input.messageId } : {}),
    receivedAt: new Date(input.receivedAt).toISOString(),
  };
  const body = isRecord(input.body) ? input.body : {};
  const fields =
    input.params === "body" ? { ...body } : input.params === "query" ? { ...query } : input.params === "merge" ? { ...query, ...body } : {};
  return { data, fields };
}
