import type { z } from "zod";

/**
 * A credential type (SPEC §7, §11): its fields, which of them are secret, how it
 * authenticates a request, how to test it, and the vendor API's documented rate.
 */
export interface CredentialDefinition<F extends z.ZodType = z.ZodType> {
  /** e.g. `notion.api-token`, `discord.webhook`, `http.bearer`. */
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly icon: string;
  readonly fields: F;
  /** Field names whose values are secrets: write-only, encrypted, redacted everywhere. */
  readonly secretFields: readonly string[];
  /** Documented rate of the vendor's API, enforced per credential across every flow. */
  readonly rateLimit?: { perSecond: number };
  /** Headers / query parameters that authenticate a request. */
  authenticate?(data: z.output<F>): { headers?: Record<string, string>; query?: Record<string, string> };
  /** Connection check; throws a typed error (AuthError, …) when the credential does not work. */
  test?(data: z.output<F>, io: { fetch: typeof fetch; signal: AbortSignal }): Promise<{ ok: true; message?: string }>;
}

export function defineCredential<F extends z.ZodType>(definition: CredentialDefinition<F>): CredentialDefinition<F> {
  return definition;
}
