import type { z } from "zod";
import { AppError } from "./app-error";
import { parseOrThrow } from "./zod-details";

export const DEFAULT_BODY_LIMIT = 1_000_000;

/**
 * Reads a JSON body with a size cap and validates it. Every way it can be wrong (media type,
 * size, syntax, shape) is a 4xx naming the problem, never a 500.
 */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  opts: { maxBytes?: number; optional?: boolean } = {},
): Promise<z.output<S>> {
  const maxBytes = opts.maxBytes ?? DEFAULT_BODY_LIMIT;
  const type = req.headers.get("content-type") ?? "";
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readText(req, maxBytes);
  if (text.trim() === "" && opts.optional) return parseOrThrow(schema, {});
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type) && text.trim() !== "") {
    throw new AppError("unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_json", `The request body is not valid JSON: ${(err as Error).message}`);
  }
  return parseOrThrow(schema, value);
}

async function readText(req: Request, maxBytes: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1000)} kB.`, { details: { maxBytes } });
