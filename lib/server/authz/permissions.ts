import type { Role } from "./roles";

/**
 * The role matrix of SPEC §8, as the one table every route handler and server action asks.
 * Each action names what it guards; the comment gives the SPEC row it comes from.
 */
export const PERMISSIONS = {
  /** "view flows, runs, artifacts" — also the workspace itself and its member list. */
  "workspace:read": ["owner", "admin", "editor", "runner", "viewer"],
  /** "run flows, test nodes" — also retry and cancel runs. */
  "flow:run": ["owner", "admin", "editor", "runner"],
  /** "create, edit, delete flows; restore versions" — also the flows' triggers. */
  "flow:write": ["owner", "admin", "editor"],
  /** "use credentials and variables" (runner: use only). */
  "secret:use": ["owner", "admin", "editor", "runner"],
  /** "create credentials and variables" — also edit and delete them. */
  "secret:write": ["owner", "admin", "editor"],
  /** "manage members and roles" — invitations too. */
  "member:manage": ["owner", "admin"],
  /** Rename the workspace and change its settings (not in SPEC §8; see docs/decisions/0401). */
  "workspace:update": ["owner", "admin"],
  /** "delete the workspace, transfer ownership". */
  "workspace:own": ["owner"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** What the UI may offer a member (buttons shown only when the server would allow them). */
export function permissionsOf(role: Role): Record<Action, boolean> {
  return Object.fromEntries(ACTIONS.map((a) => [a, can(role, a)])) as Record<Action, boolean>;
}
