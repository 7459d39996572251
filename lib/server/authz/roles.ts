import { z } from "zod";

/** Workspace roles of SPEC §8, most powerful first. */
export const ROLES = ["owner", "admin", "editor", "runner", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

const RANK: Record<Role, number> = { owner: 5, admin: 4, editor: 3, runner: 2, viewer: 1 };

/** True when `role` is at least as powerful as `other`. */
export function roleAtLeast(role: Role, other: Role): boolean {
  return RANK[role] >= RANK[other];
}

export function parseRole(value: string): Role | undefined {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
