import { gzipSync } from "node:zlib";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeServer } from "@/tests/fakes/fake-server";
import { BlockedAddressError } from "./blocked-error";
import { createGuardedFetch, type Resolver } from "./guarded-fetch";

const fake = new FakeServer()
  .route("GET", "/ok", () => ({ status: 200, body: { ok: true } }))
  .route("POST", "/echo", (req) => ({ status: 201, headers: { "x-seen": req.headers["content-type"] ?? "" }, body: { got: req.body } }))
  .route("GET", "/redirect", (req) => ({ status: 302, headers: { location: req.query.to ?? "/ok" } }))
  .route("POST", "/see-other", () => ({ status: 303, headers: { location: "/ok" } }))
  .route("POST", "/temporary", () => ({ status: 307, headers: { location: "/echo" } }))
  .route("GET", "/loop", () => ({ status: 302, headers: { location: "/loop" } }));

let port: number;
beforeAll(async () => {
  await fake.start();
  port = Number(new URL(fake.url).port);
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

/** A DNS stub: the names tests use, and a count of lookups per name. */
function stubResolver(table: Record<string, readonly string[] | (() => readonly string[])>): Resolver & { calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const resolve = (hostname: string): Promise<readonly string[]> => {
    calls.set(hostname, (calls.get(hostname) ?? 0) + 1);
    const entry = table[hostname];
    if (entry === undefined) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }));
    return Promise.resolve(typeof entry === "function" ? entry() : entry);
  };
  return Object.assign(resolve, { calls });
}

const resolver = stubResolver({
  "public.test": ["127.0.0.1"], // admitted by name in the tests that list it
  "internal.test": ["10.0.0.5"],
  "loopback.test": ["127.0.0.1"],
  "mixed.test": ["93.184.216.34", "127.0.0.1"],
  "v6loop.test": ["::1"],
  "mapped.test": ["::ffff:169.254.169.254"],
  "metadata6.test": ["fd00:ec2::254"],
  "empty.test": [],
});

async function refusal(promise: Promise<unknown>): Promise<BlockedAddressError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BlockedAddressError);
  return err as BlockedAddressError;
}

