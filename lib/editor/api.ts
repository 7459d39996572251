import { z } from "zod";
import type { FlowDocument } from "@/lib/engine/flow-document";
import {
  conflictDetailsSchema,
  credentialListSchema,
  flowDetailSchema,
  runDetailSchema,
  runListSchema,
  stepSchema,
  variableListSchema,
  versionSummarySchema,
  type ConflictDetails,
  type CredentialSummary,
  type FlowDetail,
  type RunDetail,
  type RunSummaryView,
  type StepView,
  type VersionSummary,
} from "./api-schemas";

/** The editor's HTTP client: one function per route it uses (SPEC §9), every answer parsed. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

async function call<T>(method: string, url: string, schema: z.ZodType<T>, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network", "The server cannot be reached. Check your connection and try again.");
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // fall through: reported below
  }
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
    const fallback =
      res.status === 404
        ? "This route does not exist on the server yet, or the object was not found."
        : `The server answered ${res.status}.`;
    throw new ApiError(res.status, res.status === 404 ? "not_found" : "http_error", fallback);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ApiError(
      res.status,
      "bad_response",
      `Unexpected answer from ${url}: ${parsed.error.issues[0]?.path.join(".") ?? ""} ${parsed.error.issues[0]?.message ?? ""}`,
    );
  return parsed.data;
}

const enc = encodeURIComponent;
const flowUrl = (ws: string, flowId: string) => `/api/w/${enc(ws)}/flows/${enc(flowId)}`;
const runUrl = (ws: string, runId: string) => `/api/w/${enc(ws)}/runs/${enc(runId)}`;

export const getFlow = (ws: string, flowId: string) =>
  call("GET", flowUrl(ws, flowId), z.object({ flow: flowDetailSchema })).then((r) => r.flow);

export type SaveOutcome =
  | { kind: "saved"; flow: FlowDetail; version: VersionSummary | null }
  | { kind: "conflict"; details: ConflictDetails | null; message: string };

/** Saves the draft; a 409 comes back as `conflict` (who saved, when) instead of an error. */
export async function saveDraft(
  ws: string,
  flowId: string,
  document: FlowDocument,
  draftRevision: number,
  versionMessage?: string,
): Promise<SaveOutcome> {
  try {
    const body = versionMessage !== undefined ? { document, draftRevision, versionMessage } : { document, draftRevision };
    const r = await call("PUT", flowUrl(ws, flowId), z.object({ flow: flowDetailSchema, version: versionSummarySchema.nullable() }), body);
    return { kind: "saved", flow: r.flow, version: r.version };
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      const details = conflictDetailsSchema.safeParse(error.details);
      return { kind: "conflict", details: details.success ? details.data : null, message: error.message };
    }
    throw error;
  }
}

export const listVersions = (ws: string, flowId: string) =>
  call("GET", `${flowUrl(ws, flowId)}/versions?limit=100`, z.object({ versions: z.array(versionSummarySchema) }).loose()).then(
    (r) => r.versions,
  );

export const createVersion = (ws: string, flowId: string, message: string, draftRevision?: number) =>
  call(
    "POST",
    `${flowUrl(ws, flowId)}/versions`,
    z.object({ version: versionSummarySchema }),
    draftRevision ? { message, draftRevision } : { message },
  ).then((r) => r.version);

export const restoreVersion = (ws: string, flowId: string, version: number, draftRevision?: number) =>
  call(
    "POST",
    `${flowUrl(ws, flowId)}/versions/${version}/restore`,
    z.object({ flow: flowDetailSchema }),
    draftRevision ? { draftRevision } : {},
  ).then((r) => r.flow);

/** Starts a run of the saved draft (what the editor shows), not of the latest version. */
export const startRun = (ws: string, flowId: string, parameters: Record<string, unknown>, dryRun: boolean) =>
  call("POST", `${flowUrl(ws, flowId)}/runs`, z.object({ runId: z.string() }).loose(), { parameters, dryRun, version: "draft" }).then(
    (r) => r.runId,
  );

export interface RunFilters {
  state?: string;
  dryRun?: boolean;
  limit?: number;
}

export function listRuns(ws: string, flowId: string, filters: RunFilters = {}): Promise<RunSummaryView[]> {
  const q = new URLSearchParams();
  if (filters.state) q.set("state", filters.state);
  if (filters.dryRun !== undefined) q.set("dryRun", String(filters.dryRun));
  q.set("limit", String(filters.limit ?? 50));
  return call("GET", `${flowUrl(ws, flowId)}/runs?${q.toString()}`, runListSchema).then((r) => r.runs);
}

export const getRun = (ws: string, runId: string, signal?: AbortSignal): Promise<RunDetail> =>
  call("GET", runUrl(ws, runId), runDetailSchema, undefined, signal);

export const retryRun = (ws: string, runId: string) =>
  call("POST", `${runUrl(ws, runId)}/retry`, z.object({ runId: z.string() }).loose()).then((r) => r.runId);

export const cancelRun = (ws: string, runId: string) => call("POST", `${runUrl(ws, runId)}/cancel`, z.unknown());

export const runEventsUrl = (ws: string, runId: string) => `${runUrl(ws, runId)}/events`;

/** Runs one node on the server with the saved draft; `input` is pinned or last-run data. */
export const testNode = (
  ws: string,
  flowId: string,
  nodeId: string,
  body: { input?: unknown; config?: Record<string, unknown> },
): Promise<StepView> =>
  call(
    "POST",
    `${flowUrl(ws, flowId)}/nodes/${enc(nodeId)}/test`,
    z.preprocess((raw) => (raw && typeof raw === "object" && "step" in raw ? raw.step : raw), stepSchema),
    body,
  );

export const listCredentials = (ws: string): Promise<CredentialSummary[]> =>
  call("GET", `/api/w/${enc(ws)}/credentials`, credentialListSchema).then((r) => r.credentials);

export const listVariableNames = (ws: string): Promise<string[]> =>
  call("GET", `/api/w/${enc(ws)}/variables`, variableListSchema).then((r) => r.variables.map((v) => v.name));
