import { ValidationError } from "@/lib/engine/errors";
import type { HttpRequestConfig } from "./config";
import { hostAllowed, type HttpAuth } from "./credentials";

/** Builds the first request of the node from its config and (optional) credential. */

export interface PreparedRequest {
  url: URL;
  init: RequestInit & { headers: Headers };
}

type QueryValue = string | number | boolean | (string | number | boolean)[];

export function appendQuery(url: URL, query: Readonly<Record<string, QueryValue>>): void {
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
}

export function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError(`"${text.slice(0, 200)}" is not a URL`, { path: ["url"] });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ValidationError(`Only http and https URLs are allowed, not ${url.protocol}`, { path: ["url"] });
  if (url.username || url.password) throw new ValidationError("Put credentials in a credential, not in the URL", { path: ["url"] });
  return url;
}

function body(config: HttpRequestConfig, headers: Headers): BodyInit | undefined {
  switch (config.bodyType) {
    case "none":
      return undefined;
    case "json": {
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
      if (typeof config.json === "string") {
        try {
          JSON.parse(config.json);
        } catch {
          throw new ValidationError("The JSON body is not valid JSON", { path: ["json"] });
        }
        return config.json;
      }
      return JSON.stringify(config.json ?? null);
    }
    case "form": {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(config.form)) {
        for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
      }
      if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
      return form.toString();
    }
    case "raw":
      if (!headers.has("content-type")) headers.set("content-type", config.rawContentType);
      return config.raw;
  }
}

export function prepareRequest(config: HttpRequestConfig, auth: HttpAuth | undefined, signal: AbortSignal): PreparedRequest {
  const url = parseUrl(config.url);
  appendQuery(url, config.query);
  const headers = new Headers();
  for (const [name, value] of Object.entries(config.headers)) {
    try {
      headers.set(name, value);
    } catch {
      throw new ValidationError(`"${name}" is not a valid header`, { path: ["headers", name] });
    }
  }
  if (auth) {
    if (!hostAllowed(auth.allowedHosts, url)) {
      throw new ValidationError(`The credential may only be sent to ${auth.allowedHosts}, not ${url.host}`, { path: ["url"] });
    }
    // The credential's headers win over same-named config headers: a flow cannot mask them.
    for (const [name, value] of Object.entries(auth.headers)) headers.set(name, value);
    for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value);
  }
  if (!headers.has("accept"))
    headers.set("accept", config.responseFormat === "text" ? "text/plain, */*" : "application/json, text/plain, */*");
  return {
    url,
    init: { method: config.method, headers, body: body(config, headers), redirect: config.followRedirects ? "follow" : "manual", signal },
  };
}
