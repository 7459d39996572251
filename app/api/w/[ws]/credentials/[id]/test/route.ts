import { credentialIdSchema, testCredentialSchema } from "@/lib/server/credentials/credential-schemas";
import { testSavedCredential } from "@/lib/server/credentials/credential-test";
import { pathParam } from "@/lib/server/http/path-params";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json } from "@/lib/server/http/route";

type P = { ws: string; id: string };

/** "Test connection" of a saved credential, optionally with unsaved edits `{ data }`. Answers `{ ok, message, category? }`. */
export const POST = authedRoute<P>(async (req, ctx, p) => {
  const id = pathParam(credentialIdSchema, p.id, "Credential");
  const input = await readJson(req, testCredentialSchema, { maxBytes: 100_000, optional: true });
  return json({ result: await testSavedCredential(ctx, p.ws, id, input) });
});
