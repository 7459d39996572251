import { NonRetryableError } from "@/lib/engine/errors";

/** Reading an answer: bounded in size, parsed as JSON or text (or base64 for binary). */

/** Outputs are stored with the run; a bigger answer belongs in a file, not a step output. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

const TEXTUAL = /^(text\/|application\/(json|[\w.+-]+\+json|xml|[\w.+-]+\+xml|javascript|x-www-form-urlencoded|x-ndjson|graphql))/i;

async function readBounded(response: Response): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw new NonRetryableError(`The response is ${declared} bytes; the HTTP node reads at most ${MAX_RESPONSE_BYTES}`);
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new NonRetryableError(`The response is larger than ${MAX_RESPONSE_BYTES} bytes, the most the HTTP node reads`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function parseResponseBody(response: Response, format: "auto" | "json" | "text", method: string): Promise<unknown> {
  if (method === "HEAD" || response.status === 204 || response.status === 304) {
    await response.body?.cancel();
    return null;
  }
  const bytes = await readBounded(response);
  const type = response.headers.get("content-type") ?? "";
  const text = (): string => new TextDecoder().decode(bytes);
  if (format === "text") return text();
  if (format === "json") {
    if (bytes.length === 0) return null;
    try {
      return JSON.parse(text()) as unknown;
    } catch {
      throw new NonRetryableError(`The response (${type || "no content type"}) is not JSON; choose "text" or "auto" parsing`);
    }
  }
  if (bytes.length === 0) return null;
  if (/json/i.test(type)) {
    try {
      return JSON.parse(text()) as unknown;
    } catch {
      return text();
    }
  }
  if (type === "" || TEXTUAL.test(type)) return text();
  return { contentType: type, size: bytes.length, base64: base64(bytes) };
}

export function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 1) out["set-cookie"] = cookies.join(", ");
  return out;
}
