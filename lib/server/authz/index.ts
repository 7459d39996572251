export type { AuthzContext, Caller } from "./caller";
export { ACTIONS, PERMISSIONS, can, permissionsOf, type Action } from "./permissions";
export { ROLES, parseRole, roleAtLeast, roleSchema, type Role } from "./roles";
export { requireMember, requireWorkspaceObject, type WorkspaceAccess, type WorkspaceRef } from "./require-member";
