import { z } from "zod";
import { defineCredential } from "@/lib/engine/credential-definition";
import { baseUrlField } from "../shared/base-url";
import { NOTION_API_URL, NOTION_API_VERSION, NOTION_REQUESTS_PER_SECOND } from "./constants";

export const NOTION_CREDENTIAL_TYPE = "notion.api-token";

export const notionCredentialFields = z.object({
  token: z.string().trim().min(1, "the integration token is required").meta({
    title: "Integration token",
    description:
      "Internal integration secret (ntn_… or secret_…) or an OAuth access token. Share each database or page with the integration.",
  }),
  baseUrl: baseUrlField(NOTION_API_URL),
});
export type NotionCredentialFields = z.output<typeof notionCredentialFields>;

export function notionAuthHeaders(fields: NotionCredentialFields): Record<string, string> {
  return { Authorization: `Bearer ${fields.token}`, "Notion-Version": NOTION_API_VERSION };
}

export const notionCredential = defineCredential({
  type: NOTION_CREDENTIAL_TYPE,
  title: "Notion",
  description: "A Notion integration token. The integration sees only the pages and databases shared with it.",
  icon: "notion",
  fields: notionCredentialFields,
  secretFields: ["token"],
  rateLimit: { perSecond: NOTION_REQUESTS_PER_SECOND },
  authenticate: (fields) => ({ headers: notionAuthHeaders(fields) }),
  async test(fields, io) {
    const { notionClientFor } = await import("./client");
    const api = await notionClientFor(fields, io);
    const me = await api.me();
    const workspace = me.bot?.workspace_name ? ` in workspace "${me.bot.workspace_name}"` : "";
    return { ok: true, message: `Connected as ${me.name ?? "the integration"}${workspace}` };
  },
});
