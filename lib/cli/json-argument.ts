import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { UsageError } from "./usage-error";

const objectSchema = z.record(z.string(), z.unknown());

/** Reads an option holding a JSON object, given inline or as `@file.json` (relative to cwd). */
export async function readJsonObjectOption(option: string, value: string | undefined, cwd: string): Promise<Record<string, unknown>> {
  if (value === undefined) return {};
  let text = value;
  if (value.startsWith("@")) {
    const file = path.resolve(cwd, value.slice(1));
    try {
      text = await readFile(file, "utf8");
    } catch (err) {
      throw new UsageError(`${option}: cannot read ${value.slice(1)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${option} is not valid JSON: ${(err as Error).message}`);
  }
  const result = objectSchema.safeParse(parsed);
  if (!result.success) throw new UsageError(`${option} must be a JSON object, e.g. '{"email":"a@example.com"}'`);
  return result.data;
}
