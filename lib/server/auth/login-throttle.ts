import { z } from "zod";
import { tooManyRequests } from "@/lib/server/http/app-error";
import { RateLimiter } from "./rate-limiter";

const WINDOW_MS = 15 * 60_000;

/**
 * Failed sign-ins are counted per address+email (a person mistyping), per email (guessing
 * one account from many addresses, which a forged X-Forwarded-For cannot dodge) and per
 * address (trying many accounts).
 */
export class LoginThrottle {
  readonly perAccount: RateLimiter;
  readonly perEmail: RateLimiter;
  readonly perAddress: RateLimiter;

  constructor(opts: { now?: () => number; accountLimit?: number; emailLimit?: number; addressLimit?: number } = {}) {
    this.perAccount = new RateLimiter({ limit: opts.accountLimit ?? 5, windowMs: WINDOW_MS, now: opts.now });
    this.perEmail = new RateLimiter({ limit: opts.emailLimit ?? 20, windowMs: WINDOW_MS, now: opts.now });
    this.perAddress = new RateLimiter({ limit: opts.addressLimit ?? 50, windowMs: WINDOW_MS, now: opts.now });
  }

  /** Throws a 429 when any counter is exhausted. */
  assertAllowed(address: string, email: string): void {
    const states = [this.perAccount.check(`${address}|${email}`), this.perEmail.check(email), this.perAddress.check(address)];
    const blocked = states.filter((s) => s.limited);
    if (blocked.length === 0) return;
    const retryAfterSeconds = Math.ceil(Math.max(...blocked.map((s) => s.retryAfterMs)) / 1000);
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    throw tooManyRequests(
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      retryAfterSeconds,
    );
  }

  recordFailure(address: string, email: string): void {
    this.perAccount.hit(`${address}|${email}`);
    this.perEmail.hit(email);
    this.perAddress.hit(address);
  }

  recordSuccess(address: string, email: string): void {
    this.perAccount.reset(`${address}|${email}`);
  }
}

/** Sign-ups per address: enough for a team setting up, not for a bot. */
// Sign-ups per client address per hour; SWITCHYARD_SIGNUPS_PER_HOUR raises it where many
// accounts come from one address on purpose (the end-to-end suite).
const signUpsPerHour = z.coerce
  .number()
  .int()
  .positive()
  .catch(20)
  .parse(process.env.SWITCHYARD_SIGNUPS_PER_HOUR ?? 20);
export const signUpLimiter = new RateLimiter({ limit: signUpsPerHour, windowMs: 60 * 60_000 });

/**
 * One throttle per process. Kept on globalThis so that Next.js's separate module graphs
 * (the auth route and its wrapper) share the same counters.
 */
const store = globalThis as { __switchyardLoginThrottle?: LoginThrottle };
export function loginThrottle(): LoginThrottle {
  store.__switchyardLoginThrottle ??= new LoginThrottle();
  return store.__switchyardLoginThrottle;
}
