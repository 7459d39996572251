import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";

/**
 * Discord's published OpenAPI 3.1 document (discord/discord-api-spec, `specs/openapi.json`,
 * API v10), kept unchanged beside this file so that a clean clone can validate requests, and
 * request-body validators compiled from it with JSON Schema 2020-12 semantics.
 * `DISCORD_OPENAPI_SPEC` points at another copy (a newer spec) when set.
 */

export const DISCORD_SPEC_PATH = process.env.DISCORD_OPENAPI_SPEC ?? fileURLToPath(new URL("./openapi.json", import.meta.url));

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>>;
  components: { schemas: Record<string, unknown> };
}

const SPEC_ID = "discord-openapi";

const isUri = (value: string): boolean => {
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
};
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/;

let cached: { ajv: Ajv2020; spec: OpenApiDocument } | undefined;

function load(): { ajv: Ajv2020; spec: OpenApiDocument } {
  if (cached) return cached;
  const spec = JSON.parse(readFileSync(DISCORD_SPEC_PATH, "utf8")) as OpenApiDocument;
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    formats: {
      uri: isUri,
      "date-time": (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
      snowflake: /^(0|[1-9][0-9]*)$/,
      nonce: true,
      int32: true,
      int64: true,
      double: true,
    },
  });
  ajv.addSchema(spec, SPEC_ID);
  cached = { ajv, spec };
  return cached;
}

const validators = new Map<string, ValidateFunction>();

/**
 * The validator of a named component schema, e.g. `IncomingWebhookRequestPartial`. The execute
 * webhook operation declares `anyOf [IncomingWebhookRequestPartial, IncomingWebhookUpdateRequestPartial]`;
 * the second (the edit-message shape) has no username, avatar or thread limits and no
 * `additionalProperties: false`, so it admits everything the first rejects. Validating against
 * the first alone is what Discord enforces on execute.
 */
export function schemaValidator(name: string): ValidateFunction {
  const hit = validators.get(name);
  if (hit) return hit;
  const { ajv, spec } = load();
  if (!(name in spec.components.schemas)) throw new Error(`Discord spec has no schema ${name}`);
  const validate = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` });
  validators.set(name, validate);
  return validate;
}

/** The request-body schema names an operation declares for JSON (its anyOf branches), for contract tests. */
export function requestBodySchemaNames(path: string, method: string): string[] {
  const schema = load().spec.paths[path]?.[method]?.requestBody?.content?.["application/json"]?.schema as
    { anyOf?: { $ref?: string }[]; $ref?: string } | undefined;
  const refs = schema?.anyOf?.map((branch) => branch.$ref) ?? [schema?.$ref];
  return refs.filter((ref): ref is string => typeof ref === "string").map((ref) => ref.split("/").at(-1)!);
}

export interface DiscordErrorTree {
  _errors?: { code: string; message: string }[];
  [field: string]: DiscordErrorTree | { code: string; message: string }[] | undefined;
}

function leafCode(error: ErrorObject): { code: string; message: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "maxLength":
      return { code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${String(params.limit)} or fewer in length.` };
    case "minLength":
      return { code: "BASE_TYPE_MIN_LENGTH", message: `Must be ${String(params.limit)} or more in length.` };
    case "maxItems":
      return { code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${String(params.limit)} or fewer in length.` };
    case "required":
      return { code: "BASE_TYPE_REQUIRED", message: "This field is required" };
    case "maximum":
    case "minimum":
      return {
        code: "NUMBER_TYPE_MAX",
        message: `int value should be ${error.keyword === "maximum" ? "less" : "greater"} than or equal to ${String(params.limit)}.`,
      };
    case "type":
      return { code: "BASE_TYPE_BAD_TYPE", message: `Must be of type ${String(params.type)}.` };
    case "format":
      return {
        code: params.format === "uri" ? "URL_TYPE_INVALID_URL" : "BASE_TYPE_BAD_FORMAT",
        message: `Not a well formed ${String(params.format)}.`,
      };
    default:
      return { code: "BASE_TYPE_INVALID", message: error.message ?? "Invalid value" };
  }
}

/**
 * Discord's `Invalid Form Body` error tree: the field path nested as objects (array indexes as
 * keys) with `_errors` leaves. Nullable fields are `oneOf [null, X]` in the spec; their
 * "must be null" branch errors are noise and dropped.
 */
export function discordErrorTree(errors: readonly ErrorObject[]): DiscordErrorTree {
  const tree: DiscordErrorTree = {};
  const relevant = errors.filter(
    (e) => e.keyword !== "anyOf" && e.keyword !== "oneOf" && !(e.keyword === "type" && (e.params as { type?: unknown }).type === "null"),
  );
  for (const error of relevant.length > 0 ? relevant : errors) {
    const segments = error.instancePath.split("/").filter((s) => s !== "");
    if (error.keyword === "required") segments.push(String((error.params as { missingProperty: string }).missingProperty));
    let node = tree;
    for (const segment of segments) {
      const next = (node[segment] as DiscordErrorTree | undefined) ?? {};
      node[segment] = next;
      node = next;
    }
    const leaf = leafCode(error);
    const list = node._errors ?? [];
    if (!list.some((e) => e.code === leaf.code)) list.push(leaf);
    node._errors = list;
  }
  return tree;
}
