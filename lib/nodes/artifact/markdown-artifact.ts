import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";

/** Publishes a markdown report on the run page; passes its input through. */
export const markdownArtifactNode = defineNode({
  type: "core.artifact.markdown",
  version: 1,
  title: "Markdown artifact",
  description: "Publishes a markdown report on the run page; the input passes through unchanged.",
  category: "artifact",
  icon: "file-text",
  config: z
    .object({
      title: z.string().max(200).optional().meta({ title: "Title" }),
      body: z.string().max(1_000_000).meta({ title: "Markdown", description: "Usually with {{ }} expressions.", widget: "textarea" }),
    })
    .strict(),
  output: z.unknown().meta({ description: "The node's input, unchanged." }),
  ports: ["out"],
  sideEffect: false,
  run(ctx, config, input) {
    ctx.artifact({ kind: "markdown", title: config.title, body: config.body });
    return Promise.resolve(input);
  },
});
