import { requireMember } from "@/lib/server/authz/require-member";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, noContent } from "@/lib/server/http/route";
import { transferOwnershipSchema } from "@/lib/server/workspaces/workspace-schemas";
import { transferOwnership } from "@/lib/server/workspaces/workspace-service";

/** The owner makes another member owner and becomes an admin. */
export const POST = authedRoute<{ ws: string }>(async (req, ctx, { ws }) => {
  const access = await requireMember(ctx, ws, "workspace:own");
  const { userId } = await readJson(req, transferOwnershipSchema, { maxBytes: 10_000 });
  await transferOwnership(ctx.db, access, userId);
  return noContent();
});
