/**
 * Drives route handlers in-process against a real, migrated database: the configuration is
 * set from the environment, DATABASE_URL points the app's own client (getDb) at the test
 * database, and requests carry a real next-auth session cookie or API token.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { hashPassword } from "@/lib/server/auth/password";
import { SESSION_COOKIE } from "@/lib/server/auth/session-cookie";
import { getConfig, resetConfigForTests } from "@/lib/server/config";
import { closeDb, type Db } from "@/lib/server/db/client";
import type { Provider } from "@/lib/server/db/schema-files";
import { createApiToken } from "@/lib/server/tokens/token-service";
import { createWorkspace } from "@/lib/server/workspaces/workspace-service";
import { withTestDb, type TestDatabase } from "@/tests/db/test-database";

export const TEST_SECRET = "dGVzdC1vbmx5LWF1dGgtc2VjcmV0LWZvci1zd2l0Y2h5YXJkLTEyMzQ1";

export interface TestApp {
  db: Db;
  database: TestDatabase;
  close: () => Promise<void>;
}

/** A fresh database of `provider` behind the app's getDb(), with test configuration. */
export async function startTestApp(provider: Provider = "sqlite"): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "switchyard-app-"));
  const database = await withTestDb(provider);
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: TEST_SECRET,
    SWITCHYARD_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
    SWITCHYARD_DATA_DIR: dataDir,
    NEXTAUTH_URL: "http://localhost:3000",
  });
  resetConfigForTests();
  getConfig();
  return {
    db: database.db,
    database,
    close: async () => {
      await closeDb();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
export function uniqueEmail(label = "user"): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  workspace: { id: string; slug: string; name: string };
}

export const TEST_PASSWORD = "a-long-test-password";
let testPasswordHash: Promise<string> | undefined;

/**
 * A user with a workspace of their own, as sign-up makes them. Seeded directly with one
 * password hash per process: scrypt is slow on purpose, and sign-up itself has its own tests.
 */
export async function createUser(db: Db, opts: { name?: string; email?: string; workspaceName?: string } = {}): Promise<TestUser> {
  const email = opts.email ?? uniqueEmail();
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const user = await db.user.create({ data: { email, name: opts.name ?? "Test User", passwordHash: await testPasswordHash } });
  const workspace = await createWorkspace(db, user.id, opts.workspaceName ?? "Test workspace");
  return { id: user.id, email, password: TEST_PASSWORD, workspace };
}

/** A Cookie header holding a session JWT, encoded exactly as next-auth does it. */
export async function sessionCookie(userId: string, secret = TEST_SECRET): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret });
  return `${SESSION_COOKIE}=${token}`;
}

export async function bearer(db: Db, userId: string): Promise<string> {
  const { token } = await createApiToken(db, userId, { name: "test" });
  return `Bearer ${token}`;
}

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export interface CallOptions<P> {
  method?: string;
  path?: string;
  params?: P;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  auth?: string;
}

export interface CallResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Calls a route handler like Next.js does: a Request plus `{ params: Promise }`. */
export async function call<P>(handler: Handler<P>, opts: CallOptions<P> = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.auth?.startsWith("Bearer ")) headers.authorization = opts.auth;
  else if (opts.auth) headers.cookie = opts.auth;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new Request(`http://localhost:3000${opts.path ?? "/"}`, { method: opts.method ?? "GET", headers, body });
  const res = await handler(req, { params: Promise.resolve((opts.params ?? {}) as P) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** The error envelope of a response, asserting its shape. */
export function errorOf(result: CallResult): { code: string; message: string; details: Record<string, unknown> | null } {
  const envelope = result.body as { error?: { code: string; message: string; details: Record<string, unknown> | null } };
  if (!envelope?.error || typeof envelope.error.code !== "string" || typeof envelope.error.message !== "string") {
    throw new Error(`not an error envelope (${result.status}): ${JSON.stringify(result.body)}`);
  }
  return envelope.error;
}

export async function addMember(db: Db, workspaceId: string, userId: string, role: string): Promise<void> {
  await db.membership.create({ data: { workspaceId, userId, role } });
}
