import { z } from "zod";
import { defineCredential } from "@/lib/engine/credential-definition";
import { defineNode } from "@/lib/engine/node-definition";

/**
 * The request of a webhook run, as the webhook trigger node outputs it. The server puts it in
 * the run's parameters under WEBHOOK_REQUEST_PARAM (the engine hands nodes nothing else), next
 * to the fields mapped from the body or query, which stay plain parameters.
 */
export const WEBHOOK_REQUEST_PARAM = "$webhook";

export interface WebhookRequestData {
  method: string;
  /** The hook's path, /api/hooks/<id>, without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case names; the verification header and cookies are left out. */
  headers: Record<string, string>;
  /** Parsed JSON or form fields; other content types give the text. Undefined when empty. */
  body: unknown;
  contentType?: string;
  /** The WebhookDelivery row that stored the request. */
  deliveryId: string;
  /** `webhook-id` (Standard Webhooks) or `x-github-delivery`, when sent. */
  messageId?: string;
  receivedAt: string;
}

const requestOutput = z
  .object({
    method: z.string(),
    path: z.string(),
    query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
    contentType: z.string().optional(),
    deliveryId: z.string(),
    messageId: z.string().optional(),
    receivedAt: z.string(),
  })
  .meta({ description: "The HTTP request: method, path, query, headers (without secrets) and parsed body." });

/**
 * Starts the flow when its webhook URL is called. The URL, verification, response mode and
 * limits belong to the trigger (the Triggers page), not to this node; the node marks where the
 * request enters the flow. Run by hand, it outputs the run's parameters as the body.
 */
export const webhookTrigger = defineNode({
  type: "core.trigger.webhook",
  version: 1,
  title: "Webhook",
  description: "Starts the flow on a call of its webhook URL. Its output is the request: method, query, headers and body.",
  category: "trigger",
  icon: "webhook",
  hasInput: false,
  config: z.object({}).strict(),
  output: requestOutput,
  ports: ["out"],
  sideEffect: false,
  run(ctx) {
    const { [WEBHOOK_REQUEST_PARAM]: request, ...params } = ctx.params;
    if (request && typeof request === "object") return Promise.resolve(request as z.output<typeof requestOutput>);
    return Promise.resolve({
      method: "POST",
      path: "",
      query: {},
      headers: {},
      body: params,
      deliveryId: "",
      receivedAt: new Date(ctx.clock.now()).toISOString(),
    });
  },
});

export const webhookSecretFields = z.object({
  secret: z.string().trim().min(16, "Use at least 16 characters; a random one, e.g. whsec_ followed by base64").max(1000).meta({
    title: "Secret",
    description:
      "The signing secret or token the sender uses. Standard Webhooks: the whsec_… secret. GitHub: the webhook's secret. Header token: the token.",
  }),
});

/** The secret a webhook trigger verifies requests with; kept encrypted by the vault. */
export const webhookSecretCredential = defineCredential({
  type: "webhook.secret",
  title: "Webhook secret",
  description: "A signing secret or shared token that incoming webhook requests are verified with.",
  icon: "webhook",
  fields: webhookSecretFields,
  secretFields: ["secret"],
});

export const webhookTriggerCredentials = [webhookSecretCredential] as const;
