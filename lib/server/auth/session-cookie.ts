import { decode } from "next-auth/jwt";

export const SESSION_COOKIE = "next-auth.session-token";
export const SECURE_SESSION_COOKIE = "__Secure-next-auth.session-token";

/** Session lifetime: two weeks, renewed once a day while in use. */
export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;

/** Cookie header → name/value map. */
export function parseCookieHeader(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw);
    }
  }
  return out;
}

/** next-auth splits large tokens into `<name>.0`, `<name>.1`…; joins them back. */
function sessionTokenFrom(cookies: Map<string, string>, name: string): string | undefined {
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`) ?? "");
  return chunks.length > 0 ? chunks.join("") : undefined;
}

/**
 * The user id of a valid, unexpired next-auth session JWT in these cookies, else undefined.
 * Used by route handlers and pages alike, so both read the session the same way.
 */
export async function sessionUserId(cookies: Map<string, string>, secret: string, secure: boolean): Promise<string | undefined> {
  const token = sessionTokenFrom(cookies, secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
  if (!token) return undefined;
  try {
    const payload = await decode({ token, secret });
    return typeof payload?.sub === "string" && payload.sub !== "" ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}
