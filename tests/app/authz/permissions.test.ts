import { describe, expect, it } from "vitest";
import { ACTIONS, can } from "@/lib/server/authz/permissions";
import { ROLES } from "@/lib/server/authz/roles";

/** SPEC §8, written out cell by cell. */
const SPEC_MATRIX = {
  "workspace:read": { owner: true, admin: true, editor: true, runner: true, viewer: true },
  "flow:run": { owner: true, admin: true, editor: true, runner: true, viewer: false },
  "flow:write": { owner: true, admin: true, editor: true, runner: false, viewer: false },
  "secret:use": { owner: true, admin: true, editor: true, runner: true, viewer: false },
  "secret:write": { owner: true, admin: true, editor: true, runner: false, viewer: false },
  "member:manage": { owner: true, admin: true, editor: false, runner: false, viewer: false },
  "workspace:update": { owner: true, admin: true, editor: false, runner: false, viewer: false },
  "workspace:own": { owner: true, admin: false, editor: false, runner: false, viewer: false },
} as const;

describe("role matrix", () => {
  it("covers every action", () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(SPEC_MATRIX).sort());
  });

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      const expected = SPEC_MATRIX[action][role];
      it(`${role} ${expected ? "may" : "may not"} ${action}`, () => {
        expect(can(role, action)).toBe(expected);
      });
    }
  }
});
