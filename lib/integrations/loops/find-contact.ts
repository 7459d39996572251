import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { RETRYING_DEFAULTS } from "../shared/node-defaults";
import { LOOPS_CREDENTIAL_TYPE } from "./auth";
import { loopsClient } from "./client";
import { contactListSchema } from "./schemas";
import { oneIdentifier } from "./values";

export const loopsFindContact = defineNode({
  type: "loops.contact.find",
  version: 1,
  title: "Loops: find contact",
  description: "The contact with this email or user id, or nothing.",
  category: "integration",
  icon: "loops",
  docsUrl: "/docs/integrations/loops#find-a-contact",
  credential: LOOPS_CREDENTIAL_TYPE,
  config: z.object({
    email: z.string().optional().meta({ title: "Email", description: "Find by email (give this or the user id).", widget: "expression" }),
    userId: z.string().optional().meta({ title: "User id", description: "Find by your own id (give this or the email)." }),
  }),
  output: z.object({ found: z.boolean(), contact: z.record(z.string(), z.unknown()).nullable() }),
  ports: ["out"],
  sideEffect: false,
  defaults: RETRYING_DEFAULTS,
  async run(ctx, config) {
    const identifier = oneIdentifier(config);
    const api = await loopsClient(ctx);
    const contacts = await api.request({
      method: "GET",
      path: "/v1/contacts/find",
      query: identifier,
      what: "the contact lookup",
      schema: contactListSchema,
    });
    const contact = contacts[0];
    return { found: contact !== undefined, contact: contact ?? null };
  },
});
