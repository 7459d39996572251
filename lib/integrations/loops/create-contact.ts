import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { NON_IDEMPOTENT_WRITE_DEFAULTS } from "../shared/node-defaults";
import { LOOPS_CREDENTIAL_TYPE } from "./auth";
import { loopsClient } from "./client";
import { contactBody, contactFieldsConfig } from "./contact-fields";
import { contactIdSchema } from "./schemas";
import { checkLength, emailField } from "./values";

export const loopsCreateContact = defineNode({
  type: "loops.contact.create",
  version: 1,
  title: "Loops: create contact",
  description: "Adds a contact to the Loops audience; fails if the email or user id already exists (use update to upsert).",
  category: "integration",
  icon: "loops",
  docsUrl: "/docs/integrations/loops#create-a-contact",
  credential: LOOPS_CREDENTIAL_TYPE,
  config: z.object({
    email: emailField,
    userId: z.string().optional().meta({ title: "User id", description: "Your own id for the contact." }),
    ...contactFieldsConfig,
  }),
  output: z.object({ id: z.string() }),
  ports: ["out"],
  sideEffect: true,
  defaults: NON_IDEMPOTENT_WRITE_DEFAULTS,
  async run(ctx, config) {
    const body = {
      email: config.email,
      ...(config.userId ? { userId: checkLength(config.userId, ["userId"]) } : {}),
      ...contactBody(config),
    };
    const api = await loopsClient(ctx);
    const answer = await api.request({
      method: "POST",
      path: "/v1/contacts/create",
      body,
      what: "the new contact",
      schema: contactIdSchema,
    });
    return { id: answer.id };
  },
});
