import { z } from "zod";
import { NotFoundError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { RETRYING_DEFAULTS } from "../shared/node-defaults";
import { LOOPS_CREDENTIAL_TYPE } from "./auth";
import { loopsClient } from "./client";
import { successSchema } from "./schemas";
import { oneIdentifier } from "./values";

export const loopsDeleteContact = defineNode({
  type: "loops.contact.delete",
  version: 1,
  title: "Loops: delete contact",
  description: "Deletes the contact with this email or user id.",
  category: "integration",
  icon: "loops",
  docsUrl: "/docs/integrations/loops#delete-a-contact",
  credential: LOOPS_CREDENTIAL_TYPE,
  config: z.object({
    email: z.string().optional().meta({ title: "Email", description: "Delete by email (give this or the user id).", widget: "expression" }),
    userId: z.string().optional().meta({ title: "User id", description: "Delete by your own id (give this or the email)." }),
    ifMissing: z.enum(["fail", "ignore"]).default("fail").meta({
      title: "If the contact does not exist",
      description: "ignore: succeed with deleted = false (useful when a retry follows a delete that went through).",
    }),
  }),
  output: z.object({ deleted: z.boolean() }),
  ports: ["out"],
  sideEffect: true,
  defaults: RETRYING_DEFAULTS,
  async run(ctx, config) {
    const identifier = oneIdentifier(config);
    const api = await loopsClient(ctx);
    const object = "email" in identifier ? `contact "${identifier.email}"` : `contact with user id "${identifier.userId}"`;
    try {
      await api.request({
        method: "POST",
        path: "/v1/contacts/delete",
        body: identifier,
        object,
        what: "the deletion",
        schema: successSchema,
      });
      return { deleted: true };
    } catch (err) {
      if (err instanceof NotFoundError && config.ifMissing === "ignore") return { deleted: false };
      throw err;
    }
  },
});
