import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, createLogger, createMemoryRunStore, createRegistry, FLOW_SCHEMA_ID, silentWriter } from "@/lib/engine";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { FakeServer } from "@/tests/fakes/fake-server";
import { httpNodes } from "./index";

const TOKEN = "canary-http-token-55";
const api = new FakeServer().route("GET", "/leads", (req) => {
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: { error: "unauthorized" } };
  const page = Number(req.query.page ?? "0");
  return {
    status: 200,
    body: { leads: [{ id: page * 2 + 1 }, { id: page * 2 + 2 }], next: page < 2 ? page + 1 : null, echo: req.headers.authorization },
  };
});
beforeAll(() => api.start());
afterAll(() => api.stop());

async function run(fetchFn: typeof fetch) {
  const flow: FlowDocument = {
    schema: FLOW_SCHEMA_ID,
    name: "Pull leads",
    nodes: [
      {
        id: "pull",
        type: "core.http.request",
        typeVersion: 1,
        position: { x: 0, y: 0 },
        credential: "cred_api",
        config: {
          url: `${api.url}/leads`,
          authentication: "credential",
          pagination: { mode: "cursor", cursorPath: "next", cursorParam: "page", itemsPath: "leads" },
        },
        settings: { retries: 0 },
      },
    ],
    edges: [],
  };
  const store = createMemoryRunStore();
  const engine = createEngine({
    registry: createRegistry(httpNodes),
    store,
    logger: createLogger({ write: silentWriter }),
    fetch: fetchFn,
    credentials: { resolve: (id) => Promise.resolve({ id, type: "http.bearer", data: { token: TOKEN }, secrets: [TOKEN] }) },
  });
  const handle = await engine.startRun(flow, { trigger: { kind: "test" } });
  const record = await handle.done;
  await engine.shutdown(0);
  return { record, step: (await store.listSteps(record.id))[0]! };
}

describe("core.http.request in a flow", () => {
  it("paginates with the credential through the guarded fetch; the echoed token is redacted in the stored output", async () => {
    const { record, step } = await run(createGuardedFetch({ allowHosts: ["127.0.0.1"] }));
    expect(record.state).toBe("completed");
    expect((step.output as { items: { id: number }[] }).items.map((l) => l.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(JSON.stringify(step.output)).not.toContain(TOKEN);
  });

  it("fails with the SSRF guard's refusal when loopback is not allow-listed", async () => {
    const before = api.requests.length;
    const { record, step } = await run(createGuardedFetch());
    expect(record.state).toBe("failed");
    expect(step.error?.message).toContain("loopback");
    expect(api.requests).toHaveLength(before);
  });
});
