import type { AuthzContext } from "@/lib/server/authz/caller";
import type { Action } from "@/lib/server/authz/permissions";
import { requireMember, type WorkspaceAccess } from "@/lib/server/authz/require-member";
import { getDb } from "@/lib/server/db/client";
import { authenticate } from "./authenticate";
import { toErrorResponse } from "./error-response";

export interface RouteContext<P> {
  params: Promise<P>;
}

/**
 * Wraps a route handler: every error, expected or not, becomes the JSON error envelope, and
 * responses are never cached. `P` names the route's path parameters.
 */
export function route<P = Record<string, never>>(handler: (req: Request, ctx: RouteContext<P>) => Promise<Response>) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    try {
      const res = await handler(req, ctx);
      if (!res.headers.has("Cache-Control")) res.headers.set("Cache-Control", "no-store");
      return res;
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/**
 * Like route(), for handlers that need a signed-in caller: authenticates the request first
 * (401 otherwise) and hands over the database and the caller.
 */
export function authedRoute<P = Record<string, never>>(handler: (req: Request, auth: AuthzContext, params: P) => Promise<Response>) {
  return route<P>(async (req, ctx) => {
    const db = getDb();
    const caller = await authenticate(req, db);
    return handler(req, { db, caller }, await ctx.params);
  });
}

export const json = (body: unknown, status = 200, headers?: Record<string, string>) => Response.json(body, { status, headers });
export const noContent = () => new Response(null, { status: 204 });

/**
 * Like authedRoute(), for routes under /api/w/:ws: checks the caller's role for `action` on
 * the workspace before the handler runs (404 for non-members, 403 for a role without it),
 * so a body is never parsed for someone who may not send it.
 */
export function workspaceRoute<P extends { ws: string }>(
  action: Action,
  handler: (req: Request, auth: AuthzContext & { access: WorkspaceAccess }, params: P) => Promise<Response>,
) {
  return authedRoute<P>(async (req, ctx, params) => {
    const access = await requireMember(ctx, params.ws, action);
    return handler(req, { ...ctx, access }, params);
  });
}
