import { z } from "zod";
import { defineCredential, type CredentialDefinition } from "@/lib/engine/credential-definition";
import { AuthError, ValidationError } from "@/lib/engine/errors";

/**
 * Credentials of the HTTP request node. Each may name the hosts it is meant for: a flow then
 * cannot send the secret anywhere else (a typo in a URL, or a URL built from run data).
 */

const hostPattern = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d+)?$/i;

const allowedHosts = z
  .string()
  .trim()
  .optional()
  .refine(
    (value) =>
      value === undefined ||
      value === "" ||
      value
        .split(/[\s,]+/)
        .filter(Boolean)
        .every((h) => hostPattern.test(h)),
    {
      message: "Expected hostnames separated by commas, e.g. api.example.com, *.example.org",
    },
  )
  .meta({
    title: "Only for these hosts",
    description: "Comma-separated hostnames (`*.example.com` for subdomains). Empty: any host. Recommended.",
  });

const testUrl = z
  .string()
  .trim()
  .optional()
  .meta({ title: "Test URL (optional)", description: "A GET on this URL with the credential must succeed for the connection test." });

/** Whether `host` (hostname, or hostname:port) is one the credential may be sent to. */
export function hostAllowed(patterns: string | undefined, url: URL): boolean {
  const list = (patterns ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase());
  if (list.length === 0) return true;
  const hostname = url.hostname.toLowerCase();
  const withPort = url.host.toLowerCase();
  return list.some((p) => (p.startsWith("*.") ? hostname.endsWith(p.slice(1)) : p === hostname || p === withPort));
}

type Authenticated = { headers?: Record<string, string>; query?: Record<string, string> };

async function testWith(
  auth: Authenticated,
  data: { testUrl?: string; allowedHosts?: string },
  io: { fetch: typeof fetch; signal: AbortSignal },
): Promise<{ ok: true; message?: string }> {
  if (!data.testUrl) return { ok: true, message: "No test URL set: the credential is saved as given" };
  let url: URL;
  try {
    url = new URL(data.testUrl);
  } catch {
    throw new ValidationError("The test URL is not a URL", { path: ["testUrl"] });
  }
  if (!hostAllowed(data.allowedHosts, url))
    throw new ValidationError("The test URL's host is not in the credential's host list", { path: ["testUrl"] });
  for (const [name, value] of Object.entries(auth.query ?? {})) url.searchParams.set(name, value);
  const response = await io.fetch(url, { method: "GET", headers: auth.headers, signal: io.signal });
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403) throw new AuthError(`The test URL refused the credential (${response.status})`);
  if (!response.ok) throw new ValidationError(`The test URL answered ${response.status}`, { path: ["testUrl"] });
  return { ok: true, message: `The test URL answered ${response.status}` };
}

const bearerFields = z.object({
  token: z.string().min(1).meta({ title: "Token" }),
  allowedHosts,
  testUrl,
});
const bearer = (data: z.output<typeof bearerFields>): Authenticated => ({ headers: { authorization: `Bearer ${data.token}` } });
export const httpBearerCredential = defineCredential({
  type: "http.bearer",
  title: "Bearer token",
  description: "Sends `Authorization: Bearer <token>`.",
  icon: "http",
  fields: bearerFields,
  secretFields: ["token"],
  authenticate: bearer,
  test: (data, io) => testWith(bearer(data), data, io),
});

const basicFields = z.object({
  username: z.string().min(1).meta({ title: "Username" }),
  password: z.string().meta({ title: "Password" }),
  allowedHosts,
  testUrl,
});
/** RFC 7617 with UTF-8; btoa keeps this usable outside Node too. */
function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
const basic = (data: z.output<typeof basicFields>): Authenticated => ({
  headers: { authorization: `Basic ${base64Utf8(`${data.username}:${data.password}`)}` },
});
export const httpBasicCredential = defineCredential({
  type: "http.basic",
  title: "Basic auth",
  description: "Sends `Authorization: Basic` with a username and password.",
  icon: "http",
  fields: basicFields,
  secretFields: ["password"],
  authenticate: basic,
  test: (data, io) => testWith(basic(data), data, io),
});

const apiKeyFields = z.object({
  placement: z.enum(["header", "query"]).default("header").meta({ title: "Send in" }),
  name: z
    .string()
    .trim()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "Expected a header or parameter name")
    .meta({ title: "Name", description: "e.g. X-API-Key, or api_key for a query parameter" }),
  value: z.string().min(1).meta({ title: "Key" }),
  allowedHosts,
  testUrl,
});
const apiKey = (data: z.output<typeof apiKeyFields>): Authenticated =>
  data.placement === "query" ? { query: { [data.name]: data.value } } : { headers: { [data.name]: data.value } };
export const httpApiKeyCredential = defineCredential({
  type: "http.api-key",
  title: "API key",
  description: "Sends an API key in a header or a query parameter.",
  icon: "http",
  fields: apiKeyFields,
  secretFields: ["value"],
  authenticate: apiKey,
  test: (data, io) => testWith(apiKey(data), data, io),
});

const customHeaderFields = z.object({
  headers: z
    .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "Expected a header name"), z.string())
    .refine((headers) => Object.keys(headers).length > 0, "Add at least one header")
    .meta({ title: "Headers", widget: "keyvalue" }),
  allowedHosts,
  testUrl,
});
const customHeaders = (data: z.output<typeof customHeaderFields>): Authenticated => ({ headers: { ...data.headers } });
export const httpCustomHeaderCredential = defineCredential({
  type: "http.custom-header",
  title: "Custom headers",
  description: "Sends one or more headers of your choice (every value is kept secret).",
  icon: "http",
  fields: customHeaderFields,
  secretFields: ["headers"],
  authenticate: customHeaders,
  test: (data, io) => testWith(customHeaders(data), data, io),
});

export const httpCredentials = [httpBearerCredential, httpBasicCredential, httpApiKeyCredential, httpCustomHeaderCredential] as const;
export const HTTP_CREDENTIAL_TYPES = httpCredentials.map((c) => c.type);

export interface HttpAuth {
  headers: Record<string, string>;
  query: Record<string, string>;
  allowedHosts?: string;
}

/** Headers and query parameters of a resolved credential of one of the HTTP types. */
export function httpAuth(type: string, data: Record<string, unknown>): HttpAuth {
  const definition = (httpCredentials as readonly CredentialDefinition[]).find((c) => c.type === type);
  if (!definition) {
    throw new ValidationError(`The HTTP request node takes ${HTTP_CREDENTIAL_TYPES.join(", ")} credentials, not ${type}`, {
      path: ["credential"],
    });
  }
  const parsed = definition.fields.safeParse(data);
  if (!parsed.success) throw new ValidationError(`The ${definition.title} credential is incomplete or invalid`, { path: ["credential"] });
  const auth = definition.authenticate?.(parsed.data) ?? {};
  const hosts = (parsed.data as { allowedHosts?: string }).allowedHosts;
  return { headers: auth.headers ?? {}, query: auth.query ?? {}, ...(hosts ? { allowedHosts: hosts } : {}) };
}