describe("guarded fetch: literal addresses in every notation", () => {
  const guarded = createGuardedFetch({ resolve: resolver });
  const cases: [string, string][] = [
    ["http://127.0.0.1:PORT/ok", "loopback"],
    ["http://127.1:PORT/ok", "loopback"],
    ["http://0x7f.0.0.1:PORT/ok", "loopback"],
    ["http://0x7f000001:PORT/ok", "loopback"],
    ["http://017700000001:PORT/ok", "loopback"],
    ["http://0177.0.0.01:PORT/ok", "loopback"],
    ["http://2130706433:PORT/ok", "loopback"],
    ["http://[::1]:PORT/ok", "loopback"],
    ["http://[0:0:0:0:0:0:0:1]:PORT/ok", "loopback"],
    ["http://[::ffff:127.0.0.1]:PORT/ok", "IPv4-mapped"],
    ["http://[::ffff:7f00:1]:PORT/ok", "IPv4-mapped"],
    ["http://[::ffff:8.8.8.8]/", "IPv4-mapped"],
    ["http://[::127.0.0.1]/", "IPv4-mapped"],
    ["http://[64:ff9b::7f00:1]/", "loopback"],
    ["http://[2002:7f00:1::]/", "loopback"],
    ["http://[::]/", "unspecified"],
    ["http://0.0.0.0:PORT/ok", "unspecified"],
    ["http://0:PORT/ok", "unspecified"],
    ["http://169.254.169.254/latest/meta-data/", "metadata"],
    ["http://0xa9fea9fe/latest/meta-data/", "metadata"],
    ["http://[::ffff:169.254.169.254]/", "IPv4-mapped"],
    ["http://[fd00:ec2::254]/", "metadata"],
    ["http://100.100.100.200/", "metadata"],
    ["http://169.254.1.1/", "link-local"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[fc00::1]/", "unique-local"],
    ["http://[fd12:3456::1]/", "unique-local"],
    ["http://10.0.0.1/", "private"],
    ["http://172.16.0.1/", "private"],
    ["http://192.168.1.1/", "private"],
    ["http://100.64.0.1/", "carrier-grade NAT"],
    ["http://224.0.0.1/", "multicast"],
    ["http://[ff02::1]/", "multicast"],
    ["http://255.255.255.255/", "broadcast"],
    ["http://240.0.0.1/", "reserved"],
    ["http://198.18.0.1/", "reserved"],
  ];
  it.each(cases)("refuses %s (%s)", async (template, reason) => {
    const err = await refusal(guarded(template.replace("PORT", String(port))));
    expect(err.message).toContain(reason);
    expect(err.retryable).toBe(false);
  });

  it("never reached the server for any of them", () => {
    expect(fake.requests).toHaveLength(0);
  });
});

describe("guarded fetch: names that resolve to internal addresses", () => {
  const guarded = createGuardedFetch({ resolve: resolver });

  it.each([
    ["internal.test", "private"],
    ["loopback.test", "loopback"],
    ["v6loop.test", "loopback"],
    ["mapped.test", "IPv4-mapped"],
    ["metadata6.test", "metadata"],
  ])("refuses %s after resolving it (%s)", async (host, reason) => {
    const err = await refusal(guarded(`http://${host}:${port}/ok`));
    expect(err.message).toContain(reason);
    expect(err.host).toBe(host);
  });

  it("refuses a name when any one of its addresses is internal", async () => {
    const err = await refusal(guarded(`http://mixed.test:${port}/ok`));
    expect(err.address).toBe("127.0.0.1");
  });

  it("refuses localhost through the system resolver", async () => {
    const plain = createGuardedFetch();
    const err = await refusal(plain(`http://localhost:${port}/ok`));
    expect(err.message).toContain("loopback");
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses metadata hostnames without looking them up", async () => {
    const counting = stubResolver({});
    const err = await refusal(createGuardedFetch({ resolve: counting })("http://metadata.google.internal/computeMetadata/v1/"));
    expect(err.message).toContain("metadata");
    expect(counting.calls.size).toBe(0);
  });

  it("refuses schemes other than http and https", async () => {
    await refusal(guarded("file:///etc/passwd"));
    await refusal(guarded("ftp://example.test/file"));
  });

  it("reports unknown names and empty answers as network failures, like fetch", async () => {
    await expect(guarded("http://nowhere.test/")).rejects.toThrow(TypeError);
    await expect(guarded("http://empty.test/")).rejects.toThrow(TypeError);
  });
});

describe("guarded fetch: allow-list", () => {
  it("admits an address or CIDR named in the allow-list", async () => {
    for (const entry of ["127.0.0.1", "127.0.0.0/8"]) {
      const res = await createGuardedFetch({ allowHosts: [entry], resolve: resolver })(`http://127.0.0.1:${port}/ok`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
    }
    const viaName = await createGuardedFetch({ allowHosts: ["127.0.0.1/32"], resolve: resolver })(`http://loopback.test:${port}/ok`);
    expect(viaName.status).toBe(200);
    expect(fake.requests.at(-1)!.headers.host).toBe(`loopback.test:${port}`);
  });

  it("admits a hostname (and wildcard subdomains) whatever it resolves to", async () => {
    const byName = createGuardedFetch({ allowHosts: ["public.test"], resolve: resolver });
    expect((await byName(`http://public.test:${port}/ok`)).status).toBe(200);
    const wildcard = createGuardedFetch({
      allowHosts: ["*.corp.test"],
      resolve: stubResolver({ "api.corp.test": ["127.0.0.1"], "corp.test": ["127.0.0.1"] }),
    });
    expect((await wildcard(`http://api.corp.test:${port}/ok`)).status).toBe(200);
    await refusal(wildcard(`http://corp.test:${port}/ok`));
  });

  it("does not let an allowed address admit other internal ones", async () => {
    const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"], resolve: resolver });
    await refusal(guarded("http://127.0.0.2/ok"));
    await refusal(guarded("http://10.0.0.1/ok"));
  });

  it("allowPrivate admits the operator's networks but never metadata, multicast or mapped forms", async () => {
    const guarded = createGuardedFetch({ allowPrivate: true, resolve: resolver });
    expect((await guarded(`http://127.0.0.1:${port}/ok`)).status).toBe(200);
    expect((await guarded(`http://loopback.test:${port}/ok`)).status).toBe(200);
    await refusal(guarded("http://169.254.169.254/latest/meta-data/"));
    await refusal(guarded("http://[fd00:ec2::254]/"));
    await refusal(guarded("http://224.0.0.1/"));
    await refusal(guarded("http://0.0.0.0/"));
    await refusal(guarded(`http://[::ffff:127.0.0.1]:${port}/ok`));
  });

  it("rejects an invalid allow-list entry at creation", () => {
    expect(() => createGuardedFetch({ allowHosts: ["not a host!"] })).toThrow(/allow-list entry/);
  });
});

describe("guarded fetch: redirects", () => {
  const guarded = createGuardedFetch({ allowHosts: ["public.test"], resolve: resolver });

  it("checks every hop: a redirect to an internal address is refused", async () => {
    for (const to of [
      `http://127.0.0.1:${port}/ok`,
      `http://internal.test:${port}/ok`,
      "http://169.254.169.254/latest/meta-data/",
      `http://[::1]:${port}/ok`,
    ]) {
      fake.reset();
      const err = await refusal(guarded(`http://public.test:${port}/redirect?to=${encodeURIComponent(to)}`));
      expect(err.message).toMatch(/loopback|private|metadata/);
      expect(fake.requests.map((r) => r.path)).toEqual(["/redirect"]);
    }
  });

  it("follows admitted redirects and reports the final URL", async () => {
    const res = await guarded(`http://public.test:${port}/redirect?to=/ok`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`http://public.test:${port}/ok`);
    expect(res.redirected).toBe(true);
  });

  it("turns POST into GET on 303 and keeps method and body on 307", async () => {
    const seeOther = await guarded(`http://public.test:${port}/see-other`, { method: "POST", body: "x" });
    expect(seeOther.status).toBe(200);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /see-other", "GET /ok"]);
    fake.reset();
    const temporary = await guarded(`http://public.test:${port}/temporary`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ a: 1 }),
    });
    expect(temporary.status).toBe(201);
    expect(await temporary.json()).toEqual({ got: { a: 1 } });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /temporary", "POST /echo"]);
  });

  it("drops the Authorization header when a redirect leaves the origin", async () => {
    const both = createGuardedFetch({ allowHosts: ["public.test", "loopback.test"], resolve: resolver });
    await both(`http://public.test:${port}/redirect?to=${encodeURIComponent(`http://loopback.test:${port}/ok`)}`, {
      headers: { authorization: "Bearer secret-token" },
    });
    expect(fake.requests[0]!.headers.authorization).toBe("Bearer secret-token");
    expect(fake.requests[1]!.headers.authorization).toBeUndefined();
  });

  it("gives up after five redirects", async () => {
    await expect(guarded(`http://public.test:${port}/loop`)).rejects.toThrow(TypeError);
    expect(fake.requests).toHaveLength(6);
  });

  it("returns the redirect itself with redirect: manual, and fails with redirect: error", async () => {
    const manual = await guarded(`http://public.test:${port}/redirect?to=/ok`, { redirect: "manual" });
    expect(manual.status).toBe(302);
    expect(manual.headers.get("location")).toBe("/ok");
    await expect(guarded(`http://public.test:${port}/redirect?to=/ok`, { redirect: "error" })).rejects.toThrow(TypeError);
  });
});

