import { getConfig } from "@/lib/server/config";
import { AppError, unauthorized } from "@/lib/server/http/app-error";
import { route } from "@/lib/server/http/route";
import { metricsAccess, PROMETHEUS_CONTENT_TYPE, renderMetrics } from "@/lib/server/metrics";
import { getRuntime } from "@/lib/server/runtime/get-runtime";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of this process (docs/deploy.md). Readable with
 * `Authorization: Bearer $SWITCHYARD_METRICS_TOKEN`; off (404) when no token is configured.
 */
export const GET = route(async (req) => {
  const access = metricsAccess(req.headers.get("authorization"), getConfig().metricsToken);
  if (access === "off") throw new AppError("not_found", "Metrics are off; set SWITCHYARD_METRICS_TOKEN to switch them on.");
  if (access === "denied") throw unauthorized("Send the metrics token as `Authorization: Bearer <SWITCHYARD_METRICS_TOKEN>`.");
  // The runtime registers the queue-depth gauge's source.
  getRuntime();
  return new Response(await renderMetrics(), { headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" } });
});
