import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { loopsCredential } from "./auth";
import { loopsCreateContact } from "./create-contact";
import { loopsDeleteContact } from "./delete-contact";
import { loopsFindContact } from "./find-contact";
import { loopsSendEvent } from "./send-event";
import { loopsSendTransactional } from "./send-transactional";
import { loopsUpdateContact } from "./update-contact";

/** Loops' node types and credential type. */
export const loopsNodes: readonly AnyNodeDefinition[] = [
  loopsCreateContact,
  loopsUpdateContact,
  loopsFindContact,
  loopsDeleteContact,
  loopsSendTransactional,
  loopsSendEvent,
];

export const loopsCredentials: readonly CredentialDefinition[] = [loopsCredential];

export {
  loopsCredential,
  loopsCreateContact,
  loopsUpdateContact,
  loopsFindContact,
  loopsDeleteContact,
  loopsSendTransactional,
  loopsSendEvent,
};
