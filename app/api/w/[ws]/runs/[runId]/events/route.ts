import { pathParam } from "@/lib/server/http/path-params";
import { readQuery } from "@/lib/server/http/query";
import { authedRoute } from "@/lib/server/http/route";
import { getRuntime } from "@/lib/server/runtime/get-runtime";
import { eventsQuerySchema, runIdSchema } from "@/lib/server/runtime/run-schemas";
import { authorizeRun } from "@/lib/server/runtime/run-service";
import { runEventStream } from "@/lib/server/runtime/sse";

export const dynamic = "force-dynamic";

type P = { ws: string; runId: string };

/**
 * The run's events as Server-Sent Events: stored events after `Last-Event-ID` (or `?after=`)
 * first, then live ones; an `end` event with the final state closes the stream.
 */
export const GET = authedRoute<P>(async (req, ctx, p) => {
  const runId = pathParam(runIdSchema, p.runId, "Run");
  await authorizeRun(ctx, p.ws, runId, "workspace:read");
  const lastEventId = Number(req.headers.get("last-event-id") ?? "NaN");
  const { after } = readQuery(req, eventsQuerySchema);
  const afterSeq = Number.isInteger(lastEventId) && lastEventId >= 0 ? lastEventId : (after ?? 0);
  const runtime = getRuntime();
  const stream = runEventStream({
    runId,
    afterSeq,
    store: runtime.store,
    bus: runtime.bus,
    signal: req.signal,
    isLive: (id) => runtime.isLive(id),
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
