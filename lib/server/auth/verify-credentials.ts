import type { Db } from "@/lib/server/db/client";
import { emailSchema } from "./email";
import type { LoginThrottle } from "./login-throttle";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "./password";

export interface VerifiedUser {
  id: string;
  email: string;
  name: string | null;
}

/**
 * Checks an email and password. Throws the throttle's 429 when the address or account has
 * failed too often; answers null for any mismatch, after the same amount of hashing work
 * whether or not the account exists.
 */
export async function verifyCredentials(
  db: Db,
  throttle: LoginThrottle,
  input: { email: unknown; password: unknown; address: string },
): Promise<VerifiedUser | null> {
  const parsedEmail = emailSchema.safeParse(input.email);
  const email = parsedEmail.success ? parsedEmail.data : typeof input.email === "string" ? input.email.slice(0, 254) : "";
  throttle.assertAllowed(input.address, email);
  const password = typeof input.password === "string" ? input.password : "";
  const user = parsedEmail.success ? await db.user.findUnique({ where: { email } }) : null;
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !ok) {
    throttle.recordFailure(input.address, email);
    return null;
  }
  throttle.recordSuccess(input.address, email);
  if (needsRehash(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  return { id: user.id, email: user.email, name: user.name };
}
