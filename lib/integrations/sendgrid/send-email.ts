import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { ValidationError } from "@/lib/engine/errors";
import { sendgridCredential, sendgridFields } from "./auth";
import { mailSend } from "./client";
import { sendgridEmailConfig, toMailSendPayload } from "./email";

/** Sends one email through SendGrid's v3 Mail Send (plain content or a dynamic template). */
export const sendgridSendEmail = defineNode({
  type: "sendgrid.email.send",
  version: 1,
  title: "SendGrid: send email",
  description: "Sends an email with SendGrid: text/HTML content or a dynamic template with data.",
  category: "notification",
  icon: "sendgrid",
  docsUrl: "/docs/integrations/sendgrid",
  credential: sendgridCredential.type,
  config: sendgridEmailConfig,
  output: z.object({
    accepted: z.literal(true),
    status: z.number().meta({ description: "202: SendGrid accepted the email for delivery." }),
    messageId: z.string().optional().meta({ description: "X-Message-Id, for the activity feed and event webhooks." }),
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
    const payload = toMailSendPayload(config);
    const credential = await ctx.credential();
    const data = sendgridFields.safeParse(credential.data);
    if (credential.type !== sendgridCredential.type || !data.success) {
      throw new ValidationError("This node needs a valid SendGrid API key credential", { path: ["credential"] });
    }
    const result = await mailSend({ fetch: ctx.fetch, signal: ctx.signal }, data.data, payload);
    ctx.log.info("SendGrid accepted the email", { messageId: result.messageId });
    return { accepted: true as const, status: result.status, messageId: result.messageId };
  },
});
