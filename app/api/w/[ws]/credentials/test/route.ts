import { requireMember } from "@/lib/server/authz/require-member";
import { testUnsavedCredentialSchema } from "@/lib/server/credentials/credential-schemas";
import { testUnsavedCredential } from "@/lib/server/credentials/credential-test";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json } from "@/lib/server/http/route";

type P = { ws: string };

/** "Test connection" from the create form, before the credential is saved: `{ type, data }`. Editors and above. */
export const POST = authedRoute<P>(async (req, ctx, p) => {
  // Membership first: an outsider gets 404 whatever the body holds.
  await requireMember(ctx, p.ws, "secret:write");
  const input = await readJson(req, testUnsavedCredentialSchema, { maxBytes: 100_000 });
  return json({ result: await testUnsavedCredential(ctx, p.ws, input.type, input.data) });
});
