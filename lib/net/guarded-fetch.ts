import { lookup } from "node:dns/promises";
import { createAddressPolicy, type AddressPolicy, type AddressPolicyOptions } from "./address-policy";
import { BlockedAddressError } from "./blocked-error";
import { parseIp } from "./ip";
import { sendPinned } from "./pinned-request";

/**
 * A `fetch` that refuses to reach private, loopback, link-local, metadata and other internal
 * addresses (SPEC §7). It resolves names itself, checks every address of the answer (one
 * private record among public ones is enough to refuse), connects to the checked address
 * only (so a second, rebound answer cannot be used), and follows redirects by hand so that
 * every hop is checked the same way. The engine receives it as `fetch` on the server.
 */

export type Resolver = (hostname: string) => Promise<readonly string[]>;

export interface GuardedFetchOptions extends AddressPolicyOptions {
  /** Resolves a hostname to every address; defaults to the system resolver (hosts file, DNS). */
  resolve?: Resolver;
  /** Redirects followed before giving up; fetch's own limit is 20, ours is deliberately small. */
  maxRedirects?: number;
  /** Sent when the caller sets no User-Agent. */
  userAgent?: string;
  /** Extra trusted CA certificates (PEM) for internal services; the system store stays trusted. */
  ca?: string | readonly string[];
}

export const DEFAULT_MAX_REDIRECTS = 5;

const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers fetch drops when a redirect leaves the origin, so a credential never follows it elsewhere. */
const CROSS_ORIGIN_DROPPED = ["authorization", "cookie", "proxy-authorization"];
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];

interface Target {
  address: string;
  family: 4 | 6;
}

async function admit(url: URL, policy: AddressPolicy, resolve: Resolver): Promise<Target> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new BlockedAddressError(url.href.slice(0, 200), `the ${url.protocol} scheme is not allowed (only http and https)`);
  }
  const host = url.hostname;
  const hostVerdict = policy.checkHost(host);
  if (!hostVerdict.allowed) throw new BlockedAddressError(host, hostVerdict.reason);
  const literal = parseIp(host);
  if (literal) return { address: host.replace(/^\[|\]$/g, ""), family: literal.family };

  let addresses: readonly string[];
  try {
    addresses = await resolve(host);
  } catch (err) {
    throw new TypeError("fetch failed", { cause: err });
  }
  if (addresses.length === 0) throw new TypeError("fetch failed", { cause: new Error(`getaddrinfo ENOTFOUND ${host}`) });
  for (const address of addresses) {
    const verdict = policy.checkAddress(host, address);
    if (!verdict.allowed) throw new BlockedAddressError(host, verdict.reason, address);
  }
  const first = addresses[0]!;
  const parsed = parseIp(first);
  if (!parsed) throw new BlockedAddressError(host, `an unparseable address "${first}"`, first);
  return { address: first, family: parsed.family };
}

function withUrl(response: Response, url: URL, redirected: boolean): Response {
  // Constructed Responses have an empty url; callers (pagination, logs) expect the final one.
  Object.defineProperty(response, "url", { value: url.href });
  Object.defineProperty(response, "redirected", { value: redirected });
  return response;
}

export function createGuardedFetch(options: GuardedFetchOptions = {}): typeof fetch {
  const policy = createAddressPolicy(options);
  const resolve = options.resolve ?? systemResolver;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const userAgent = options.userAgent ?? "Switchyard";

  const guarded = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // Let the platform normalise the request exactly as fetch would (URL parsing turns `127.1`,
    // `0x7f.0.0.1` and `2130706433` into `127.0.0.1`; bodies become bytes with their content type).
    const request = new Request(input, init);
    let url = new URL(request.url);
    let method = request.method;
    const headers = new Headers(request.headers);
    if (!headers.has("user-agent")) headers.set("user-agent", userAgent);
    if (!headers.has("accept")) headers.set("accept", "*/*");
    let body: Uint8Array | undefined = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const signal = request.signal;

    for (let hop = 0; ; hop++) {
      const target = await admit(url, policy, resolve);
      const response = await sendPinned({ url, ...target, method, headers, body, signal, ca: options.ca });
      if (!REDIRECT_STATUSES.has(response.status) || request.redirect === "manual") return withUrl(response, url, hop > 0);
      const location = response.headers.get("location");
      if (location === null) return withUrl(response, url, hop > 0);
      await response.body?.cancel();
      if (request.redirect === "error") throw new TypeError("fetch failed", { cause: new Error(`unexpected redirect to ${location}`) });
      if (hop >= maxRedirects) {
        throw new TypeError("fetch failed", { cause: new Error(`more than ${maxRedirects} redirects (last to ${location})`) });
      }
      const next = new URL(location, url);
      // Fetch spec §4.4: 303 turns anything but GET/HEAD into GET; 301/302 turn POST into GET.
      if (
        (response.status === 303 && method !== "GET" && method !== "HEAD") ||
        ((response.status === 301 || response.status === 302) && method === "POST")
      ) {
        method = "GET";
        body = undefined;
        for (const name of BODY_HEADERS) headers.delete(name);
      }
      if (next.origin !== url.origin) for (const name of CROSS_ORIGIN_DROPPED) headers.delete(name);
      url = next;
    }
  };
  return guarded;
}
