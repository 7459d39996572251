import { randomBytes } from "node:crypto";

/** Data no other test (or parallel worker) uses: tests never depend on each other's rows. */
export function uniqueId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${uniqueId()}@example.test`;
}

export const TEST_PASSWORD = "e2e-password-long-enough";
