import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/server/auth/auth-options";
import { clientAddress } from "@/lib/server/auth/client-address";
import { normalizeEmail } from "@/lib/server/auth/email";
import { loginThrottle } from "@/lib/server/auth/login-throttle";
import { toErrorResponse } from "@/lib/server/http/error-response";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ nextauth: string[] }> };

const handler = (req: NextRequest, ctx: Ctx): Promise<Response> => NextAuth(req, ctx, getAuthOptions()) as Promise<Response>;

export const GET = handler;

/**
 * Password sign-ins pass the login throttle first, so a blocked address gets a real 429 with
 * Retry-After (next-auth itself can only redirect with an error code).
 */
export async function POST(req: NextRequest, ctx: Ctx): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    try {
      const form = await req.clone().formData();
      const email = form.get("email");
      loginThrottle().assertAllowed(clientAddress(req.headers), normalizeEmail(typeof email === "string" ? email : ""));
    } catch (err) {
      return toErrorResponse(err);
    }
  }
  return handler(req, ctx);
}
