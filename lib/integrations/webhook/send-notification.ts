import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { ValidationError } from "@/lib/engine/errors";
import { customWebhookCredential, customWebhookFields } from "./auth";
import { sendCustomWebhook } from "./client";

/** Sends a notification (subject, body, name) through a custom webhook credential's template. */
export const webhookSendNotification = defineNode({
  type: "webhook.notification.send",
  version: 1,
  title: "Webhook: send notification",
  description: "Sends a JSON notification to your own endpoint, shaped by the credential's body template.",
  category: "notification",
  icon: "webhook",
  docsUrl: "/docs/integrations/webhook",
  credential: customWebhookCredential.type,
  config: z.object({
    subject: z.string().default("").meta({ title: "Subject", description: "Fills {{subject}}." }),
    body: z.string().default("").meta({ title: "Body", description: "Fills {{body}}.", widget: "textarea" }),
    name: z.string().default("").meta({ title: "Name", description: "Fills {{name}}; the flow's name when empty." }),
  }),
  output: z.object({
    status: z.number().meta({ description: "HTTP status of the endpoint's answer." }),
    response: z.unknown().meta({ description: "The answer (JSON or text), with the credential's secrets masked." }),
  }),
  ports: ["out"],
  sideEffect: true,
  defaults: {
    retries: 3,
    retryDelaySeconds: 2,
    backoff: "exponential",
    retryOn: ["rate_limited", "network", "server_error", "timeout"],
    timeoutSeconds: 30,
  },
  async run(ctx, config) {
    const credential = await ctx.credential();
    const data = customWebhookFields.safeParse(credential.data);
    if (credential.type !== customWebhookCredential.type || !data.success) {
      const problem = data.success ? "" : `: ${data.error.issues[0]?.message ?? ""}`;
      throw new ValidationError(`This node needs a valid custom webhook credential${problem}`, { path: ["credential"] });
    }
    const result = await sendCustomWebhook({ fetch: ctx.fetch, signal: ctx.signal }, data.data, {
      subject: config.subject,
      body: config.body,
      name: config.name || ctx.run.flowName,
      flow: ctx.run.flowName,
      runId: ctx.run.id,
    });
    ctx.log.info("Webhook notification sent", { status: result.status });
    return result;
  },
});
