import { credentialIdSchema, deleteCredentialQuerySchema, updateCredentialSchema } from "@/lib/server/credentials/credential-schemas";
import { deleteCredential, getCredential, updateCredential } from "@/lib/server/credentials/credential-service";
import { pathParam } from "@/lib/server/http/path-params";
import { readQuery } from "@/lib/server/http/query";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json, noContent } from "@/lib/server/http/route";

type P = { ws: string; id: string };

export const GET = authedRoute<P>(async (_req, ctx, p) =>
  json({ credential: await getCredential(ctx, p.ws, pathParam(credentialIdSchema, p.id, "Credential")) }),
);

/** Renames and/or changes fields; a secret field left out of `data` keeps its stored value. */
export const PUT = authedRoute<P>(async (req, ctx, p) => {
  const id = pathParam(credentialIdSchema, p.id, "Credential");
  const input = await readJson(req, updateCredentialSchema, { maxBytes: 100_000 });
  return json({ credential: await updateCredential(ctx, p.ws, id, input) });
});

/** 409 when flows use it, unless `?force=true`. */
export const DELETE = authedRoute<P>(async (req, ctx, p) => {
  const id = pathParam(credentialIdSchema, p.id, "Credential");
  const { force } = readQuery(req, deleteCredentialQuerySchema);
  await deleteCredential(ctx, p.ws, id, force === "true" || force === "1");
  return noContent();
});
