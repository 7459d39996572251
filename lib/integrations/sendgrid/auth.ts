import { z } from "zod";
import { defineCredential } from "@/lib/engine/credential-definition";
import { checkScopes, SENDGRID_API_URL } from "./client";

const httpUrl = (value: string): boolean => {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

export const sendgridFields = z.object({
  apiKey: z
    .string()
    .trim()
    .regex(/^SG\.[\w-]+\.[\w-]+$/, "Expected a SendGrid API key (SG.xxxx.yyyy)")
    .meta({ title: "API key", description: "Settings → API Keys → Create API Key, with at least the Mail Send permission." }),
  baseUrl: z
    .string()
    .trim()
    .refine(httpUrl, "Expected an http(s) URL")
    .optional()
    .meta({
      title: "API base URL (advanced)",
      description: `Defaults to ${SENDGRID_API_URL}; https://api.eu.sendgrid.com for EU data residency, or a local fake for testing.`,
    }),
});
export type SendgridData = z.output<typeof sendgridFields>;

/**
 * SendGrid publishes no fixed number for Mail Send (each answer carries X-RateLimit-* headers
 * and a 429 names the reset time); the default keeps a flow well below any account's limit.
 */
export const sendgridCredential = defineCredential({
  type: "sendgrid.api-key",
  title: "SendGrid API key",
  description: "A Twilio SendGrid API key with the Mail Send permission.",
  icon: "sendgrid",
  fields: sendgridFields,
  secretFields: ["apiKey"],
  rateLimit: { perSecond: 10 },
  authenticate: (data) => ({ headers: { authorization: `Bearer ${data.apiKey}` } }),
  async test(data, io) {
    const scopes = await checkScopes(io, data);
    return { ok: true, message: `The key can send mail (${scopes.length} permissions)` };
  },
});
