import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { sendgridCredential } from "./auth";
import { sendgridSendEmail } from "./send-email";

/** SendGrid: transactional email (the nurture template's fallback sender). */
export const sendgridNodes: readonly AnyNodeDefinition[] = [sendgridSendEmail];
export const sendgridCredentials: readonly CredentialDefinition[] = [sendgridCredential];

export { sendgridCredential, sendgridSendEmail };
export { mailSend } from "./client";
