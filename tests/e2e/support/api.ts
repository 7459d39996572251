import { expect, type APIRequestContext } from "@playwright/test";

/** Creates a personal API token for the signed-in user of `request`; returns the plain token. */
export async function createApiToken(request: APIRequestContext, name = "e2e"): Promise<string> {
  const res = await request.post("/api/me/tokens", { data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** Creates a flow (from a name) in a workspace; returns its id. */
export async function createFlowViaApi(request: APIRequestContext, workspace: string, name: string): Promise<string> {
  const res = await request.post(`/api/w/${workspace}/flows`, { data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { flow: { id: string } }).flow.id;
}
