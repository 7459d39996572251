import type { z } from "zod";
import { notFound } from "./app-error";

/** A path parameter of the wrong shape names nothing that exists: 404, like a missing object. */
export function pathParam<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw notFound(what);
  return parsed.data;
}
