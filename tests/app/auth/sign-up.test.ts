import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as signUpRoute } from "@/app/api/auth/sign-up/route";
import { LoginThrottle } from "@/lib/server/auth/login-throttle";
import { signUp } from "@/lib/server/auth/sign-up";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { AppError } from "@/lib/server/http/app-error";
import { testProviders } from "@/tests/db/test-database";
import { call, errorOf, startTestApp, uniqueEmail, type TestApp } from "../support/test-app";

describe.each(await testProviders())("sign-up and password sign-in on %s", (provider) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(provider);
  });
  afterAll(() => app.close());

  it("makes the first account the owner of the first workspace, and gives later accounts their own", async () => {
    const email = uniqueEmail("owner");
    const first = await call(signUpRoute, {
      method: "POST",
      body: { name: "Ada Lovelace", email, password: "analytical-engine", workspaceName: "Acme Ops" },
    });
    expect(first.status).toBe(201);
    const firstBody = first.body as { firstUser: boolean; workspace: { slug: string; id: string }; user: { id: string } };
    expect(firstBody.firstUser).toBe(true);
    expect(firstBody.workspace.slug).toBe("acme-ops");
    const membership = await app.db.membership.findFirstOrThrow({ where: { userId: firstBody.user.id } });
    expect(membership.role).toBe("owner");
    expect(membership.workspaceId).toBe(firstBody.workspace.id);

    const second = await call(signUpRoute, {
      method: "POST",
      body: { name: "Grace Hopper", email: uniqueEmail("second"), password: "compiler-first" },
    });
    expect(second.status).toBe(201);
    const secondBody = second.body as { firstUser: boolean; workspace: { id: string; name: string } };
    expect(secondBody.firstUser).toBe(false);
    expect(secondBody.workspace.name).toBe("Grace's workspace");
    expect(secondBody.workspace.id).not.toBe(firstBody.workspace.id);
  });

  it("stores a scrypt hash, never the password", async () => {
    const email = uniqueEmail();
    await signUp(app.db, { name: "H", email, password: "hunter2-hunter2" }, { allowSignup: true });
    const user = await app.db.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain("hunter2");
  });

  it("answers 4xx envelopes naming the field for bad input and a taken email", async () => {
    const bad = await call(signUpRoute, { method: "POST", body: { name: "", email: "not-an-email", password: "short" } });
    expect(bad.status).toBe(400);
    const err = errorOf(bad);
    expect(err.code).toBe("validation_failed");
    const paths = (err.details?.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(["email", "name", "password"]);

    const email = uniqueEmail();
    await call(signUpRoute, { method: "POST", body: { name: "A", email, password: "password-one" } });
    const taken = await call(signUpRoute, { method: "POST", body: { name: "B", email: email.toUpperCase(), password: "password-two" } });
    expect(taken.status).toBe(409);
    expect(errorOf(taken).message).toMatch(/already exists/);

    const notJson = await call(signUpRoute, { method: "POST", rawBody: "{nope", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson).code).toBe("invalid_json");
  });

  it("refuses sign-up when it is closed, except for invited people", async () => {
    await expect(
      signUp(app.db, { name: "X", email: uniqueEmail(), password: "closed-door-1" }, { allowSignup: false }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });

  it("verifies passwords, hides whether an account exists, and throttles after repeated failures", async () => {
    const email = uniqueEmail("login");
    const { user } = await signUp(app.db, { name: "L", email, password: "right-password" }, { allowSignup: true });
    const throttle = new LoginThrottle();
    const address = "203.0.113.7";
    expect(await verifyCredentials(app.db, throttle, { email: email.toUpperCase(), password: "right-password", address })).toMatchObject({
      id: user.id,
    });
    expect(await verifyCredentials(app.db, throttle, { email: uniqueEmail("nobody"), password: "right-password", address })).toBeNull();
    for (let i = 0; i < 5; i++) {
      expect(await verifyCredentials(app.db, throttle, { email, password: "wrong-password", address })).toBeNull();
    }
    const blocked = verifyCredentials(app.db, throttle, { email, password: "right-password", address });
    await expect(blocked).rejects.toBeInstanceOf(AppError);
    await expect(blocked).rejects.toMatchObject({ status: 429 });
    // The same account from another address still works.
    expect(await verifyCredentials(app.db, throttle, { email, password: "right-password", address: "198.51.100.1" })).toMatchObject({
      id: user.id,
    });
  });
});
