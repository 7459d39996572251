import { getHealth } from "@/lib/server/http/health";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Liveness and readiness: 200 when the database answers and is migrated, 503 otherwise. */
export const GET = route(async () => {
  const health = await getHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
});
