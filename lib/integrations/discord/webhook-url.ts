import { z } from "zod";

/**
 * A Discord webhook URL is itself the credential: `https://discord.com/api/webhooks/{id}/{token}`.
 * Any host is accepted (a local fake or a proxy in tests and sandboxes; the SSRF guard decides
 * what may be reached); the path must name a webhook id and token. Requests always go to API
 * v10, whatever version (or none) the copied URL carries.
 */

const PATH = /^(?<prefix>.*?)\/api(?:\/v\d+)?\/webhooks\/(?<id>\d{1,25})\/(?<token>[A-Za-z0-9_.-]{1,200})\/?$/;

export interface WebhookAddress {
  id: string;
  token: string;
  /** `{origin}{prefix}/api/v10/webhooks/{id}/{token}` */
  executeUrl: string;
}

export function parseWebhookUrl(value: string): WebhookAddress | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const match = PATH.exec(url.pathname);
  if (!match?.groups) return null;
  const { prefix = "", id = "", token = "" } = match.groups;
  return { id, token, executeUrl: `${url.origin}${prefix}/api/v10/webhooks/${id}/${token}` };
}

export const webhookUrlSchema = z
  .string()
  .trim()
  .refine((value) => parseWebhookUrl(value) !== null, {
    message: "Expected a Discord webhook URL such as https://discord.com/api/webhooks/{id}/{token}",
  });
