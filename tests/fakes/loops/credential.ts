import type { ResolvedCredential } from "@/lib/engine/node-definition";
import { LOOPS_FAKE_KEY, type LoopsFake } from "./server";

/** A resolved Loops credential pointing at the fake, as the vault would hand it to a step. */
export function loopsCredentialFor(fake: LoopsFake, apiKey = LOOPS_FAKE_KEY): ResolvedCredential {
  return { id: "cred_loops_test", type: "loops.api-key", data: { apiKey, baseUrl: `${fake.url}/api` }, secrets: [apiKey] };
}
