import { z } from "zod";
import { defineCredential } from "@/lib/engine/credential-definition";
import { baseUrlField } from "../shared/base-url";
import { LOOPS_API_URL, LOOPS_REQUESTS_PER_SECOND } from "./constants";

export const LOOPS_CREDENTIAL_TYPE = "loops.api-key";

export const loopsCredentialFields = z.object({
  apiKey: z
    .string()
    .trim()
    .min(1, "the API key is required")
    .meta({ title: "API key", description: "From Loops: Settings → API. Keys are per team and used from servers only." }),
  baseUrl: baseUrlField(LOOPS_API_URL),
});
export type LoopsCredentialFields = z.output<typeof loopsCredentialFields>;

export const loopsCredential = defineCredential({
  type: LOOPS_CREDENTIAL_TYPE,
  title: "Loops",
  description: "A Loops API key, for contacts, events and transactional email.",
  icon: "loops",
  fields: loopsCredentialFields,
  secretFields: ["apiKey"],
  rateLimit: { perSecond: LOOPS_REQUESTS_PER_SECOND },
  authenticate: (fields) => ({ headers: { Authorization: `Bearer ${fields.apiKey}` } }),
  async test(fields, io) {
    const { loopsClientFor } = await import("./client");
    const { apiKeySchema } = await import("./schemas");
    const answer = await loopsClientFor(fields, io).request({
      method: "GET",
      path: "/v1/api-key",
      what: "the API key check",
      schema: apiKeySchema,
    });
    return { ok: true, message: `Connected to the Loops team "${answer.teamName}"` };
  },
});
