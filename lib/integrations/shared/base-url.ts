import { z } from "zod";

/**
 * The optional advanced `baseUrl` of a vendor credential: empty means the vendor's own API;
 * set it to reach a sandbox or a local fake. Requests still go through the step's fetch, so
 * the network guard decides whether a private address is allowed.
 */
export function baseUrlField(vendorUrl: string) {
  return z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .optional()
    .meta({
      title: "Base URL (advanced)",
      description: `Only for sandboxes and local testing. Leave empty for ${vendorUrl}.`,
    });
}

/** Joins a base URL (with or without a trailing slash or path) and an absolute API path. */
export function apiUrl(base: string, path: string, query?: Record<string, string | undefined>): string {
  const url = new URL(base.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.toString();
}
