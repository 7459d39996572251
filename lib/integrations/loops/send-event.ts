import { z } from "zod";
import { NonRetryableError, ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { RETRYING_DEFAULTS } from "../shared/node-defaults";
import { LOOPS_CREDENTIAL_TYPE } from "./auth";
import { loopsClient } from "./client";
import { contactBody, contactFieldsConfig } from "./contact-fields";
import { idempotencyKey, idempotencyKeyField } from "./idempotency";
import { successSchema } from "./schemas";
import { checkLength, eventPropertyValue, mailingListsField } from "./values";

export const loopsSendEvent = defineNode({
  type: "loops.event.send",
  version: 1,
  title: "Loops: send event",
  description: "Sends an event for a contact (created if new), which can start a loop.",
  category: "integration",
  icon: "loops",
  docsUrl: "/docs/integrations/loops#send-an-event",
  credential: LOOPS_CREDENTIAL_TYPE,
  config: z.object({
    eventName: z.string().min(1, "the event name is required").meta({ title: "Event name", description: 'The event, e.g. "signup".' }),
    email: z
      .string()
      .optional()
      .meta({ title: "Email", description: "The contact's email (give this, the user id, or both).", widget: "expression" }),
    userId: z.string().optional().meta({ title: "User id", description: "Your own id for the contact." }),
    eventProperties: z.record(z.string().min(1), z.unknown()).optional().meta({
      title: "Event properties",
      description: "Name → text, number or true/false; usable in the emails the event sends.",
      widget: "keyvalue",
    }),
    contactProperties: contactFieldsConfig.properties.meta({
      title: "Contact properties",
      description: "Properties to set on the contact along with the event.",
      widget: "keyvalue",
    }),
    mailingLists: mailingListsField,
    idempotencyKey: idempotencyKeyField,
  }),
  output: z.object({ sent: z.boolean(), alreadySent: z.boolean(), idempotencyKey: z.string() }),
  ports: ["out"],
  sideEffect: true,
  defaults: RETRYING_DEFAULTS,
  async run(ctx, config) {
    const email = config.email?.trim() || undefined;
    const userId = config.userId?.trim() || undefined;
    if (!email && !userId) throw new ValidationError("Give the contact's email or user id", { path: ["email"] });
    const eventProperties: Record<string, string | number | boolean> = {};
    for (const [name, value] of Object.entries(config.eventProperties ?? {})) {
      if (value !== undefined) eventProperties[name] = eventPropertyValue(value, ["eventProperties", name]);
    }
    const body: Record<string, unknown> = {
      ...contactBody({ properties: config.contactProperties, mailingLists: config.mailingLists }),
      eventName: checkLength(config.eventName, ["eventName"]),
      ...(email ? { email } : {}),
      ...(userId ? { userId } : {}),
      ...(Object.keys(eventProperties).length > 0 ? { eventProperties } : {}),
    };
    const key = await idempotencyKey(ctx, config.idempotencyKey);
    const api = await loopsClient(ctx);
    try {
      await api.request({
        method: "POST",
        path: "/v1/events/send",
        body,
        headers: { "Idempotency-Key": key },
        what: "the event",
        schema: successSchema,
      });
      return { sent: true, alreadySent: false, idempotencyKey: key };
    } catch (err) {
      if (isReplay(err)) {
        ctx.log.warn("Loops already accepted a request with this idempotency key; not sending again", { idempotencyKey: key });
        return { sent: false, alreadySent: true, idempotencyKey: key };
      }
      throw err;
    }
  },
});

/** Loops answers 409 to a reused Idempotency-Key: the earlier request went through. */
export function isReplay(err: unknown): boolean {
  return err instanceof NonRetryableError && err.details?.status === 409;
}
