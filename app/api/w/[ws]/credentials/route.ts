import { requireMember } from "@/lib/server/authz/require-member";
import { createCredential, listCredentials } from "@/lib/server/credentials/credential-service";
import { createCredentialSchema } from "@/lib/server/credentials/credential-schemas";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json } from "@/lib/server/http/route";

type P = { ws: string };

/** Credentials of the workspace, without secrets (masked hints only). Runners and above. */
export const GET = authedRoute<P>(async (_req, ctx, p) => json({ credentials: await listCredentials(ctx, p.ws) }));

/** Creates a credential `{ type, name, data }`; `data` is validated against the type's fields. Editors and above. */
export const POST = authedRoute<P>(async (req, ctx, p) => {
  // Membership first: an outsider gets 404 whatever the body holds.
  await requireMember(ctx, p.ws, "secret:write");
  const input = await readJson(req, createCredentialSchema, { maxBytes: 100_000 });
  return json({ credential: await createCredential(ctx, p.ws, input) }, 201);
});
