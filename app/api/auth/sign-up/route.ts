import { clientAddress } from "@/lib/server/auth/client-address";
import { signUpLimiter } from "@/lib/server/auth/login-throttle";
import { signUp, signUpSchema } from "@/lib/server/auth/sign-up";
import { getConfig } from "@/lib/server/config";
import { getDb } from "@/lib/server/db/client";
import { tooManyRequests } from "@/lib/server/http/app-error";
import { readJson } from "@/lib/server/http/read-json";
import { json, route } from "@/lib/server/http/route";

/** Creates an account (and its workspace); the browser then signs in with the password. */
export const POST = route(async (req) => {
  const state = signUpLimiter.hit(clientAddress(req.headers));
  if (state.limited) throw tooManyRequests("Too many sign-ups from this address. Try again later.", state.retryAfterMs / 1000);
  const input = await readJson(req, signUpSchema, { maxBytes: 10_000 });
  const result = await signUp(getDb(), input, { allowSignup: getConfig().allowSignup });
  return json(result, 201);
});
