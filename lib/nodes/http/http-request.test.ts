import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NotFoundError, RateLimitedError, ServerError, TimeoutError, ValidationError } from "@/lib/engine/errors";
import type { ResolvedCredential } from "@/lib/engine/node-definition";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { FakeServer, type RecordedRequest } from "@/tests/fakes/fake-server";
import { createTestContext, runNode } from "../test-context";
import { httpRequestConfig } from "./config";
import { httpBearerCredential } from "./credentials";
import { httpRequestNode } from "./http-request";

const ITEMS = Array.from({ length: 25 }, (_, i) => ({ id: i + 1 }));
const echo = (req: RecordedRequest) => ({
  status: 200,
  body: { method: req.method, query: req.query, headers: req.headers, body: req.rawBody },
});

const api = new FakeServer()
  .route("GET", "/echo", echo)
  .route("POST", "/echo", echo)
  .route("PUT", "/echo", echo)
  .route("PATCH", "/echo", echo)
  .route("DELETE", "/echo", echo)
  .route("GET", "/text", () => ({ status: 200, body: "hello" }))
  .route("GET", "/not-json", () => ({ status: 200, headers: { "content-type": "application/json" }, body: "{broken" }))
  .route("GET", "/binary", () => ({ status: 200, headers: { "content-type": "application/octet-stream" }, body: "\u0001\u0002AB" }))
  .route("GET", "/status/:code", (_req, p) => {
    const status = Number(p.code);
    const headers: Record<string, string> = status === 429 ? { "retry-after": "3" } : {};
    return { status, headers, body: { error: `status ${status}` } };
  })
  .route("GET", "/redirect-internal", () => ({ status: 302, headers: { location: "http://169.254.169.254/latest/meta-data/" } }))
  .route("GET", "/moved", () => ({ status: 301, headers: { location: "/text" } }))
  .route("GET", "/slow", async () => {
    await new Promise((r) => setTimeout(r, 2_000));
    return { status: 200, body: {} };
  })
  .route("GET", "/cursor", (req) => {
    const start = req.query.cursor ? Number(req.query.cursor) : 0;
    const data = ITEMS.slice(start, start + 10);
    const next = start + 10 < ITEMS.length ? String(start + 10) : null;
    return { status: 200, body: { data, meta: { next } } };
  })
  .route("GET", "/same-cursor", () => ({ status: 200, body: { data: [1], next: "again" } }))
  .route("GET", "/link", (req) => {
    const page = Number(req.query.page ?? "1");
    const links = [`</link?page=1>; rel="first"`];
    if (page < 3) links.push(page === 1 ? `</link?page=2>; rel="next"` : `<${api.url}/link?page=3>; rel="next"`);
    return { status: 200, headers: { link: links.join(", ") }, body: ITEMS.slice((page - 1) * 10, page * 10) };
  })
  .route("GET", "/link-away", () => ({ status: 200, headers: { link: '<https://elsewhere.example/page2>; rel="next"' }, body: [1] }))
  .route("GET", "/offset", (req) => {
    const offset = Number(req.query.offset);
    const limit = Number(req.query.limit);
    return { status: 200, body: { rows: ITEMS.slice(offset, offset + limit) } };
  });

const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"] });

beforeAll(() => api.start());
afterAll(() => api.stop());
beforeEach(() => api.reset());

function context(credential?: ResolvedCredential) {
  return createTestContext({ fetch: guarded, credential });
}
const call = (config: Record<string, unknown>, ctx = context()) => runNode(httpRequestNode, config, undefined, ctx);
const out = async (config: Record<string, unknown>, ctx = context()) => (await call(config, ctx)).output as Record<string, unknown>;

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

