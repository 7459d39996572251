import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { FakeServer, portFromArgs, type FakeReply, type RecordedRequest } from "../fake-server";

/**
 * A loopback Loops API (paths under `/api/v1`) following the published contract: Bearer API
 * key (401 `Invalid API key`), per-second rate limit with `x-ratelimit-limit` /
 * `x-ratelimit-remaining` on every answer and a bare 429 beyond it, `{success:false,
 * message}` errors, string values ≤ 500 characters, Idempotency-Key (≤ 100 characters, a
 * reuse within 24 h answers 409) on events and transactional sends. Contacts, events and
 * sent emails live in memory.
 *
 * Standalone sandbox: `tsx tests/fakes/loops/server.ts --port 4011 [--key …]`; the
 * credential's base URL is `<url>/api`.
 */

export const LOOPS_FAKE_KEY = "d2d561f5ff80136f69b4b5a31b9fb3c9";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export interface LoopsContactRecord extends Json {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  source: string;
  subscribed: boolean;
  userGroup: string;
  userId: string | null;
  mailingLists: Record<string, true>;
  optInStatus: null;
}

export interface TransactionalTemplate {
  id: string;
  name: string;
  /** Variables the email uses; a send without one of them is refused. */
  dataVariables: string[];
}

export interface LoopsFakeOptions {
  keys?: string[];
  /** Requests per second before 429 (Loops' baseline is 10). */
  ratePerSecond?: number;
  teamName?: string;
}

const MAX_STRING = 500;
const MAX_KEY = 100;
const MAX_TRANSACTIONAL_BYTES = 4 * 1024 * 1024;
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STANDARD_FIELDS = new Set(["email", "firstName", "lastName", "source", "subscribed", "userGroup", "userId", "mailingLists"]);

const fail = (status: number, message: string): FakeReply => ({ status, body: { success: false, message } });

class LoopsApiError extends Error {
  constructor(readonly reply: FakeReply) {
    super("loops error");
  }
}
const refuse = (status: number, message: string): LoopsApiError => new LoopsApiError(fail(status, message));

function cuid(): string {
  return `cl${randomBytes(12).toString("hex").slice(0, 23)}`;
}

/** Any string longer than Loops allows, anywhere in the body. */
function checkLengths(value: unknown): void {
  if (typeof value === "string" && value.length > MAX_STRING) throw refuse(400, "Some body key or value is longer than allowable");
  if (Array.isArray(value)) value.forEach((v) => checkLengths(v));
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.length > MAX_STRING) throw refuse(400, "Some body key or value is longer than allowable");
      checkLengths(v);
    }
  }
}

interface Settings {
  keys: Set<string>;
  ratePerSecond: number;
  recent: number[];
}

export class LoopsFake extends FakeServer {
  readonly contacts = new Map<string, LoopsContactRecord>();
  readonly events: Json[] = [];
  readonly sentEmails: Json[] = [];
  readonly transactionals = new Map<string, TransactionalTemplate>();
  private readonly idempotency = new Map<string, number>();
  private readonly settings: Settings;
  private readonly teamName: string;

  constructor(options: LoopsFakeOptions = {}) {
    const settings: Settings = { keys: new Set(options.keys ?? [LOOPS_FAKE_KEY]), ratePerSecond: options.ratePerSecond ?? 10, recent: [] };
    super({
      guard: (req) => guard(req, settings),
      notFound: (req) => (KNOWN_PATHS.has(req.path) ? fail(405, "Method not allowed.") : fail(404, "Not found.")),
    });
    this.settings = settings;
    this.teamName = options.teamName ?? "Switchyard fake team";
    this.installRoutes();
  }

  addTransactional(template: TransactionalTemplate): this {
    this.transactionals.set(template.id, template);
    return this;
  }

  /** The next `count` requests answer Loops' 429 (rate headers, no Retry-After). */
  rateLimitNext(count = 1): this {
    return this.failNext(count, () => ({
      status: 429,
      headers: { "x-ratelimit-limit": String(this.settings.ratePerSecond), "x-ratelimit-remaining": "0" },
      body: { success: false, message: "Rate limit exceeded." },
    }));
  }

  serverErrorNext(count = 1, status: 500 | 502 | 503 = 500): this {
    return this.failNext(count, () => fail(status, "Internal server error."));
  }

  clearData(): void {
    this.contacts.clear();
    this.events.length = 0;
    this.sentEmails.length = 0;
    this.idempotency.clear();
    this.settings.recent = [];
  }

  findContact(query: { email?: string; userId?: string }): LoopsContactRecord | undefined {
    return [...this.contacts.values()].find(
      (c) =>
        (query.email !== undefined && c.email.toLowerCase() === query.email.toLowerCase()) ||
        (query.userId !== undefined && c.userId === query.userId),
    );
  }

  private on(method: string, path: string, handler: (req: RecordedRequest) => Json | Json[]): void {
    this.route(method, path, (req) => {
      const headers = rateHeaders(this.settings);
      try {
        return { status: 200, headers, body: handler(req) };
      } catch (err) {
        if (err instanceof LoopsApiError) return { ...err.reply, headers: { ...headers, ...err.reply.headers } };
        throw err;
      }
    });
  }

