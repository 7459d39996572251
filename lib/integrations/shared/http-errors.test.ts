import { describe, expect, it } from "vitest";
import {
  AuthError,
  CancelledError,
  NetworkError,
  NonRetryableError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "@/lib/engine/errors";
import { errorForStatus, errorFromFetchFailure, errorFromResponse, readVendorError } from "./http-errors";

describe("errorForStatus", () => {
  it("maps 401 and 403 to AuthError, never retried", () => {
    const e401 = errorForStatus(401, { vendor: "Notion", vendorCode: "unauthorized", vendorMessage: "API token is invalid." });
    expect(e401).toBeInstanceOf(AuthError);
    expect(e401.retryable).toBe(false);
    expect(e401.message).toContain("Notion");
    expect(e401.message).toContain("API token is invalid.");
    expect(e401.details).toMatchObject({ status: 401, vendorCode: "unauthorized" });
    expect(errorForStatus(403, { vendor: "Loops" })).toBeInstanceOf(AuthError);
  });

  it("maps 404 to NotFoundError naming the object", () => {
    const err = errorForStatus(404, { vendor: "Notion", object: 'page "abc"' });
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toContain('page "abc"');
    expect(err.details).toMatchObject({ object: 'page "abc"' });
  });

  it("maps 429 to RateLimitedError carrying the wait", () => {
    const err = errorForStatus(429, { vendor: "Loops", retryAfterMs: 1000 });
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(1000);
    expect(err.retryable).toBe(true);
  });

  it("maps 5xx to retryable ServerError, and an overloaded server with a wait to RateLimitedError", () => {
    const err = errorForStatus(502, { vendor: "Slack" });
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).status).toBe(502);
    expect(err.retryable).toBe(true);
    expect(errorForStatus(503, { vendor: "Notion" })).toBeInstanceOf(ServerError);
    const overloaded = errorForStatus(529, { vendor: "Notion", retryAfterMs: 2000 });
    expect(overloaded).toBeInstanceOf(RateLimitedError);
    expect((overloaded as RateLimitedError).retryAfterMs).toBe(2000);
  });

  it("maps bad requests to ValidationError and other 4xx to NonRetryableError", () => {
    expect(errorForStatus(400, { vendor: "Notion" })).toBeInstanceOf(ValidationError);
    expect(errorForStatus(422, { vendor: "Notion" })).toBeInstanceOf(ValidationError);
    expect(errorForStatus(409, { vendor: "Loops" })).toBeInstanceOf(NonRetryableError);
    expect(errorForStatus(408, { vendor: "X" }).retryable).toBe(true);
  });

  it("truncates long vendor messages", () => {
    const err = errorForStatus(400, { vendor: "X", vendorMessage: "a".repeat(5000) });
    expect(err.message.length).toBeLessThan(700);
  });
});

describe("readVendorError", () => {
  it("reads the common envelopes", () => {
    expect(readVendorError({ object: "error", status: 404, code: "object_not_found", message: "Could not find page" })).toEqual({
      code: "object_not_found",
      message: "Could not find page",
    });
    expect(readVendorError({ success: false, message: "Invalid email" })).toEqual({ message: "Invalid email" });
    expect(readVendorError({ error: "Invalid API key" })).toEqual({ message: "Invalid API key" });
    expect(readVendorError({ ok: false, error: "invalid_auth" })).toEqual({ message: "invalid_auth" });
    expect(readVendorError({ success: false, type: "nestedError", error: { path: "x", message: "bad x" } })).toEqual({ message: "bad x" });
    expect(readVendorError({ errors: [{ message: "from is required" }] })).toEqual({ message: "from is required" });
    expect(readVendorError({ code: 50035, message: "Invalid Form Body" })).toEqual({ code: "50035", message: "Invalid Form Body" });
    expect(readVendorError("plain text")).toEqual({ message: "plain text" });
    expect(readVendorError(undefined)).toEqual({});
  });
});

describe("errorFromResponse", () => {
  it("reads the body and the Retry-After header of a 429", async () => {
    const res = new Response(JSON.stringify({ object: "error", status: 429, code: "rate_limited", message: "slow down" }), {
      status: 429,
      headers: { "retry-after": "2" },
    });
    const err = await errorFromResponse(res, { vendor: "Notion" });
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(2000);
    expect(err.message).toContain("rate_limited");
  });

  it("uses the fallback wait when a 429 has no header, but not for other statuses", async () => {
    const limited = await errorFromResponse(new Response("{}", { status: 429 }), { vendor: "Loops", fallbackRetryAfterMs: 1000 });
    expect((limited as RateLimitedError).retryAfterMs).toBe(1000);
    const down = await errorFromResponse(new Response("{}", { status: 500, headers: { "retry-after": "3" } }), { vendor: "Loops" });
    expect(down).toBeInstanceOf(ServerError);
  });

  it("accepts a vendor-specific body reader", async () => {
    const res = new Response(JSON.stringify({ weird: "shape" }), { status: 404 });
    const err = await errorFromResponse(res, { vendor: "X", object: "thing", parseError: () => ({ message: "custom" }) });
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toContain("custom");
  });
});

describe("errorFromFetchFailure", () => {
  it("wraps connection failures as retryable NetworkError with the cause's reason", () => {
    const err = errorFromFetchFailure(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") }), {
      vendor: "Notion",
    });
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain("ECONNREFUSED");
  });

  it("passes typed errors through and surfaces the abort reason", () => {
    const typed = new ValidationError("blocked address");
    expect(errorFromFetchFailure(typed, { vendor: "X" })).toBe(typed);
    const controller = new AbortController();
    const timeout = new TimeoutError("step timed out");
    controller.abort(timeout);
    expect(errorFromFetchFailure(new DOMException("aborted", "AbortError"), { vendor: "X", signal: controller.signal })).toBe(timeout);
    expect(errorFromFetchFailure(new DOMException("aborted", "AbortError"), { vendor: "X" })).toBeInstanceOf(CancelledError);
  });
});
