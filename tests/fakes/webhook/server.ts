import { FakeServer, portFromArgs, type FakeReply, type RecordedRequest } from "../fake-server";

/**
 * A loopback receiver for custom webhooks and notifications: any method on `/hooks/{name}`,
 * recording what arrived. A hook may require a header (a shared token: 401 without it, 403
 * with a wrong one) and may echo the request back, as some receivers do, so tests can prove
 * secrets never come back out of an output.
 */

export interface HookOptions {
  /** Header that must carry `value`, e.g. `{ name: "authorization", value: "Bearer t" }`. */
  requireHeader?: { name: string; value: string };
  /** Answer with the received request (method, headers, body) instead of `{ ok: true }`. */
  echo?: boolean;
  /** Answer status on success (default 200). */
  status?: number;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export class WebhookFake extends FakeServer {
  private readonly hooks = new Map<string, HookOptions>();

  constructor() {
    super();
    for (const method of METHODS) this.route(method, "/hooks/:name", (req, p) => this.receive(req, p.name ?? ""));
  }

  /** Registers `/hooks/{name}` and returns its URL. */
  addHook(name: string, options: HookOptions = {}): string {
    this.hooks.set(name, options);
    return `${this.url}/hooks/${name}`;
  }

  /** Requests that reached a hook, oldest first. */
  received(name: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === `/hooks/${name}`);
  }

  private receive(req: RecordedRequest, name: string): FakeReply {
    const hook = this.hooks.get(name);
    if (!hook) return { status: 404, body: { error: "no such hook" } };
    if (hook.requireHeader) {
      const got = req.headers[hook.requireHeader.name.toLowerCase()];
      if (got === undefined) return { status: 401, body: { error: "missing credentials" } };
      if (got !== hook.requireHeader.value) return { status: 403, body: { error: "invalid token" } };
    }
    if (hook.echo) return { status: hook.status ?? 200, body: { method: req.method, headers: req.headers, body: req.body ?? req.rawBody } };
    return { status: hook.status ?? 200, body: { ok: true } };
  }
}

export async function startWebhookFake(port = 0): Promise<WebhookFake> {
  return new WebhookFake().start(port);
}

// Standalone sandbox: `tsx tests/fakes/webhook/server.ts --port 4023`
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) {
  const fake = await startWebhookFake(portFromArgs(process.argv, 4023));
  const url = fake.addHook("sandbox", { echo: true });
  process.stdout.write(`Webhook receiver on ${fake.url}\nhook URL (echoes requests): ${url}\n`);
}