  private upsertFields(contact: LoopsContactRecord, body: Json): void {
    for (const [key, value] of Object.entries(body)) {
      if (key === "email" || key === "userId" || value === undefined) continue;
      if (key === "mailingLists") {
        if (!isObject(value)) throw refuse(400, "mailingLists must be an object.");
        for (const [list, on] of Object.entries(value)) {
          if (on === true) contact.mailingLists[list] = true;
          else delete contact.mailingLists[list];
        }
        continue;
      }
      if (key === "subscribed") {
        if (typeof value !== "boolean") throw refuse(400, "subscribed must be a boolean.");
        contact.subscribed = value;
        continue;
      }
      if (!STANDARD_FIELDS.has(key) && !(value === null || ["string", "number", "boolean"].includes(typeof value))) {
        throw refuse(400, `Invalid value for contact property ${key}.`);
      }
      contact[key] = value;
    }
  }

  private newContact(body: Json): LoopsContactRecord {
    const email = body.email;
    if (typeof email !== "string" || !EMAIL.test(email)) throw refuse(400, "Invalid email address.");
    const contact: LoopsContactRecord = {
      id: cuid(),
      email,
      firstName: null,
      lastName: null,
      source: "API",
      subscribed: true,
      userGroup: "",
      userId: typeof body.userId === "string" ? body.userId : null,
      mailingLists: {},
      optInStatus: null,
    };
    this.upsertFields(contact, body);
    this.contacts.set(contact.id, contact);
    return contact;
  }

  /** Refuses a reused key within 24 h; remembers a new one. */
  private checkIdempotency(req: RecordedRequest): void {
    const key = req.headers["idempotency-key"];
    if (key === undefined) return;
    if (key.length > MAX_KEY) throw refuse(400, "Idempotency key must be 100 characters or less.");
    const seen = this.idempotency.get(key);
    if (seen !== undefined && Date.now() - seen < IDEMPOTENCY_WINDOW_MS) {
      throw refuse(409, "Idempotency key already used with a different request body.");
    }
    this.idempotency.set(key, Date.now());
  }

  private installRoutes(): void {
    const body = (req: RecordedRequest): Json => {
      if (!isObject(req.body)) throw refuse(400, "Invalid JSON body.");
      return req.body;
    };
    const identifier = (source: Record<string, unknown>): { email?: string; userId?: string } => {
      const email = typeof source.email === "string" && source.email !== "" ? source.email : undefined;
      const userId = typeof source.userId === "string" && source.userId !== "" ? source.userId : undefined;
      if (email && userId) throw refuse(400, "Only one parameter is allowed.");
      if (!email && !userId) throw refuse(400, "You must provide an email or userId value.");
      return email ? { email } : { userId };
    };

    this.on("GET", "/api/v1/api-key", () => ({ success: true, teamName: this.teamName }));

    this.on("POST", "/api/v1/contacts/create", (req) => {
      const b = body(req);
      checkLengths(b);
      if (typeof b.email === "string" && this.findContact({ email: b.email })) throw refuse(409, "Email or userId is already on list.");
      if (typeof b.userId === "string" && this.findContact({ userId: b.userId })) throw refuse(409, "Email or userId is already on list.");
      return { success: true, id: this.newContact(b).id };
    });

    this.on("PUT", "/api/v1/contacts/update", (req) => {
      const b = body(req);
      checkLengths(b);
      const email = typeof b.email === "string" ? b.email : undefined;
      const userId = typeof b.userId === "string" ? b.userId : undefined;
      if (!email && !userId) throw refuse(400, "You must provide an email or userId value.");
      const existing = (userId ? this.findContact({ userId }) : undefined) ?? (email ? this.findContact({ email }) : undefined);
      if (!existing) return { success: true, id: this.newContact(b).id };
      if (email && email !== existing.email) {
        if (!EMAIL.test(email)) throw refuse(400, "Invalid email address.");
        existing.email = email;
      }
      if (userId) existing.userId = userId;
      this.upsertFields(existing, b);
      return { success: true, id: existing.id };
    });

    this.on("GET", "/api/v1/contacts/find", (req) => {
      const query = identifier(req.query);
      if (query.email && !EMAIL.test(query.email)) throw refuse(400, "Invalid email address.");
      const contact = this.findContact(query);
      return contact ? [structuredClone(contact)] : [];
    });

    this.on("POST", "/api/v1/contacts/delete", (req) => {
      const contact = this.findContact(identifier(body(req)));
      if (!contact) throw refuse(404, "Contact not found.");
      this.contacts.delete(contact.id);
      return { success: true, message: "Contact deleted." };
    });

    this.on("POST", "/api/v1/events/send", (req) => {
      const b = body(req);
      checkLengths(b);
      if (typeof b.eventName !== "string" || b.eventName === "") throw refuse(400, "eventName is required.");
      const email = typeof b.email === "string" ? b.email : undefined;
      const userId = typeof b.userId === "string" ? b.userId : undefined;
      if (!email && !userId) throw refuse(400, "You must provide an email or userId value.");
      if (b.eventProperties !== undefined) {
        if (!isObject(b.eventProperties)) throw refuse(400, "eventProperties must be an object.");
        for (const [k, v] of Object.entries(b.eventProperties)) {
          if (!["string", "number", "boolean"].includes(typeof v)) throw refuse(400, `Invalid value for event property ${k}.`);
        }
      }
      this.checkIdempotency(req);
      const { eventName, eventProperties, ...contactFields } = b;
      const contact = (userId ? this.findContact({ userId }) : undefined) ?? (email ? this.findContact({ email }) : undefined);
      if (contact) this.upsertFields(contact, contactFields);
      else if (email) this.newContact(contactFields);
      else throw refuse(400, "No contact found with this userId; include an email to create one.");
      this.events.push({ eventName, email, userId, eventProperties: eventProperties ?? {}, at: Date.now() });
      return { success: true };
    });

    this.on("POST", "/api/v1/transactional", (req) => {
      if (Buffer.byteLength(req.rawBody, "utf8") > MAX_TRANSACTIONAL_BYTES) throw refuse(413, "Request body too large.");
      const b = body(req);
      if (typeof b.transactionalId !== "string" || b.transactionalId === "") {
        throw new LoopsApiError({
          status: 400,
          body: { success: false, type: "error", path: "transactionalId", message: "transactionalId is required." },
        });
      }
      if (typeof b.email !== "string" || !EMAIL.test(b.email)) {
        throw new LoopsApiError({ status: 400, body: { success: false, type: "error", path: "email", message: "Invalid email address." } });
      }
      const template = this.transactionals.get(b.transactionalId);
      if (!template) {
        throw new LoopsApiError({
          status: 404,
          body: { success: false, type: "error", path: "transactionalId", message: "Transactional email not found." },
        });
      }
      const variables = isObject(b.dataVariables) ? b.dataVariables : {};
      const missing = template.dataVariables.filter((name) => variables[name] === undefined);
      if (missing.length > 0) {
        throw new LoopsApiError({
          status: 400,
          body: {
            success: false,
            type: "nestedError",
            error: { path: "dataVariables", message: `Missing required fields: ${missing.join(", ")}` },
            transactionalId: template.id,
          },
        });
      }
      this.checkIdempotency(req);
      if (b.addToAudience === true && !this.findContact({ email: b.email })) this.newContact({ email: b.email, source: "Transactional" });
      this.sentEmails.push({ transactionalId: template.id, email: b.email, dataVariables: variables, at: Date.now() });
      return { success: true };
    });
  }
}

