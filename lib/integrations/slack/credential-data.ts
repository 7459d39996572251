import type { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { NodeContext } from "@/lib/engine/node-definition";

/** The node's credential, of the expected type and shape (the message never echoes a value). */
export async function credentialData<F extends z.ZodType>(ctx: NodeContext, definition: CredentialDefinition<F>): Promise<z.output<F>> {
  const credential = await ctx.credential();
  if (credential.type !== definition.type) {
    throw new ValidationError(`This node needs a ${definition.title} credential, not ${credential.type}`, { path: ["credential"] });
  }
  const parsed = definition.fields.safeParse(credential.data);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".")))].join(", ");
    throw new ValidationError(`The ${definition.title} credential is incomplete or invalid (${fields})`, { path: ["credential"] });
  }
  return parsed.data;
}
