import type { Caller } from "@/lib/server/authz/caller";
import { sessionUserId, parseCookieHeader } from "@/lib/server/auth/session-cookie";
import { getConfig } from "@/lib/server/config";
import type { Db } from "@/lib/server/db/client";
import { authenticateApiToken } from "@/lib/server/tokens/token-service";
import { forbidden, unauthorized } from "./app-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who sent this request: `Authorization: Bearer syd_…` (a personal API token), else the
 * next-auth session cookie. A bad token is a 401 even when a cookie is present, so scripts
 * learn their token is wrong. Cookie-authenticated writes must come from our own origin.
 */
export async function authenticate(req: Request, db: Db): Promise<Caller> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const found = match?.[1] ? await authenticateApiToken(db, match[1]) : undefined;
    if (!found) throw unauthorized("The API token is invalid, expired or revoked.");
    return { userId: found.user.id, email: found.user.email, name: found.user.name, via: "token", tokenId: found.tokenId };
  }

  const config = getConfig();
  const userId = await sessionUserId(
    parseCookieHeader(req.headers.get("cookie")),
    config.authSecret,
    config.publicUrl.startsWith("https://"),
  );
  if (!userId) throw unauthorized();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
  if (!user) throw unauthorized("Your session has ended. Sign in again.");
  if (!SAFE_METHODS.has(req.method.toUpperCase())) assertSameOrigin(req, config.publicUrl);
  return { userId: user.id, email: user.email, name: user.name, via: "session" };
}

/**
 * Cross-site request forgery guard for cookie sessions: SameSite=Lax already keeps the cookie
 * off cross-site POSTs; this also refuses same-site but foreign origins (a sibling subdomain).
 */
function assertSameOrigin(req: Request, publicUrl: string): void {
  if (req.headers.get("sec-fetch-site") === "cross-site") throw forbidden("Cross-site requests are not allowed.");
  const origin = req.headers.get("origin");
  if (origin === null) return;
  const allowed = new Set([new URL(publicUrl).origin, new URL(req.url).origin]);
  const host = req.headers.get("host");
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  if (!allowed.has(origin)) throw forbidden("Cross-origin requests are not allowed.");
}
