import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers a flow may not set on the answer: they belong to the HTTP connection. */
export const RESERVED_RESPONSE_HEADERS = ["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "set-cookie"];

export const respondWebhookOutput = z
  .object({
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
  })
  .meta({ description: "The answer sent to the webhook caller: status, headers and body." });
export type WebhookAnswer = z.output<typeof respondWebhookOutput>;

/**
 * Sets the answer of a webhook trigger in "wait" mode: the caller receives this status,
 * these headers and this body as soon as the run has finished. In "async" mode (202 at once)
 * and in runs not started by a webhook it only records the answer it would have given.
 */
export const respondWebhookNode = defineNode({
  type: "core.flow.respond-webhook",
  version: 1,
  title: "Respond to webhook",
  description: "The status, headers and body a webhook caller gets back when the trigger waits for the run.",
  category: "flow",
  icon: "send",
  config: z
    .object({
      status: z.coerce
        .number({ error: "must be an HTTP status code" })
        .int()
        .min(200, "must be an HTTP status from 200 to 599")
        .max(599, "must be an HTTP status from 200 to 599")
        .default(200)
        .meta({ title: "Status", description: "HTTP status code, e.g. 200 or 201." }),
      headers: z
        .record(z.string().regex(headerName, "Expected a header name"), z.string())
        .default({})
        .refine((h) => !Object.keys(h).some((k) => RESERVED_RESPONSE_HEADERS.includes(k.toLowerCase())), {
          message: `These headers cannot be set: ${RESERVED_RESPONSE_HEADERS.join(", ")}`,
        })
        .meta({ title: "Headers", widget: "keyvalue" }),
      body: z.unknown().optional().meta({
        title: "Body",
        description: "JSON, or text; a {{ }} expression. Empty: the node's input.",
        widget: "code",
      }),
    })
    .strict(),
  output: respondWebhookOutput,
  ports: ["out"],
  sideEffect: false,
  run(_ctx, config, input) {
    return Promise.resolve({ status: config.status, headers: config.headers, body: config.body === undefined ? input : config.body });
  },
});
