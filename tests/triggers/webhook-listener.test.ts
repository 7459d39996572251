import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRuntime, getRuntime } from "@/lib/server/runtime/get-runtime";
import { createHookListener } from "@/lib/server/triggers/hooks/hook-listener";
import { getWebhookIngest } from "@/lib/server/triggers/webhook-endpoint";
import { createUser, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";
import { createHook } from "./webhook-support";

describe("webhook endpoint on a bare Node http listener", () => {
  let app: TestApp;
  let user: TestUser;
  let server: Server;
  let base = "";

  beforeAll(async () => {
    app = await startTestApp();
    user = await createUser(app.db);
    server = createHookListener(getWebhookIngest());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await closeRuntime(0);
    await app?.close();
  });

  it("takes a request like the route does, with the run's answer in wait mode", async () => {
    const { hookId } = await createHook(app.db, user, { response: { mode: "wait" } });
    const res = await fetch(`${base}/api/hooks/${hookId}?via=listener`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ amount: 101 }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-flow")).toBe("big");
    expect(await res.json()).toEqual({ big: true, amount: 101 });
  });

  it("answers 202, 413 (closing the connection) and 404 for other paths", async () => {
    const { hookId } = await createHook(app.db, user, { maxBodyBytes: 64 });
    const ok = await fetch(`${base}/api/hooks/${hookId}`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(ok.status).toBe(202);
    const { runId } = (await ok.json()) as { runId: string };
    expect((await getRuntime().whenFinished(runId))?.state).toBe("completed");

    const big = await fetch(`${base}/api/hooks/${hookId}`, { method: "POST", body: "x".repeat(1000) });
    expect(big.status).toBe(413);
    expect(big.headers.get("connection")).toBe("close");
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");

    const other = await fetch(`${base}/api/w/x/flows`);
    expect(other.status).toBe(404);
  });
});
