import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { notionAppendBlocks } from "./append-blocks";
import { notionCredential } from "./auth";
import { notionCreatePage } from "./create-page";
import { notionFindPage } from "./find-page";
import { notionGetPage } from "./get-page";
import { notionQueryDatabase } from "./query-database";
import { notionUpdatePage } from "./update-page";

/** Notion's node types and credential type. Light: the SDK loads only when a node runs. */
export const notionNodes: readonly AnyNodeDefinition[] = [
  notionQueryDatabase,
  notionCreatePage,
  notionUpdatePage,
  notionFindPage,
  notionAppendBlocks,
  notionGetPage,
];

export const notionCredentials: readonly CredentialDefinition[] = [notionCredential];

export { notionCredential, notionQueryDatabase, notionCreatePage, notionUpdatePage, notionFindPage, notionAppendBlocks, notionGetPage };
