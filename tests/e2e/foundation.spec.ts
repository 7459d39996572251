import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signInViaApi, signUpViaApi, signedInAccount } from "./support/accounts";
import { createApiToken, createFlowViaApi } from "./support/api";
import { TEST_PASSWORD, uniqueEmail, uniqueId } from "./support/unique";

const SCREENSHOTS = path.resolve("docs/screenshots");

test("a new user signs up, creates a workspace, sees the empty flows page and uses an API token", async ({ page, playwright, baseURL }) => {
  const email = uniqueEmail("signup");
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Nora Newcomer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByLabel("Workspace name").fill(`Ops ${uniqueId()}`);
  await page.getByRole("button", { name: /create (owner )?account/i }).click();

  await expect(page).toHaveURL(/\/w\/ops-[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: "Flows", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No flows yet" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New flow" })).toBeVisible();

  // A second workspace, created from the switcher.
  await page.getByRole("button", { name: /switch workspace/i }).click();
  await page.getByRole("menuitem", { name: "New workspace" }).click();
  const teamName = `Growth ${uniqueId()}`;
  await page.getByLabel("Workspace name").fill(teamName);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/growth-[a-z0-9]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2] as string;
  await expect(page.getByRole("heading", { name: "No flows yet" })).toBeVisible();
  await expect(page.getByRole("button", { name: new RegExp(`Workspace: ${teamName}`) })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, "workspace-empty.png") });

  // A personal API token, created in settings and used without the browser session.
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await page.getByLabel("Name", { exact: true }).fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^syd_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText("never used")).toBeVisible();

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const res = await api.get(`/api/w/${slug}/flows`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  expect(await res.json()).toMatchObject({ workspace: { slug, name: teamName, role: "owner" }, flows: [] });
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get(`/api/w/${slug}/flows`)).status()).toBe(401);

  // "New flow" creates a flow and opens it in the editor.
  await page.goto(`/w/${slug}`);
  await page.getByRole("button", { name: "New flow" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/flows/[A-Za-z0-9_-]+$`));
  const listed = (await (await api.get(`/api/w/${slug}/flows`)).json()) as { flows: { name: string }[] };
  expect(listed.flows.map((f) => f.name)).toEqual(["Untitled flow"]);
  await api.dispose();
  await anonymous.dispose();
});

test("the workspace home lists flows (README screenshot)", async ({ context, page }) => {
  const account = await signedInAccount(context, { name: "Rita Ops", email: uniqueEmail("rita"), workspaceName: "Acme Operations" });
  const ws = account.workspace.slug;
  const flows: [string, number, number][] = [
    ["Content plan to Jira", 5, 0],
    ["Nurture sequence", 4, 1],
    ["Lead opt-in", 7, 3],
  ];
  for (const [name, nodeCount, versions] of flows) {
    const nodes = Array.from({ length: nodeCount }, (_, i) => ({
      id: `n${i}`,
      type: "core.noop",
      typeVersion: 1,
      position: { x: i * 220, y: 0 },
      config: {},
    }));
    const created = await context.request.post(`/api/w/${ws}/flows`, { data: { schema: "switchyard.flow/v1", name, nodes, edges: [] } });
    expect(created.status()).toBe(201);
    const { flow } = (await created.json()) as { flow: { id: string } };
    for (let v = 0; v < versions; v++)
      expect((await context.request.post(`/api/w/${ws}/flows/${flow.id}/versions`, { data: { message: `v${v + 1}` } })).status()).toBe(201);
  }
  await page.goto(`/w/${ws}`);
  const items = page.getByRole("main").getByRole("listitem");
  await expect(items).toHaveCount(3);
  await expect(items.first()).toContainText("Lead opt-in");
  await expect(items.first()).toContainText("7 nodes");
  await expect(items.first()).toContainText("v3");
  await expect(items.last()).toContainText("Draft");
  await page.screenshot({ path: path.join(SCREENSHOTS, "workspace-home.png") });
});

/** Every page under /w/[ws], found on disk, so new pages are covered by existing. */
function workspacePages(dir = path.resolve("app/w/[ws]"), rel = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return workspacePages(path.join(dir, entry.name), `${rel}/${entry.name}`);
    return entry.name === "page.tsx" ? [rel] : [];
  });
}

test("a user of another workspace gets 404 on every page and API of this one", async ({ browser, playwright, baseURL }) => {
  const ownerContext = await browser.newContext();
  const owner = await signedInAccount(ownerContext);
  const flowId = await createFlowViaApi(ownerContext.request, owner.workspace.slug, "Private plans");

  const otherContext = await browser.newContext();
  const other = await signedInAccount(otherContext);
  const otherToken = await createApiToken(otherContext.request);
  const page = await otherContext.newPage();

  const ids: Record<string, string> = { flowId };
  const pages = workspacePages().map(
    (rel) => `/w/${owner.workspace.slug}${rel.replace(/\[(\w+)\]/g, (_, name: string) => ids[name] ?? "placeholder-id")}`,
  );
  expect(pages.length).toBeGreaterThanOrEqual(4);
  for (const url of pages) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Private plans")).toHaveCount(0);
  }
  // Their own workspace still works.
  expect((await page.goto(`/w/${other.workspace.slug}`))?.status()).toBe(200);

  const apiUrls = [
    `/api/w/${owner.workspace.slug}`,
    `/api/w/${owner.workspace.slug}/flows`,
    `/api/w/${owner.workspace.slug}/flows/${flowId}`,
    `/api/w/${owner.workspace.slug}/members`,
  ];
  const withToken = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${otherToken}` } });
  for (const url of apiUrls) {
    for (const request of [otherContext.request, withToken]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
  }
  const put = await otherContext.request.put(`/api/w/${owner.workspace.slug}/flows/${flowId}`, { data: {} });
  expect(put.status()).toBe(404);
  expect((await ownerContext.request.get(`/api/w/${owner.workspace.slug}/flows/${flowId}`)).status()).toBe(200);
  await withToken.dispose();
  await ownerContext.close();
  await otherContext.close();
});

