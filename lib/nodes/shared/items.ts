import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";

/**
 * Data nodes work on a list. By default the list is the node's input; the optional `items`
 * field takes any other list, usually as `{{ nodes.readRows.output.rows }}`.
 */
export const itemsField = z.array(z.unknown()).optional().meta({
  widget: "expression",
  title: "Items",
  description: "The list to work on. Leave empty to use the node's input.",
});

export function resolveItems(items: readonly unknown[] | undefined, input: unknown): readonly unknown[] {
  if (items !== undefined) return items;
  if (Array.isArray(input)) return input;
  if (input === undefined || input === null) {
    throw new ValidationError("No items: connect a node whose output is a list, or set the Items field", { path: ["items"] });
  }
  throw new ValidationError(`Expected a list of items as input, got ${describeType(input)}; set the Items field to choose one`, {
    path: ["items"],
  });
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
