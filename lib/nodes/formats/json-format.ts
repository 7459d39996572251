import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";

/** Serialises a value as JSON text. */
export const jsonFormatNode = defineNode({
  type: "core.data.json-format",
  version: 1,
  title: "Format JSON",
  description: "Writes a value (by default the input) as JSON text.",
  category: "data",
  icon: "braces",
  config: z
    .object({
      value: z.unknown().optional().meta({ title: "Value", description: "Leave empty to write the node's input.", widget: "expression" }),
      indent: z.number().int().min(0).max(8).default(0).meta({ title: "Indent", description: "Spaces per level; 0 for one line." }),
    })
    .strict(),
  output: z.string().meta({ description: "The JSON text." }),
  ports: ["out"],
  sideEffect: false,
  run(_ctx, config, input) {
    const value = config.value === undefined ? input : config.value;
    return Promise.resolve(JSON.stringify(value ?? null, null, config.indent || undefined));
  },
});
