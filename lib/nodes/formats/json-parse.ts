import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";

/** Parses JSON text into a value. */
export const jsonParseNode = defineNode({
  type: "core.data.json-parse",
  version: 1,
  title: "Parse JSON",
  description: "Parses JSON text into a value.",
  category: "data",
  icon: "braces",
  config: z
    .object({
      text: z
        .string()
        .optional()
        .meta({ title: "JSON text", description: "Leave empty to parse the node's input (which must be text).", widget: "textarea" }),
    })
    .strict(),
  output: z.unknown().meta({ description: "The parsed value." }),
  ports: ["out"],
  sideEffect: false,
  run(_ctx, config, input) {
    const text = config.text ?? input;
    if (typeof text !== "string")
      throw new ValidationError("Parse JSON needs text: set JSON text or connect a node that outputs text", { path: ["text"] });
    try {
      return Promise.resolve(JSON.parse(text) as unknown);
    } catch (err) {
      throw new ValidationError(`Invalid JSON: ${(err as Error).message}`, { path: ["text"] });
    }
  },
});
