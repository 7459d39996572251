import { expect, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { TEST_PASSWORD, uniqueEmail, uniqueId } from "./unique";

export interface Account {
  name: string;
  email: string;
  password: string;
  workspace: { id: string; slug: string; name: string };
}

/** Creates an account through the API (with a workspace of its own). */
export async function signUpViaApi(
  request: APIRequestContext,
  opts: { name?: string; email?: string; workspaceName?: string } = {},
): Promise<Account> {
  const name = opts.name ?? `Tester ${uniqueId()}`;
  const email = opts.email ?? uniqueEmail();
  const res = await request.post("/api/auth/sign-up", {
    data: { name, email, password: TEST_PASSWORD, workspaceName: opts.workspaceName ?? `Workspace ${uniqueId()}` },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { workspace: Account["workspace"] };
  return { name, email, password: TEST_PASSWORD, workspace: body.workspace };
}

/**
 * Signs in through next-auth's credentials endpoint, as the sign-in form does; the session
 * cookie lands in the request context's cookie jar (shared with its browser context).
 */
export async function signInViaApi(request: APIRequestContext, account: Pick<Account, "email" | "password">): Promise<void> {
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email: account.email, password: account.password, csrfToken: csrf.csrfToken, json: "true" },
  });
  expect(res.status(), await res.text()).toBe(200);
  const { url } = (await res.json()) as { url: string };
  expect(new URL(url).searchParams.get("error"), "sign-in error").toBeNull();
}

/** A new account, signed in in `context` (its pages and its `request`). */
export async function signedInAccount(context: BrowserContext, opts: Parameters<typeof signUpViaApi>[1] = {}): Promise<Account> {
  const account = await signUpViaApi(context.request, opts);
  await signInViaApi(context.request, account);
  return account;
}
