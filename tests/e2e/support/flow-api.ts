import { expect, type APIRequestContext } from "@playwright/test";

/** Replaces a flow's draft with `document` (the draft revision is read first), as the editor's autosave does. */
export async function saveDraftViaApi(request: APIRequestContext, ws: string, flowId: string, document: object): Promise<void> {
  const url = `/api/w/${ws}/flows/${flowId}`;
  const current = await request.get(url);
  expect(current.status(), await current.text()).toBe(200);
  const { draftRevision } = ((await current.json()) as { flow: { draftRevision: number } }).flow;
  const res = await request.put(url, { data: { document, draftRevision } });
  expect(res.status(), await res.text()).toBe(200);
}

/** Starts a run of the flow's draft, as the editor's Run button does; returns the run id. */
export async function startRunViaApi(
  request: APIRequestContext,
  ws: string,
  flowId: string,
  opts: { parameters?: Record<string, unknown>; dryRun?: boolean } = {},
): Promise<string> {
  const res = await request.post(`/api/w/${ws}/flows/${flowId}/runs`, {
    data: { parameters: opts.parameters ?? {}, dryRun: opts.dryRun ?? false, version: "draft" },
  });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { runId: string }).runId;
}

/** The flow's runs as the API lists them: id, state and whether each is a dry run. */
export async function listRunsViaApi(request: APIRequestContext, ws: string, flowId: string) {
  const res = await request.get(`/api/w/${ws}/flows/${flowId}/runs?limit=100`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { runs: { id: string; state: string; dryRun: boolean }[] }).runs;
}
