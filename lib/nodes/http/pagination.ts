/** Where the next page is: a cursor from the body, a `Link: <…>; rel="next"` header, or an offset. */

/** The `rel="next"` target of an RFC 8288 Link header, resolved against the current URL. */
export function nextLink(header: string | null, current: URL): URL | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const params = match[2]!;
    const rel = /;\s*rel\s*=\s*("([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (rel?.[2] ?? rel?.[3] ?? "").toLowerCase().split(/\s+/);
    if (rels.includes("next")) {
      try {
        return new URL(match[1]!, current);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A cursor value worth following: a non-empty string or a number. */
export function cursorValue(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value.trim() !== "") return value;
  return undefined;
}