const KNOWN_PATHS = new Set([
  "/api/v1/api-key",
  "/api/v1/contacts/create",
  "/api/v1/contacts/update",
  "/api/v1/contacts/find",
  "/api/v1/contacts/delete",
  "/api/v1/events/send",
  "/api/v1/transactional",
]);

function rateHeaders(settings: Settings): Record<string, string> {
  return {
    "x-ratelimit-limit": String(settings.ratePerSecond),
    "x-ratelimit-remaining": String(Math.max(0, settings.ratePerSecond - settings.recent.length)),
  };
}

function guard(req: RecordedRequest, settings: Settings): FakeReply | undefined {
  const now = Date.now();
  settings.recent = settings.recent.filter((t) => now - t < 1000);
  if (settings.recent.length >= settings.ratePerSecond) {
    return { status: 429, headers: rateHeaders(settings), body: { success: false, message: "Rate limit exceeded." } };
  }
  settings.recent.push(now);
  const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
  if (!key || !settings.keys.has(key)) {
    return { status: 401, headers: rateHeaders(settings), body: { success: false, message: "Invalid API key", error: "Invalid API key" } };
  }
  if (req.rawBody !== "" && req.body === undefined)
    return { status: 400, headers: rateHeaders(settings), body: { success: false, message: "Invalid JSON body." } };
  return undefined;
}

/** A fixed transactional email for the sandbox, so e2e flows and templates can send it. */
export const LOOPS_SANDBOX = { transactionalId: "clswitchyardwelcome000001" };

export function seedSandbox(fake: LoopsFake): typeof LOOPS_SANDBOX {
  fake.addTransactional({ id: LOOPS_SANDBOX.transactionalId, name: "Welcome", dataVariables: ["name"] });
  return LOOPS_SANDBOX;
}

async function main(argv: readonly string[]): Promise<void> {
  const keyIndex = argv.indexOf("--key");
  const key = keyIndex >= 0 ? argv[keyIndex + 1] : undefined;
  const fake = new LoopsFake({ keys: [key ?? LOOPS_FAKE_KEY] });
  const ids = seedSandbox(fake);
  await fake.start(portFromArgs(argv, 4011));
  console.log(fake.url);
  console.log(JSON.stringify({ service: "loops", url: fake.url, baseUrl: `${fake.url}/api`, apiKey: key ?? LOOPS_FAKE_KEY, ...ids }));
  const stop = (): void => void fake.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2));
}