describe("core.http.request: requests", () => {
  it("sends method, query (with arrays) and headers, and returns status, headers and parsed JSON", async () => {
    const result = await out({ url: `${api.url}/echo?fixed=1`, query: { q: "a b", tag: ["x", "y"], n: 3 }, headers: { "X-Trace": "t1" } });
    expect(api.requests[0]!.url).toBe("/echo?fixed=1&q=a+b&tag=x&tag=y&n=3");
    expect(api.requests[0]!.headers["x-trace"]).toBe("t1");
    expect(result).toMatchObject({ status: 200, ok: true, statusText: "OK", url: `${api.url}/echo?fixed=1&q=a+b&tag=x&tag=y&n=3` });
    expect((result.headers as Record<string, string>)["content-type"]).toBe("application/json");
    expect((result.body as { method: string }).method).toBe("GET");
  });

  it("sends a JSON body", async () => {
    await call({ method: "POST", url: `${api.url}/echo`, bodyType: "json", json: { name: "Ada", tags: [1, 2] } });
    const req = api.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.body).toEqual({ name: "Ada", tags: [1, 2] });
  });

  it("sends a form body and a raw body with its content type", async () => {
    await call({ method: "PUT", url: `${api.url}/echo`, bodyType: "form", form: { a: "1", b: ["x", "y"] } });
    expect(api.requests[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded;charset=UTF-8");
    expect(api.requests[0]!.rawBody).toBe("a=1&b=x&b=y");
    await call({ method: "PATCH", url: `${api.url}/echo`, bodyType: "raw", raw: "<x/>", rawContentType: "application/xml" });
    expect(api.requests[1]!.headers["content-type"]).toBe("application/xml");
    expect(api.requests[1]!.rawBody).toBe("<x/>");
    await call({ method: "DELETE", url: `${api.url}/echo` });
    expect(api.requests[2]!.method).toBe("DELETE");
  });

  it("parses text, refuses non-JSON when JSON is required, and encodes binary as base64", async () => {
    expect((await out({ url: `${api.url}/text` })).body).toBe("hello");
    expect((await out({ url: `${api.url}/echo`, responseFormat: "text" })).body).toContain('"method":"GET"');
    expect((await out({ url: `${api.url}/not-json` })).body).toBe("{broken");
    const err = await failure(call({ url: `${api.url}/not-json`, responseFormat: "json" }));
    expect(err.message).toContain("not JSON");
    expect((await out({ url: `${api.url}/binary` })).body).toEqual({
      contentType: "application/octet-stream",
      size: 4,
      base64: "AQJBQg==",
    });
  });

  it("follows redirects, or returns the redirect when told not to", async () => {
    expect((await out({ url: `${api.url}/moved` })).body).toBe("hello");
    const manual = await out({ url: `${api.url}/moved`, followRedirects: false });
    expect(manual.status).toBe(301);
    expect((manual.headers as Record<string, string>).location).toBe("/text");
  });

  it("rejects bad configs with the field path", () => {
    const get = httpRequestConfig.safeParse({ url: "http://x", bodyType: "json" });
    expect(get.error!.issues[0]!.path).toEqual(["bodyType"]);
    const cursor = httpRequestConfig.safeParse({ url: "http://x", pagination: { mode: "cursor" } });
    expect(cursor.error!.issues[0]!.path).toEqual(["pagination", "cursorPath"]);
    const jsonata = httpRequestConfig.safeParse({ url: "http://x", pagination: { mode: "cursor", cursorPath: "meta.(" } });
    expect(jsonata.success).toBe(false);
  });

  it("refuses non-http URLs and credentials inside the URL", async () => {
    expect(((await failure(call({ url: "file:///etc/passwd" }))) as ValidationError).path).toEqual(["url"]);
    expect(await failure(call({ url: "http://user:pw@127.0.0.1/" }))).toBeInstanceOf(ValidationError);
  });
});

describe("core.http.request: credentials", () => {
  const cred = (type: string, data: Record<string, unknown>): ResolvedCredential => ({ id: "c1", type, data, secrets: [] });
  const authed = (credential: ResolvedCredential, config: Record<string, unknown> = {}) =>
    call({ url: `${api.url}/echo`, authentication: "credential", ...config }, context(credential));

  it("bearer, basic, API key in a header or the query, and custom headers", async () => {
    await authed(cred("http.bearer", { token: "tok-1" }));
    expect(api.requests[0]!.headers.authorization).toBe("Bearer tok-1");
    await authed(cred("http.basic", { username: "ada", password: "pässword" }));
    expect(api.requests[1]!.headers.authorization).toBe(`Basic ${Buffer.from("ada:pässword").toString("base64")}`);
    await authed(cred("http.api-key", { placement: "header", name: "X-API-Key", value: "k-1" }));
    expect(api.requests[2]!.headers["x-api-key"]).toBe("k-1");
    await authed(cred("http.api-key", { placement: "query", name: "api_key", value: "k-2" }));
    expect(api.requests[3]!.query).toEqual({ api_key: "k-2" });
    await authed(cred("http.custom-header", { headers: { "X-One": "1", "X-Two": "2" } }));
    expect(api.requests[4]!.headers).toMatchObject({ "x-one": "1", "x-two": "2" });
  });

  it("the credential's header wins over a same-named config header", async () => {
    await authed(cred("http.bearer", { token: "real" }), { headers: { Authorization: "Bearer fake" } });
    expect(api.requests[0]!.headers.authorization).toBe("Bearer real");
  });

  it("refuses to send a credential to a host outside its list", async () => {
    const err = await failure(authed(cred("http.bearer", { token: "t", allowedHosts: "api.example.com, *.example.org" })));
    expect(err).toBeInstanceOf(ValidationError);
    expect(api.requests).toHaveLength(0);
    await authed(cred("http.bearer", { token: "t", allowedHosts: "127.0.0.1" }));
    expect(api.requests).toHaveLength(1);
  });

  it("refuses credentials of other types", async () => {
    const err = await failure(authed(cred("slack.bot-token", { token: "xoxb-1" })));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toContain("http.bearer");
  });

  it("tests a credential against its test URL", async () => {
    const io = { fetch: guarded, signal: new AbortController().signal };
    expect((await httpBearerCredential.test!({ token: "t", testUrl: `${api.url}/echo` }, io)).ok).toBe(true);
    await expect(httpBearerCredential.test!({ token: "t", testUrl: `${api.url}/status/401` }, io)).rejects.toBeInstanceOf(AuthError);
    expect((await httpBearerCredential.test!({ token: "t" }, io)).message).toContain("No test URL");
  });
});

describe("core.http.request: errors", () => {
  it.each([
    [401, AuthError],
    [403, AuthError],
    [404, NotFoundError],
    [500, ServerError],
    [503, ServerError],
  ])("%i → %o", async (status, type) => {
    expect(await failure(call({ url: `${api.url}/status/${status}` }))).toBeInstanceOf(type);
  });

  it("429 → RateLimitedError with Retry-After, then success", async () => {
    api.failNext(1, { status: 429, headers: { "retry-after": "3" }, body: { error: "slow down" } });
    const err = await failure(call({ url: `${api.url}/text` }));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(3000);
    expect((await out({ url: `${api.url}/text` })).body).toBe("hello");
  });

  it("returns error answers as output when told never to fail on status", async () => {
    const result = await out({ url: `${api.url}/status/500`, neverFail: true });
    expect(result).toMatchObject({ status: 500, ok: false, body: { error: "status 500" } });
  });

  it("aborts with the step's signal (timeout)", async () => {
    const ctx = context();
    setTimeout(() => ctx.controller.abort(new TimeoutError("step timed out after 0.1 s")), 100);
    const err = await failure(call({ url: `${api.url}/slow` }, ctx));
    expect(err).toBeInstanceOf(TimeoutError);
  });

  it("goes through the SSRF guard: internal targets and redirects to them are refused", async () => {
    const strict = createTestContext({ fetch: createGuardedFetch() });
    expect((await failure(call({ url: `${api.url}/text` }, strict))).name).toBe("BlockedAddressError");
    expect((await failure(call({ url: "http://[::ffff:169.254.169.254]/" }, strict))).name).toBe("BlockedAddressError");
    expect((await failure(call({ url: `${api.url}/redirect-internal` }))).name).toBe("BlockedAddressError");
  });
});

describe("core.http.request: pagination", () => {
  it("follows a cursor from the body into a query parameter and collects items", async () => {
    const result = await out({
      url: `${api.url}/cursor`,
      pagination: { mode: "cursor", cursorPath: "meta.next", cursorParam: "cursor", itemsPath: "data" },
    });
    expect(api.requests.map((r) => r.query.cursor ?? "")).toEqual(["", "10", "20"]);
    expect(result.pages).toBe(3);
    expect(result.items).toEqual(ITEMS);
    expect(result.truncated).toBeUndefined();
  });

  it("follows Link rel=next (relative and absolute) and keeps page bodies without an items path", async () => {
    const result = await out({ url: `${api.url}/link`, pagination: { mode: "link-header" } });
    expect(api.requests.map((r) => r.url)).toEqual(["/link", "/link?page=2", "/link?page=3"]);
    expect((result.bodies as unknown[][]).flat()).toEqual(ITEMS);
  });

  it("does not follow a next link to another origin", async () => {
    const result = await out({ url: `${api.url}/link-away`, pagination: { mode: "link-header" } });
    expect(result.pages).toBe(1);
    expect(api.requests).toHaveLength(1);
  });

  it("pages by offset and limit until a short page", async () => {
    const result = await out({ url: `${api.url}/offset`, pagination: { mode: "offset", itemsPath: "rows", pageSize: 10 } });
    expect(api.requests.map((r) => `${r.query.offset}/${r.query.limit}`)).toEqual(["0/10", "10/10", "20/10"]);
    expect(result.items).toEqual(ITEMS);
  });

  it("stops at maxPages and says the result is truncated", async () => {
    const result = await out({ url: `${api.url}/offset`, pagination: { mode: "offset", itemsPath: "rows", pageSize: 5, maxPages: 2 } });
    expect(api.requests).toHaveLength(2);
    expect(result).toMatchObject({ pages: 2, truncated: true });
    expect(result.items).toEqual(ITEMS.slice(0, 10));
  });

  it("stops when a server repeats its cursor", async () => {
    const result = await out({
      url: `${api.url}/same-cursor`,
      pagination: { mode: "cursor", cursorPath: "next", itemsPath: "data", maxPages: 50 },
    });
    expect(api.requests).toHaveLength(2);
    expect(result.items).toEqual([1, 1]);
  });

  it("re-applies a query-placed API key to every page", async () => {
    const credential: ResolvedCredential = {
      id: "k",
      type: "http.api-key",
      data: { placement: "query", name: "key", value: "k9" },
      secrets: ["k9"],
    };
    await call({ url: `${api.url}/link`, authentication: "credential", pagination: { mode: "link-header" } }, context(credential));
    expect(api.requests.map((r) => r.query.key)).toEqual(["k9", "k9", "k9"]);
  });
});
