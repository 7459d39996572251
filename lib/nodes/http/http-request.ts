import { defineNode, type NodeContext } from "@/lib/engine/node-definition";
import { errorFromFetchFailure, errorFromResponse } from "@/lib/integrations/shared/http-errors";
import { compileNodeExpression } from "../shared/expression";
import { httpRequestConfig, httpRequestOutput, type HttpRequestConfig, type HttpRequestOutput } from "./config";
import { httpAuth, type HttpAuth } from "./credentials";
import { cursorValue, nextLink } from "./pagination";
import { prepareRequest, type PreparedRequest } from "./request";
import { headerRecord, parseResponseBody } from "./response";

interface Page {
  response: Response;
  body: unknown;
}

async function fetchPage(ctx: NodeContext, config: HttpRequestConfig, prepared: PreparedRequest, url: URL): Promise<Page> {
  const vendor = `HTTP ${url.host}`;
  let response: Response;
  try {
    response = await ctx.fetch(url, { ...prepared.init, headers: new Headers(prepared.init.headers), signal: ctx.signal });
  } catch (err) {
    throw errorFromFetchFailure(err, { vendor, signal: ctx.signal });
  }
  // 3xx arrive only with redirects off; they are answers, not failures.
  if (response.status >= 400 && !config.neverFail)
    throw await errorFromResponse(response, { vendor, object: `${url.origin}${url.pathname}` });
  return { response, body: await parseResponseBody(response, config.responseFormat, config.method) };
}

function asItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/**
 * Follows the configured pagination until there is no next page or `maxPages` pages were read.
 * Query-placed credentials are re-applied to each next URL (servers often drop them from links).
 */
async function paginate(
  ctx: NodeContext,
  config: HttpRequestConfig,
  prepared: PreparedRequest,
  auth: HttpAuth | undefined,
): Promise<HttpRequestOutput> {
  const p = config.pagination;
  const itemsExpr = p.itemsPath ? compileNodeExpression(p.itemsPath, "pagination.itemsPath") : undefined;
  const cursorExpr = p.cursorPath ? compileNodeExpression(p.cursorPath, "pagination.cursorPath") : undefined;
  const items: unknown[] = [];
  const bodies: unknown[] = [];
  let url = new URL(prepared.url);
  let offset = p.startOffset;
  if (p.mode === "offset") {
    url.searchParams.set(p.offsetParam, String(offset));
    url.searchParams.set(p.limitParam, String(p.pageSize));
  }
  let pages = 0;
  let truncated = false;
  let previousCursor: string | undefined;
  let last: Page;
  for (;;) {
    last = await fetchPage(ctx, config, prepared, url);
    pages += 1;
    const pageItems = itemsExpr ? asItems(await itemsExpr.evaluate(last.body)) : undefined;
    if (pageItems) items.push(...pageItems);
    else bodies.push(last.body);
    if (!last.response.ok) break;

    let next: URL | undefined;
    if (p.mode === "cursor" && cursorExpr) {
      const cursor = cursorValue(await cursorExpr.evaluate(last.body));
      // A server that repeats its cursor would loop until maxPages: stop at the repeat.
      if (cursor !== undefined && cursor !== previousCursor) {
        next = new URL(url);
        next.searchParams.set(p.cursorParam, cursor);
        previousCursor = cursor;
      }
    } else if (p.mode === "link-header") {
      const link = nextLink(last.response.headers.get("link"), new URL(last.response.url || url.href));
      if (link && link.origin !== prepared.url.origin) {
        ctx.log.warn("Pagination stopped: the next link leaves the origin", { next: link.origin });
      } else if (link) {
        next = link;
        for (const [name, value] of Object.entries(auth?.query ?? {})) next.searchParams.set(name, value);
      }
    } else if (p.mode === "offset" && pageItems && pageItems.length >= p.pageSize) {
      offset += p.pageSize;
      next = new URL(url);
      next.searchParams.set(p.offsetParam, String(offset));
    }
    if (!next) break;
    if (pages >= p.maxPages) {
      truncated = true;
      ctx.log.warn("Pagination stopped at the page limit", { maxPages: p.maxPages });
      break;
    }
    url = next;
  }
  return {
    ...summary(last.response, last.body, url),
    pages,
    ...(itemsExpr ? { items } : { bodies }),
    ...(truncated ? { truncated } : {}),
  };
}

function summary(response: Response, body: unknown, url: URL): HttpRequestOutput {
  return {
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    url: response.url || url.href,
    headers: headerRecord(response.headers),
    body,
  };
}

/** Any HTTP request, with credentials, body encodings, response parsing and pagination. */
export const httpRequestNode = defineNode({
  type: "core.http.request",
  version: 1,
  title: "HTTP request",
  description: "Calls any HTTP API: method, query, headers, JSON/form/raw body, credential auth, response parsing and pagination.",
  category: "http",
  icon: "http",
  docsUrl: "/docs/integrations/http",
  config: httpRequestConfig,
  output: httpRequestOutput,
  ports: ["out"],
  // Requests may change the outside world (POST, DELETE…): a dry run captures them instead.
  sideEffect: true,
  defaults: {
    retries: 2,
    retryDelaySeconds: 1,
    backoff: "exponential",
    retryOn: ["rate_limited", "network", "server_error", "timeout"],
    timeoutSeconds: 30,
  },
  async run(ctx, config) {
    let auth: HttpAuth | undefined;
    if (config.authentication === "credential") {
      const credential = await ctx.credential();
      auth = httpAuth(credential.type, credential.data);
    }
    const prepared = prepareRequest(config, auth, ctx.signal);
    if (config.pagination.mode !== "none") return paginate(ctx, config, prepared, auth);
    const page = await fetchPage(ctx, config, prepared, prepared.url);
    return summary(page.response, page.body, prepared.url);
  },
});
