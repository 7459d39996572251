import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { RETRYING_DEFAULTS } from "../shared/node-defaults";
import { LOOPS_CREDENTIAL_TYPE } from "./auth";
import { loopsClient } from "./client";
import { LOOPS_LIMITS } from "./constants";
import { idempotencyKey, idempotencyKeyField } from "./idempotency";
import { successSchema } from "./schemas";
import { isReplay } from "./send-event";
import { emailField } from "./values";

const dataVariable = z.union([z.string(), z.number(), z.array(z.record(z.string(), z.union([z.string(), z.number()])))]);

const attachment = z.object({
  filename: z.string().min(1),
  contentType: z.string().min(1),
  /** Base64 of the file. */
  data: z.string().min(1),
});

export const loopsSendTransactional = defineNode({
  type: "loops.email.send-transactional",
  version: 1,
  title: "Loops: send transactional email",
  description: "Sends a published transactional email to one address, filling its data variables.",
  category: "integration",
  icon: "loops",
  docsUrl: "/docs/integrations/loops#send-a-transactional-email",
  credential: LOOPS_CREDENTIAL_TYPE,
  config: z.object({
    transactionalId: z
      .string()
      .trim()
      .min(1, "the transactional email id is required")
      .meta({ title: "Transactional email id", description: "From the email's Publish page in Loops." }),
    email: emailField,
    dataVariables: z.record(z.string().min(1), z.unknown()).optional().meta({
      title: "Data variables",
      description: "Variable name → text or number (or a list of objects for repeating blocks).",
      widget: "keyvalue",
    }),
    addToAudience: z
      .boolean()
      .optional()
      .meta({ title: "Add to audience", description: "Also create a contact for this address if none exists." }),
    attachments: z.array(attachment).optional().meta({
      title: "Attachments",
      description: "[{filename, contentType, data (base64)}]; Loops enables attachments per account.",
      widget: "json",
    }),
    idempotencyKey: idempotencyKeyField,
  }),
  output: z.object({ sent: z.boolean(), alreadySent: z.boolean(), idempotencyKey: z.string() }),
  ports: ["out"],
  sideEffect: true,
  defaults: RETRYING_DEFAULTS,
  async run(ctx, config) {
    const dataVariables: Record<string, z.output<typeof dataVariable>> = {};
    for (const [name, value] of Object.entries(config.dataVariables ?? {})) {
      if (value === undefined) continue;
      const parsed = dataVariable.safeParse(value);
      if (!parsed.success) {
        throw new ValidationError(`Data variable "${name}" must be text, a number or a list of objects of text and numbers`, {
          path: ["dataVariables", name],
        });
      }
      dataVariables[name] = parsed.data;
    }
    const body: Record<string, unknown> = {
      transactionalId: config.transactionalId,
      email: config.email,
      ...(config.addToAudience === undefined ? {} : { addToAudience: config.addToAudience }),
      ...(Object.keys(dataVariables).length > 0 ? { dataVariables } : {}),
      ...(config.attachments?.length ? { attachments: config.attachments } : {}),
    };
    const size = new TextEncoder().encode(JSON.stringify(body)).length;
    if (size > LOOPS_LIMITS.transactionalBodyBytes) {
      throw new ValidationError(`The email request is ${Math.ceil(size / 1024)} KB; Loops accepts at most 4 MB`, { path: ["attachments"] });
    }
    const key = await idempotencyKey(ctx, config.idempotencyKey);
    const api = await loopsClient(ctx);
    try {
      await api.request({
        method: "POST",
        path: "/v1/transactional",
        body,
        headers: { "Idempotency-Key": key },
        object: `transactional email "${config.transactionalId}"`,
        what: "the transactional send",
        schema: successSchema,
      });
      return { sent: true, alreadySent: false, idempotencyKey: key };
    } catch (err) {
      if (isReplay(err)) {
        ctx.log.warn("Loops already accepted an email with this idempotency key; not sending again", { idempotencyKey: key });
        return { sent: false, alreadySent: true, idempotencyKey: key };
      }
      throw err;
    }
  },
});
