import { z } from "zod";
import { compileNodeExpression } from "../shared/expression";

/** The HTTP request node's settings: request, body, response parsing, errors and pagination. */

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

function compiles(source: string): boolean {
  try {
    compileNodeExpression(source, "expression");
    return true;
  } catch {
    return false;
  }
}

const jsonata = (title: string, description: string) =>
  z
    .string()
    .trim()
    .refine((source) => source === "" || compiles(source), { message: "Not a valid JSONata expression" })
    .optional()
    .meta({ title, description, widget: "jsonata" });

export const paginationSchema = z
  .object({
    mode: z.enum(["none", "cursor", "link-header", "offset"]).default("none").meta({ title: "Pagination" }),
    cursorPath: jsonata(
      "Next cursor",
      "JSONata over a page's body that yields the next cursor, e.g. `next_cursor` or `meta.next`. Empty or null ends.",
    ),
    cursorParam: z.string().trim().default("cursor").meta({ title: "Cursor query parameter" }),
    offsetParam: z.string().trim().default("offset").meta({ title: "Offset query parameter" }),
    limitParam: z.string().trim().default("limit").meta({ title: "Limit query parameter" }),
    pageSize: z.number().int().min(1).max(10_000).default(100).meta({ title: "Page size" }),
    startOffset: z.number().int().min(0).default(0).meta({ title: "First offset" }),
    itemsPath: jsonata("Items", "JSONata over a page's body that yields its items, e.g. `data`; collected from every page into `items`."),
    maxPages: z.number().int().min(1).max(1000).default(10).meta({ title: "At most this many pages" }),
  })
  .default({
    mode: "none",
    cursorParam: "cursor",
    offsetParam: "offset",
    limitParam: "limit",
    pageSize: 100,
    startOffset: 0,
    maxPages: 10,
  });
export type PaginationConfig = z.output<typeof paginationSchema>;

export const httpRequestConfig = z
  .object({
    method: z.enum(HTTP_METHODS).default("GET").meta({ title: "Method" }),
    url: z
      .string()
      .trim()
      .min(1)
      .meta({ title: "URL", description: "http(s) URL; private and internal addresses are refused unless allow-listed." }),
    query: z
      .record(z.string(), z.union([scalar, z.array(scalar)]))
      .default({})
      .meta({ title: "Query parameters", widget: "keyvalue" }),
    headers: z.record(z.string(), z.string()).default({}).meta({ title: "Headers", widget: "keyvalue" }),
    authentication: z
      .enum(["none", "credential"])
      .default("none")
      .meta({ title: "Authentication", description: "Use the node's credential: bearer, basic, API key or custom headers." }),
    bodyType: z.enum(["none", "json", "form", "raw"]).default("none").meta({ title: "Body" }),
    json: z.unknown().optional().meta({ title: "JSON body", widget: "json" }),
    form: z
      .record(z.string(), z.union([scalar, z.array(scalar)]))
      .default({})
      .meta({ title: "Form fields", widget: "keyvalue" }),
    raw: z.string().default("").meta({ title: "Raw body", widget: "code" }),
    rawContentType: z.string().default("text/plain; charset=utf-8").meta({ title: "Raw content type" }),
    responseFormat: z.enum(["auto", "json", "text"]).default("auto").meta({ title: "Parse response as" }),
    neverFail: z
      .boolean()
      .default(false)
      .meta({ title: "Never fail on status", description: "Return 4xx/5xx answers as output instead of failing." }),
    followRedirects: z.boolean().default(true).meta({ title: "Follow redirects" }),
    pagination: paginationSchema,
  })
  .superRefine((config, ctx) => {
    if ((config.method === "GET" || config.method === "HEAD") && config.bodyType !== "none") {
      ctx.addIssue({ code: "custom", path: ["bodyType"], message: `${config.method} requests cannot carry a body` });
    }
    const p = config.pagination;
    if (p.mode === "cursor" && !p.cursorPath)
      ctx.addIssue({ code: "custom", path: ["pagination", "cursorPath"], message: "Cursor pagination needs the path of the next cursor" });
    if (p.mode === "offset" && !p.itemsPath)
      ctx.addIssue({ code: "custom", path: ["pagination", "itemsPath"], message: "Offset pagination needs the path of each page's items" });
  });
export type HttpRequestConfig = z.output<typeof httpRequestConfig>;

export const httpResponseSchema = z.object({
  status: z.number(),
  statusText: z.string(),
  ok: z.boolean(),
  url: z.string().meta({ description: "Final URL (after redirects) of the last request." }),
  headers: z.record(z.string(), z.string()),
  body: z.unknown().meta({ description: "Parsed body of the (last) answer." }),
});

export const httpRequestOutput = httpResponseSchema.extend({
  pages: z.number().optional().meta({ description: "Pages fetched when paginating." }),
  items: z.array(z.unknown()).optional().meta({ description: "Items of every page (pagination with an items path)." }),
  bodies: z.array(z.unknown()).optional().meta({ description: "Body of every page, when paginating without an items path." }),
  truncated: z.boolean().optional().meta({ description: "True when the page limit stopped pagination before the end." }),
});
export type HttpRequestOutput = z.output<typeof httpRequestOutput>;
