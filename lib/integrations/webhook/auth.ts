import { z } from "zod";
import { defineCredential } from "@/lib/engine/credential-definition";
import { sendCustomWebhook } from "./client";
import { DEFAULT_BODY_TEMPLATE, placeholderProblem, placeholders } from "./template";

export const WEBHOOK_METHODS = ["POST", "PUT", "PATCH", "GET", "DELETE"] as const;

export const customWebhookFields = z
  .object({
    url: z
      .string()
      .trim()
      .refine((value) => {
        try {
          return ["http:", "https:"].includes(new URL(value.replace(/\{\{[^}]*\}\}/g, "x")).protocol);
        } catch {
          return false;
        }
      }, "Expected an http(s) URL")
      .meta({ title: "URL", description: "Where to send the notification; may hold {{secret.<key>}} placeholders." }),
    method: z.enum(WEBHOOK_METHODS).default("POST").meta({ title: "Method" }),
    headers: z
      .record(z.string(), z.string())
      .default({})
      .meta({ title: "Headers", description: "e.g. Authorization: Bearer {{secret.token}}", widget: "keyvalue" }),
    bodyTemplate: z
      .string()
      .default(DEFAULT_BODY_TEMPLATE)
      .refine((text) => {
        try {
          JSON.parse(text);
          return true;
        } catch {
          return false;
        }
      }, "The body template must be JSON (placeholders go inside strings)")
      .meta({
        title: "JSON body template",
        description:
          "Placeholders: {{subject}}, {{body}}, {{name}}, {{flow}}, {{state}}, {{runId}}, {{runUrl}}, {{failedNode}}, {{error}}, {{secret.<key>}}.",
        widget: "code",
      }),
    secrets: z
      .record(z.string().regex(/^[A-Za-z][\w-]*$/, "secret names are letters, digits, _ and -"), z.string())
      .default({})
      .meta({ title: "Secrets", description: "Named values for {{secret.<key>}}; write-only, never shown again.", widget: "keyvalue" }),
  })
  .superRefine((data, ctx) => {
    const keys = Object.keys(data.secrets);
    const check = (text: string, path: (string | number)[]) => {
      for (const name of placeholders(text)) {
        const problem = placeholderProblem(name, keys);
        if (problem) ctx.addIssue({ code: "custom", message: problem, path });
      }
    };
    check(data.url, ["url"]);
    for (const [header, value] of Object.entries(data.headers)) check(value, ["headers", header]);
    check(data.bodyTemplate, ["bodyTemplate"]);
  });
export type CustomWebhookData = z.output<typeof customWebhookFields>;

/** A custom HTTP endpoint for notifications; no vendor rate is known, the node's settings decide. */
export const customWebhookCredential = defineCredential({
  type: "webhook.custom",
  title: "Custom webhook",
  description: "Any HTTP endpoint that takes a JSON notification, with a body template and named secrets.",
  icon: "webhook",
  fields: customWebhookFields,
  secretFields: ["url", "secrets"],
  async test(data, io) {
    const result = await sendCustomWebhook(io, data, {
      subject: "Switchyard test notification",
      body: "This is a test notification sent while saving the credential.",
      name: "Switchyard",
    });
    return { ok: true, message: `The endpoint answered ${result.status} (one test notification was sent)` };
  },
});
