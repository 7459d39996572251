import { z } from "zod";
import { emailSchema } from "@/lib/server/auth/email";
import { roleSchema } from "@/lib/server/authz/roles";

export const workspaceNameSchema = z
  .string({ error: "is required" })
  .trim()
  .min(1, { error: "must not be empty" })
  .max(80, { error: "must be at most 80 characters" });

export const createWorkspaceSchema = z.object({ name: workspaceNameSchema }).strict();

export const updateWorkspaceSchema = z
  .object({
    name: workspaceNameSchema.optional(),
    runRetentionDays: z.number().int().min(0).max(3650).optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.runRetentionDays !== undefined, { error: "send `name` or `runRetentionDays`" });

export const changeRoleSchema = z.object({ role: roleSchema }).strict();

export const createInvitationSchema = z.object({ email: emailSchema, role: roleSchema.default("editor") }).strict();

export const transferOwnershipSchema = z.object({ userId: z.string().min(1).max(100) }).strict();

export const acceptInvitationSchema = z.object({ token: z.string().min(1).max(200) }).strict();
