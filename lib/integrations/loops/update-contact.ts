import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { RETRYING_DEFAULTS } from "../shared/node-defaults";
import { LOOPS_CREDENTIAL_TYPE } from "./auth";
import { loopsClient } from "./client";
import { contactBody, contactFieldsConfig } from "./contact-fields";
import { contactIdSchema } from "./schemas";
import { checkLength } from "./values";

export const loopsUpdateContact = defineNode({
  type: "loops.contact.update",
  version: 1,
  title: "Loops: update contact",
  description: "Updates the contact with this email or user id, creating it when none exists (upsert).",
  category: "integration",
  icon: "loops",
  docsUrl: "/docs/integrations/loops#update-a-contact",
  credential: LOOPS_CREDENTIAL_TYPE,
  config: z.object({
    email: z
      .string()
      .optional()
      .meta({ title: "Email", description: "Finds the contact; with a user id, changes the contact's email.", widget: "expression" }),
    userId: z.string().optional().meta({ title: "User id", description: "Finds the contact by your own id." }),
    ...contactFieldsConfig,
  }),
  output: z.object({ id: z.string() }),
  ports: ["out"],
  sideEffect: true,
  defaults: RETRYING_DEFAULTS,
  async run(ctx, config) {
    const email = config.email?.trim() || undefined;
    const userId = config.userId?.trim() || undefined;
    if (!email && !userId) throw new ValidationError("Give the contact's email or user id", { path: ["email"] });
    if (email && !z.email().safeParse(email).success)
      throw new ValidationError(`"${email.slice(0, 80)}" is not an email address`, { path: ["email"] });
    const body = { ...(email ? { email } : {}), ...(userId ? { userId: checkLength(userId, ["userId"]) } : {}), ...contactBody(config) };
    const api = await loopsClient(ctx);
    const answer = await api.request({
      method: "PUT",
      path: "/v1/contacts/update",
      body,
      what: "the updated contact",
      schema: contactIdSchema,
    });
    return { id: answer.id };
  },
});