test("signing in: wrong passwords are refused, then rate-limited with a clear 429", async ({ page, playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const account = await signUpViaApi(request);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That email and password do not match an account.");

  const attempt = async () => {
    const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return request.post("/api/auth/callback/credentials", {
      form: { email: account.email, password: "wrong-again", csrfToken: csrf.csrfToken, json: "true" },
    });
  };
  let last = await attempt();
  for (let i = 0; i < 6 && last.status() !== 429; i++) last = await attempt();
  expect(last.status()).toBe(429);
  expect(Number(last.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await last.json()).toMatchObject({
    error: { code: "rate_limited", message: expect.stringMatching(/Too many failed sign-in attempts/) as unknown },
  });

  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Too many failed sign-in attempts");
  await request.dispose();
});

test("an invited person joins with the role of the invitation", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await signedInAccount(adminContext);
  const adminPage = await adminContext.newPage();
  await adminPage.goto(`/w/${admin.workspace.slug}/settings/members`);
  const inviteeEmail = uniqueEmail("invitee");
  await adminPage.getByLabel("Email").fill(inviteeEmail);
  await adminPage.getByLabel("Role").selectOption("runner");
  await adminPage.getByRole("button", { name: "Create link" }).click();
  const link = (await adminPage.getByTestId("invitation-link").textContent())?.trim() ?? "";
  expect(link).toContain("/invite/");

  const inviteeContext = await browser.newContext();
  const page = await inviteeContext.newPage();
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: `Join ${admin.workspace.name}` })).toBeVisible();
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Your name").fill("Ivy Invitee");
  await expect(page.getByLabel("Email")).toHaveValue(inviteeEmail);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${admin.workspace.slug}$`));

  await adminPage.reload();
  await expect(adminPage.getByRole("listitem").filter({ hasText: inviteeEmail })).toContainText("runner");
  // A runner sees flows but cannot create them.
  await expect(page.getByRole("heading", { name: "No flows yet" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New flow" })).toHaveCount(0);
  await signInViaApi(inviteeContext.request, { email: inviteeEmail, password: TEST_PASSWORD });
  expect((await inviteeContext.request.post(`/api/w/${admin.workspace.slug}/flows`, { data: { name: "nope" } })).status()).toBe(403);
  await adminContext.close();
  await inviteeContext.close();
});
