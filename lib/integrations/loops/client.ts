import type { z } from "zod";
import { AuthError } from "@/lib/engine/errors";
import type { NodeContext } from "@/lib/engine/node-definition";
import { apiUrl } from "../shared/base-url";
import type { VendorErrorBody } from "../shared/http-errors";
import { requestJson } from "../shared/json-request";
import { LOOPS_CREDENTIAL_TYPE, loopsCredentialFields, type LoopsCredentialFields } from "./auth";
import { LOOPS_API_URL, LOOPS_RATE_LIMIT_WAIT_MS } from "./constants";
import { loopsErrorSchema } from "./schemas";

/**
 * Loops over plain fetch: the official `loops` SDK calls the global fetch with a fixed API
 * root, so it could neither go through the step's fetch (dry runs, network guard, abort
 * signal) nor reach a sandbox; see docs/decisions/0501.
 */

export interface LoopsRequest<S extends z.ZodType> {
  method: "GET" | "POST" | "PUT";
  /** Path under the API root, e.g. `/v1/contacts/find`. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Named in a 404, e.g. `contact "ada@example.com"`. */
  object?: string;
  what: string;
  schema: S;
}

export interface LoopsApi {
  request<S extends z.ZodType>(request: LoopsRequest<S>): Promise<z.output<S>>;
}

/** `path: message` when Loops names the field, so the user sees which value it refused. */
export function readLoopsError(body: unknown): VendorErrorBody {
  const parsed = loopsErrorSchema.safeParse(body);
  if (!parsed.success) return typeof body === "string" && body !== "" ? { message: body.slice(0, 200) } : {};
  const { message, path, error } = parsed.data;
  const nested = typeof error === "object" ? error : undefined;
  const text = message ?? nested?.message ?? (typeof error === "string" ? error : undefined);
  const where = path ?? nested?.path;
  return text ? { message: where ? `${where}: ${text}` : text } : {};
}

export function loopsClientFor(fields: LoopsCredentialFields, io: { fetch: typeof fetch; signal: AbortSignal }): LoopsApi {
  const base = fields.baseUrl ?? LOOPS_API_URL;
  return {
    request: (req) =>
      requestJson({
        fetch: io.fetch,
        signal: io.signal,
        vendor: "Loops",
        method: req.method,
        url: apiUrl(base, req.path, req.query),
        headers: { Authorization: `Bearer ${fields.apiKey}`, ...req.headers },
        body: req.body,
        object: req.object,
        what: req.what,
        schema: req.schema,
        fallbackRetryAfterMs: LOOPS_RATE_LIMIT_WAIT_MS,
        parseError: readLoopsError,
      }),
  };
}

/** The client for a step: reads and checks the node's credential. */
export async function loopsClient(ctx: NodeContext): Promise<LoopsApi> {
  const credential = await ctx.credential();
  if (credential.type !== LOOPS_CREDENTIAL_TYPE) {
    throw new AuthError(`This node needs a Loops credential, not "${credential.type}"`);
  }
  const fields = loopsCredentialFields.safeParse(credential.data);
  if (!fields.success) {
    const field = fields.error.issues[0]?.path.join(".") || "apiKey";
    throw new AuthError(`The Loops credential is incomplete or invalid (${field}); edit it and test the connection`);
  }
  return loopsClientFor(fields.data, { fetch: ctx.fetch, signal: ctx.signal });
}
