import { readJson } from "@/lib/server/http/read-json";
import { json, workspaceRoute } from "@/lib/server/http/route";
import { previewScheduleSchema } from "@/lib/server/triggers/trigger-schemas";
import { previewSchedule } from "@/lib/server/triggers/trigger-service";

type P = { ws: string };

/** The next fires of a schedule config `{ config, count? }` without saving it; a bad expression is a 400 naming the field. */
export const POST = workspaceRoute<P>("workspace:read", async (req, ctx, p) => {
  const input = await readJson(req, previewScheduleSchema);
  return json(await previewSchedule(ctx, p.ws, input));
});
