import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { httpCredentials as credentials } from "./credentials";
import { httpRequestNode } from "./http-request";

/** The HTTP request node and the credential types it authenticates with. */
export const httpNodes: readonly AnyNodeDefinition[] = [httpRequestNode];
export const httpCredentials: readonly CredentialDefinition[] = credentials;

export { httpRequestNode };
export {
  HTTP_CREDENTIAL_TYPES,
  httpApiKeyCredential,
  httpBasicCredential,
  httpBearerCredential,
  httpCustomHeaderCredential,
} from "./credentials";
