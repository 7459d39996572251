import { z } from "zod";
import type { Db } from "@/lib/server/db/client";
import { forbidden, AppError } from "@/lib/server/http/app-error";
import { acceptInvitation } from "@/lib/server/workspaces/invitation-service";
import { createWorkspace, type WorkspaceSummary } from "@/lib/server/workspaces/workspace-service";
import { workspaceNameSchema } from "@/lib/server/workspaces/workspace-schemas";
import { emailSchema } from "./email";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, hashPassword } from "./password";

export const signUpSchema = z
  .object({
    name: z
      .string({ error: "is required" })
      .trim()
      .min(1, { error: "must not be empty" })
      .max(100, { error: "must be at most 100 characters" }),
    email: emailSchema,
    password: z
      .string({ error: "is required" })
      .min(PASSWORD_MIN_LENGTH, { error: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
      .max(PASSWORD_MAX_LENGTH, { error: `must be at most ${PASSWORD_MAX_LENGTH} characters` }),
    workspaceName: workspaceNameSchema.optional(),
    /** The token of an invitation link: the new account joins that workspace. */
    invitation: z.string().min(1).max(200).optional(),
  })
  .strict();
export type SignUpInput = z.infer<typeof signUpSchema>;

export interface SignUpResult {
  user: { id: string; email: string; name: string | null };
  /** The workspace to open after signing in. */
  workspace: { id: string; slug: string; name: string };
  /** True for the very first account of this installation (it owns the first workspace). */
  firstUser: boolean;
}

export const isFreshInstall = async (db: Db): Promise<boolean> => (await db.user.count()) === 0;

/**
 * Creates an account. The first account of an installation creates the first workspace and
 * owns it; later ones get a workspace of their own, or join the one an invitation names.
 * With sign-up closed, only the first account and invited people can sign up.
 */
export async function signUp(db: Db, input: SignUpInput, opts: { allowSignup: boolean }): Promise<SignUpResult> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const firstUser = (await tx.user.count()) === 0;
    if (!firstUser && !opts.allowSignup && !input.invitation) {
      throw forbidden("Sign-up is closed on this Switchyard. Ask a workspace admin for an invitation link.");
    }
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("conflict", "An account with this email already exists. Sign in instead.", {
        details: { issues: [{ path: "email", message: "is already registered", code: "taken" }] },
      });
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
    let workspace: Pick<WorkspaceSummary, "id" | "slug" | "name">;
    if (input.invitation) {
      const joined = await acceptInvitation(tx, { userId: user.id, email: user.email }, input.invitation);
      const ws = await tx.workspace.findUniqueOrThrow({ where: { id: joined.workspaceId } });
      workspace = { id: ws.id, slug: ws.slug, name: ws.name };
    } else {
      workspace = await createWorkspace(tx, user.id, input.workspaceName ?? `${input.name.split(/\s+/)[0] ?? input.name}'s workspace`);
    }
    return {
      user: { id: user.id, email: user.email, name: user.name },
      workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
      firstUser,
    };
  });
}