describe("guarded fetch: pinning and transport", () => {
  it("resolves once and connects to the checked address, so a rebinding answer is never used", async () => {
    let answers = 0;
    const rebinding = stubResolver({ "rebind.test": () => (answers++ === 0 ? ["127.0.0.1"] : ["169.254.169.254"]) });
    const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1/32"], resolve: rebinding });
    const res = await guarded(`http://rebind.test:${port}/ok`);
    expect(res.status).toBe(200);
    expect(rebinding.calls.get("rebind.test")).toBe(1);
    expect(fake.requests).toHaveLength(1);
    // The next request resolves again and gets the rebound, internal answer: refused.
    await refusal(guarded(`http://rebind.test:${port}/ok`));
  });

  it("sends method, headers and body and returns status, headers and body like fetch", async () => {
    const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"] });
    const res = await guarded(`http://127.0.0.1:${port}/echo?x=1`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-custom": "yes" },
      body: JSON.stringify({ hello: "world" }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-seen")).toBe("application/json");
    expect(await res.json()).toEqual({ got: { hello: "world" } });
    const seen = fake.requests[0]!;
    expect(seen.url).toBe("/echo?x=1");
    expect(seen.headers["x-custom"]).toBe("yes");
    expect(seen.headers["user-agent"]).toBe("Switchyard");
    expect(seen.headers["content-length"]).toBe(String(JSON.stringify({ hello: "world" }).length));
  });

  it("encodes URLSearchParams bodies as a form", async () => {
    const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"] });
    await guarded(`http://127.0.0.1:${port}/echo`, { method: "POST", body: new URLSearchParams({ a: "1", b: "two words" }) });
    expect(fake.requests[0]!.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(fake.requests[0]!.rawBody).toBe("a=1&b=two+words");
  });

  it("decompresses gzip bodies", async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip", "content-type": "text/plain" });
      res.end(gzipSync("compressed hello"));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port: p } = server.address() as AddressInfo;
      const res = await createGuardedFetch({ allowHosts: ["127.0.0.1"] })(`http://127.0.0.1:${p}/`);
      expect(await res.text()).toBe("compressed hello");
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("aborts with the signal's reason", async () => {
    fake.delay(5_000);
    const controller = new AbortController();
    const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"] });
    const pending = guarded(`http://127.0.0.1:${port}/ok`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("step timed out")), 50);
    await expect(pending).rejects.toThrow("step timed out");
  });

  it("reports a refused connection as a fetch failure", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const { port: p } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await createGuardedFetch({ allowHosts: ["127.0.0.1"] })(`http://127.0.0.1:${p}/`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(String((err as TypeError).cause)).toContain("ECONNREFUSED");
  });
});
