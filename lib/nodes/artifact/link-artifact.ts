import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";

/** Publishes a link (a created page, an issue, a report) on the run page; passes its input through. */
export const linkArtifactNode = defineNode({
  type: "core.artifact.link",
  version: 1,
  title: "Link artifact",
  description: "Publishes a link on the run page, such as the page or issue a flow created; the input passes through.",
  category: "artifact",
  icon: "link",
  config: z
    .object({
      title: z.string().max(200).optional().meta({ title: "Title" }),
      // Only web links: a javascript: URL on the run page would run in the viewer's session.
      url: z
        .url({ protocol: /^https?$/ })
        .meta({ title: "URL", description: "An http(s) address, usually an expression such as {{ nodes.createPage.output.url }}." }),
      label: z.string().max(200).optional().meta({ title: "Label" }),
    })
    .strict(),
  output: z.unknown().meta({ description: "The node's input, unchanged." }),
  ports: ["out"],
  sideEffect: false,
  run(ctx, config, input) {
    ctx.artifact({ kind: "link", title: config.title, url: config.url, label: config.label });
    return Promise.resolve(input);
  },
});
