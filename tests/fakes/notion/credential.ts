import type { ResolvedCredential } from "@/lib/engine/node-definition";
import { NOTION_FAKE_TOKEN, type NotionFake } from "./server";

/** A resolved Notion credential pointing at the fake, as the vault would hand it to a step. */
export function notionCredentialFor(fake: NotionFake, token = NOTION_FAKE_TOKEN): ResolvedCredential {
  return { id: "cred_notion_test", type: "notion.api-token", data: { token, baseUrl: fake.url }, secrets: [token] };
}
