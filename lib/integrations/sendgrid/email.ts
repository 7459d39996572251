import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";

/** The email a SendGrid node sends, its checks, and the v3 Mail Send payload. */

export const SENDGRID_LIMITS = {
  /** to + cc + bcc of one request. */
  recipients: 1000,
  categories: 10,
  categoryLength: 255,
  customArgsBytes: 10_000,
} as const;

const addressListSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .meta({ description: "One address, a comma-separated list, or an array; `Name <email>` works." });

export const sendgridEmailConfig = z.object({
  from: z.string().trim().min(1).meta({ title: "From", description: "A verified sender, e.g. `Acme <hello@acme.com>`." }),
  to: addressListSchema.meta({ title: "To" }),
  cc: addressListSchema.meta({ title: "Cc" }),
  bcc: addressListSchema.meta({ title: "Bcc" }),
  replyTo: z.string().optional().meta({ title: "Reply-To" }),
  subject: z.string().optional().meta({ title: "Subject", description: "Required unless the template sets it." }),
  text: z.string().optional().meta({ title: "Plain-text body", widget: "textarea" }),
  html: z.string().optional().meta({ title: "HTML body", widget: "code" }),
  templateId: z.string().optional().meta({ title: "Dynamic template id", description: "d-… ; the template supplies subject and body." }),
  dynamicTemplateData: z.record(z.string(), z.unknown()).optional().meta({ title: "Template data", widget: "json" }),
  categories: z.array(z.string()).optional().meta({ title: "Categories" }),
  customArgs: z.record(z.string(), z.string()).optional().meta({ title: "Custom arguments", widget: "keyvalue" }),
  sendAt: z.number().int().positive().optional().meta({ title: "Send at (Unix seconds)" }),
  sandboxMode: z
    .boolean()
    .default(false)
    .meta({ title: "Sandbox mode", description: "SendGrid validates the email but does not deliver it." }),
});
export type SendgridEmailConfig = z.output<typeof sendgridEmailConfig>;

const emailSchema = z.email();

interface Address {
  email: string;
  name?: string;
}

/** `Name <email>` or `email`; throws a ValidationError naming the field. */
function parseAddress(raw: string, path: (string | number)[]): Address {
  const text = raw.trim();
  const match = /^(.*?)\s*<([^<>]+)>$/.exec(text);
  const email = (match ? match[2]! : text).trim();
  const name = match?.[1]?.trim().replace(/^"(.*)"$/, "$1");
  if (!emailSchema.safeParse(email).success) throw new ValidationError(`"${email}" is not an email address`, { path });
  return name ? { email, name } : { email };
}

function addressList(value: string | string[] | undefined, field: string): Address[] {
  if (value === undefined) return [];
  const items = (Array.isArray(value) ? value : value.split(/[,;\n]/)).map((s) => s.trim()).filter((s) => s !== "");
  return items.map((item, i) => parseAddress(item, Array.isArray(value) ? [field, i] : [field]));
}

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

/** The JSON body of `POST /v3/mail/send`, after checking what SendGrid would refuse. */
export function toMailSendPayload(config: SendgridEmailConfig): Record<string, unknown> {
  const to = addressList(config.to, "to");
  const cc = addressList(config.cc, "cc");
  const bcc = addressList(config.bcc, "bcc");
  if (to.length === 0) throw new ValidationError("SendGrid needs at least one recipient in To", { path: ["to"] });
  const total = to.length + cc.length + bcc.length;
  if (total > SENDGRID_LIMITS.recipients) {
    throw new ValidationError(
      `${total} recipients; SendGrid allows at most ${SENDGRID_LIMITS.recipients} per email (to, cc and bcc together)`,
      {
        path: ["to"],
      },
    );
  }
  const templateId = present(config.templateId) ? config.templateId.trim() : undefined;
  if (!templateId && !present(config.subject))
    throw new ValidationError("A subject is required unless a template is used", { path: ["subject"] });
  if (!templateId && !present(config.text) && !present(config.html)) {
    throw new ValidationError("A plain-text or HTML body is required unless a template is used", { path: ["text"] });
  }
  const categories = config.categories ?? [];
  if (categories.length > SENDGRID_LIMITS.categories) {
    throw new ValidationError(`${categories.length} categories; SendGrid allows at most ${SENDGRID_LIMITS.categories}`, {
      path: ["categories"],
    });
  }
  categories.forEach((category, i) => {
    if (category.length > SENDGRID_LIMITS.categoryLength) {
      throw new ValidationError(`category is longer than ${SENDGRID_LIMITS.categoryLength} characters`, { path: ["categories", i] });
    }
  });
  if (config.customArgs && new TextEncoder().encode(JSON.stringify(config.customArgs)).length > SENDGRID_LIMITS.customArgsBytes) {
    throw new ValidationError(`custom arguments exceed ${SENDGRID_LIMITS.customArgsBytes} bytes`, { path: ["customArgs"] });
  }

  // SendGrid requires text/plain before text/html when both are sent.
  const content = [
    ...(present(config.text) ? [{ type: "text/plain", value: config.text }] : []),
    ...(present(config.html) ? [{ type: "text/html", value: config.html }] : []),
  ];
  const personalization: Record<string, unknown> = { to };
  if (cc.length > 0) personalization.cc = cc;
  if (bcc.length > 0) personalization.bcc = bcc;
  if (templateId && config.dynamicTemplateData) personalization.dynamic_template_data = config.dynamicTemplateData;

  return {
    personalizations: [personalization],
    from: parseAddress(config.from, ["from"]),
    ...(present(config.replyTo) ? { reply_to: parseAddress(config.replyTo, ["replyTo"]) } : {}),
    ...(present(config.subject) ? { subject: config.subject } : {}),
    ...(content.length > 0 ? { content } : {}),
    ...(templateId ? { template_id: templateId } : {}),
    ...(categories.length > 0 ? { categories } : {}),
    ...(config.customArgs && Object.keys(config.customArgs).length > 0 ? { custom_args: config.customArgs } : {}),
    ...(config.sendAt ? { send_at: config.sendAt } : {}),
    ...(config.sandboxMode ? { mail_settings: { sandbox_mode: { enable: true } } } : {}),
  };
}
