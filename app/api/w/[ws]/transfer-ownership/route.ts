import { readJson } from "@/lib/server/http/read-json";
import { noContent, workspaceRoute } from "@/lib/server/http/route";
import { transferOwnershipSchema } from "@/lib/server/workspaces/workspace-schemas";
import { transferOwnership } from "@/lib/server/workspaces/workspace-service";

/** The owner makes another member owner and becomes an admin. */
export const POST = workspaceRoute("workspace:own", async (req, { db, access }) => {
  const { userId } = await readJson(req, transferOwnershipSchema, { maxBytes: 10_000 });
  await transferOwnership(db, access, userId);
  return noContent();
});
