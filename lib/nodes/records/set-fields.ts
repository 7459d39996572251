import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { isRecord, setPath } from "../shared/paths";

/** Adds or overwrites fields on the input object; values are usually `{{ }}` expressions. */
export const setFieldsNode = defineNode({
  type: "core.data.set-fields",
  version: 1,
  title: "Set fields",
  description: "Adds or overwrites fields (dotted paths allowed) on the input object, or builds a new object.",
  category: "data",
  icon: "pencil",
  config: z
    .object({
      fields: z.record(z.string().min(1), z.unknown()).meta({
        title: "Fields",
        description: "Field path -> value. Paths may be dotted (`address.city`); values may be {{ }} expressions.",
        widget: "keyvalue",
      }),
      keepInput: z
        .boolean()
        .default(true)
        .meta({ title: "Keep input fields", description: "Start from the input object; when off, output only the fields set here." }),
    })
    .strict(),
  output: z.record(z.string(), z.unknown()),
  ports: ["out"],
  sideEffect: false,
  run(_ctx, config, input) {
    let result: Record<string, unknown> = config.keepInput && isRecord(input) ? { ...input } : {};
    for (const [path, value] of Object.entries(config.fields)) result = setPath(result, path, value);
    return Promise.resolve(result);
  },
});
