import { randomBytes } from "node:crypto";
import { FakeServer, portFromArgs, type FakeReply, type RecordedRequest } from "../fake-server";

/**
 * A loopback SendGrid v3 following its published contract: `POST /v3/mail/send` with
 * `Authorization: Bearer SG.…` and a JSON body, answered `202 Accepted` with an empty body and
 * `X-Message-Id`; errors as `{ errors: [{ message, field, help }] }`; the rate-limit headers
 * (`X-RateLimit-Limit/-Remaining/-Reset`, reset in epoch seconds) on every answer and a 429
 * "too many requests" when exhausted. `GET /v3/scopes` lists the key's permissions.
 */

export interface FakeApiKey {
  key: string;
  scopes: string[];
}

export interface SentMail {
  messageId: string;
  body: Record<string, unknown>;
}

const LIMIT = 600;

function rateHeaders(remaining: number, resetInSeconds = 60): Record<string, string> {
  return {
    "x-ratelimit-limit": String(LIMIT),
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + resetInSeconds),
  };
}

function errors(
  status: number,
  list: { message: string; field?: string | null }[],
  headers: Record<string, string> = rateHeaders(LIMIT - 1),
): FakeReply {
  return { status, headers, body: { errors: list.map((e) => ({ message: e.message, field: e.field ?? null, help: null })) } };
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function isAddress(value: unknown): value is { email: string; name?: string } {
  return typeof value === "object" && value !== null && typeof (value as { email?: unknown }).email === "string";
}

export class SendgridFake extends FakeServer {
  readonly keys = new Map<string, FakeApiKey>();
  readonly verifiedSenders = new Set<string>();
  readonly templates = new Set<string>();
  readonly sent: SentMail[] = [];

  constructor() {
    super({ notFound: () => errors(404, [{ message: "resource not found" }]) });
    this.route("POST", "/v3/mail/send", (req) => this.mailSend(req));
    this.route("GET", "/v3/scopes", (req) => this.scopes(req));
  }

  addKey(scopes: string[] = ["mail.send"]): FakeApiKey {
    const key = { key: `SG.${randomBytes(8).toString("hex")}.${randomBytes(16).toString("hex")}`, scopes };
    this.keys.set(key.key, key);
    return key;
  }

  verifySender(email: string): this {
    this.verifiedSenders.add(email.toLowerCase());
    return this;
  }

  addTemplate(id: string): this {
    this.templates.add(id);
    return this;
  }

  /** The next `count` calls get SendGrid's 429 with the reset time `resetInSeconds` from now. */
  rateLimitNext(count: number, resetInSeconds = 2): this {
    return this.failNext(count, () => errors(429, [{ message: "too many requests" }], rateHeaders(0, resetInSeconds)));
  }

  override reset(): void {
    super.reset();
    this.sent.length = 0;
  }

  private authenticate(req: RecordedRequest, scope?: string): FakeApiKey | FakeReply {
    const header = req.headers.authorization ?? "";
    const key = header.startsWith("Bearer ") ? this.keys.get(header.slice(7)) : undefined;
    if (!key) return errors(401, [{ message: "The provided authorization grant is invalid, expired, or revoked" }]);
    if (scope && !key.scopes.includes(scope)) return errors(403, [{ message: "access forbidden" }]);
    return key;
  }

  private scopes(req: RecordedRequest): FakeReply {
    const key = this.authenticate(req);
    if ("status" in key) return key;
    return { status: 200, headers: rateHeaders(LIMIT - 1), body: { scopes: key.scopes } };
  }

  private mailSend(req: RecordedRequest): FakeReply {
    const key = this.authenticate(req, "mail.send");
    if ("status" in key) return key;
    if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
      return errors(400, [{ message: "Content-Type should be application/json.", field: null }]);
    }
    if (typeof req.body !== "object" || req.body === null) return errors(400, [{ message: "Bad Request", field: null }]);
    const body = req.body as Record<string, unknown>;
    const problems = this.validate(body);
    if (problems.length > 0) return errors(400, problems);
    const from = body.from as { email: string };
    if (!this.verifiedSenders.has(from.email.toLowerCase())) {
      return errors(403, [
        {
          message: "The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved.",
          field: "from",
        },
      ]);
    }
    const messageId = randomBytes(11).toString("base64url");
    this.sent.push({ messageId, body });
    return { status: 202, headers: { ...rateHeaders(LIMIT - 1), "x-message-id": messageId } };
  }

  /** The checks SendGrid documents for v3 Mail Send, with its field naming (`personalizations.0.to`). */
  private validate(body: Record<string, unknown>): { message: string; field: string }[] {
    const problems: { message: string; field: string }[] = [];
    const personalizations = body.personalizations;
    if (!Array.isArray(personalizations) || personalizations.length === 0) {
      problems.push({
        message: "The personalizations field is required and must have at least one personalization.",
        field: "personalizations",
      });
    } else {
      if (personalizations.length > 1000)
        problems.push({ message: "The personalizations field must have 1000 or fewer items.", field: "personalizations" });
      let recipients = 0;
      personalizations.forEach((p: Record<string, unknown>, i) => {
        const to = p.to;
        if (!Array.isArray(to) || to.length === 0) {
          problems.push({
            message:
              "The to array is required for all personalization objects, and must have at least one email object with a valid email address.",
            field: `personalizations.${i}.to`,
          });
        }
        for (const kind of ["to", "cc", "bcc"]) {
          const list = p[kind];
          if (!Array.isArray(list)) continue;
          recipients += list.length;
          list.forEach((address: unknown, j) => {
            if (!isAddress(address) || !EMAIL.test(address.email)) {
              problems.push({ message: "Does not contain a valid address.", field: `personalizations.${i}.${kind}.${j}.email` });
            }
          });
        }
      });
      if (recipients > 1000) problems.push({ message: "The total number of recipients must be 1000 or fewer.", field: "personalizations" });
    }
    if (!isAddress(body.from) || !EMAIL.test(body.from.email))
      problems.push({ message: "The from object must be provided for every email send.", field: "from.email" });
    const templateId = body.template_id;
    if (templateId !== undefined && (typeof templateId !== "string" || !this.templates.has(templateId))) {
      problems.push({
        message: `The template_id must be a valid GUID, you provided '${JSON.stringify(templateId)}'.`,
        field: "template_id",
      });
    }
    if (templateId === undefined) {
      if (typeof body.subject !== "string" || body.subject === "")
        problems.push({
          message: "The subject is required. You can get around this requirement if you use a template with a subject defined.",
          field: "subject",
        });
      const content = body.content;
      if (!Array.isArray(content) || content.length === 0) {
        problems.push({ message: "Unless a valid template_id is provided, the content parameter is required.", field: "content" });
      } else if (content.length > 1 && (content[0] as { type?: unknown }).type !== "text/plain") {
        problems.push({ message: "If present, text/plain content must be first, followed by text/html.", field: "content.0.type" });
      }
    }
    if (Array.isArray(body.categories) && body.categories.length > 10)
      problems.push({ message: "Too many categories.", field: "categories" });
    return problems;
  }
}

export async function startSendgridFake(port = 0): Promise<SendgridFake> {
  return new SendgridFake().start(port);
}

// Standalone sandbox: `tsx tests/fakes/sendgrid/server.ts --port 4022`
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) {
  const fake = await startSendgridFake(portFromArgs(process.argv, 4022));
  const key = fake.addKey();
  fake.verifySender("sandbox@example.com");
  process.stdout.write(`SendGrid fake on ${fake.url}\nAPI key: ${key.key}\nverified sender: sandbox@example.com\n`);
}
