import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { rootCertificates } from "node:tls";
import { isIP, type LookupFunction } from "node:net";
import { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

/**
 * One HTTP exchange over a connection to an address chosen in advance. The socket's DNS
 * lookup is replaced by one that answers the pinned address, so nothing between the check
 * and the connect can resolve the name again (DNS rebinding). The URL's hostname still goes
 * out as the Host header and the TLS server name, so virtual hosts and certificates work.
 */

export interface PinnedRequest {
  url: URL;
  address: string;
  family: 4 | 6;
  method: string;
  headers: Headers;
  body: Uint8Array | undefined;
  signal: AbortSignal;
  /** Extra trusted CAs (PEM), added to Node's bundled roots. */
  ca?: string | readonly string[];
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as (err: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function decode(res: IncomingMessage): Readable {
  const encoding = (res.headers["content-encoding"] ?? "").trim().toLowerCase();
  if (encoding === "gzip" || encoding === "x-gzip") return res.pipe(createGunzip());
  if (encoding === "deflate") return res.pipe(createInflate());
  if (encoding === "br") return res.pipe(createBrotliDecompress());
  return res;
}

function toResponse(res: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  const status = res.statusCode ?? 502;
  const empty = method === "HEAD" || NULL_BODY_STATUSES.has(status);
  if (empty) res.resume();
  const body = empty ? null : (Readable.toWeb(decode(res)) as ReadableStream<Uint8Array>);
  return new Response(body, { status, statusText: res.statusMessage ?? "", headers });
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException("This operation was aborted", "AbortError");
}

/** Sends the request; rejects like fetch (a TypeError "fetch failed" with the cause, or the abort reason). */
export function sendPinned(req: PinnedRequest): Promise<Response> {
  if (req.signal.aborted) return Promise.reject(abortError(req.signal));
  const https = req.url.protocol === "https:";
  const send = https ? httpsRequest : httpRequest;
  const hostname = req.url.hostname.startsWith("[") ? req.url.hostname.slice(1, -1) : req.url.hostname;
  const headers: Record<string, string> = {};
  req.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers.host = req.url.host;
  if (req.body !== undefined) headers["content-length"] = String(req.body.byteLength);

  return new Promise<Response>((resolve, reject) => {
    const onAbort = (): void => {
      request.destroy();
      reject(abortError(req.signal));
    };
    const request = send({
      hostname,
      port: req.url.port === "" ? undefined : Number(req.url.port),
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method,
      headers,
      lookup: pinnedLookup(req.address, req.family),
      // A fresh connection per request: a pooled socket could belong to another pinned address.
      agent: false,
      // Setting `ca` replaces the default roots; keep them and add the operator's own.
      ...(https && req.ca !== undefined ? { ca: [...rootCertificates, ...(typeof req.ca === "string" ? [req.ca] : req.ca)] } : {}),
      // SNI carries names only, never literal addresses.
      ...(https && isIP(hostname) === 0 ? { servername: hostname } : {}),
    });
    req.signal.addEventListener("abort", onAbort, { once: true });
    request.on("response", (res) => {
      req.signal.removeEventListener("abort", onAbort);
      // The body stream keeps honouring the signal after the headers arrived.
      const onBodyAbort = (): void => {
        res.destroy(abortError(req.signal));
      };
      req.signal.addEventListener("abort", onBodyAbort, { once: true });
      res.once("close", () => req.signal.removeEventListener("abort", onBodyAbort));
      try {
        resolve(toResponse(res, req.method));
      } catch (err) {
        reject(new TypeError("fetch failed", { cause: err }));
      }
    });
    request.on("error", (err) => {
      req.signal.removeEventListener("abort", onAbort);
      if (req.signal.aborted) reject(abortError(req.signal));
      else reject(new TypeError("fetch failed", { cause: err }));
    });
    request.end(req.body === undefined ? undefined : Buffer.from(req.body));
  });
}
