import type { z } from "zod";
import { validationError } from "./zod-details";

/** Validates the query string; a wrong parameter is a 400 naming `query.<name>`. */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw validationError(parsed.error, ["query"], "query string");
  return parsed.data;
}
