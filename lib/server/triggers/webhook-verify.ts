import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import type { WebhookVerification } from "./webhook-config";
import { refuse } from "./webhook-errors";

/**
 * Checks that a request comes from the sender, over the raw body and in constant time:
 * Standard Webhooks (HMAC-SHA256 over `id.timestamp.body`, five-minute window either way,
 * through the `standardwebhooks` package), GitHub's `X-Hub-Signature-256`, or a shared token
 * in a header. A refusal is a 401 naming what was wrong, never which byte.
 */

export interface HeaderSource {
  get(name: string): string | null | undefined;
}

/** A verifier built once per trigger configuration (the secret decoded, the HMAC key ready). */
export interface Verifier {
  readonly scheme: WebhookVerification["scheme"];
  /** Headers that carry the proof; they are not handed to the run. */
  readonly secretHeaders: readonly string[];
  /** Throws a 401 refusal; returns the sender's message id for de-duplication, if it sent one. */
  verify(raw: Buffer, headers: HeaderSource): { messageId?: string };
}

const unauthorized = (code: string, message: string, scheme: string) => refuse(401, code, message, { scheme });

const sha256 = (value: string | Buffer): Buffer => createHash("sha256").update(value).digest();

/** Equal-length digests, so the comparison's time does not depend on the token's length either. */
function sameSecret(given: string, expected: Buffer): boolean {
  return timingSafeEqual(sha256(given), expected);
}

export function standardWebhooksVerifier(secret: string): Verifier {
  // Throws on a secret that is not base64 (with or without whsec_); the caller reports it.
  const webhook = new Webhook(secret);
  return {
    scheme: "standard-webhooks",
    secretHeaders: ["webhook-signature"],
    verify(raw, headers) {
      const id = headers.get("webhook-id");
      const timestamp = headers.get("webhook-timestamp");
      const signature = headers.get("webhook-signature");
      if (!id || !timestamp || !signature) {
        throw unauthorized(
          "missing_signature",
          "This webhook needs the Standard Webhooks headers webhook-id, webhook-timestamp and webhook-signature.",
          "standard-webhooks",
        );
      }
      if (!/^\d{1,12}$/.test(timestamp)) {
        throw unauthorized("invalid_signature", "webhook-timestamp must be a Unix time in seconds.", "standard-webhooks");
      }
      try {
        webhook.verify(raw.toString("utf8"), { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature });
      } catch (err) {
        if (err instanceof WebhookVerificationError && /too (old|new)/.test(err.message)) {
          throw unauthorized(
            "signature_expired",
            "webhook-timestamp is more than 5 minutes from the server's clock; the request may be a replay.",
            "standard-webhooks",
          );
        }
        throw unauthorized(
          "invalid_signature",
          "webhook-signature does not match the body with this trigger's secret.",
          "standard-webhooks",
        );
      }
      return { messageId: id };
    },
  };
}

const GITHUB_SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

export function githubVerifier(secret: string): Verifier {
  return {
    scheme: "github",
    secretHeaders: ["x-hub-signature-256", "x-hub-signature"],
    verify(raw, headers) {
      const header = headers.get("x-hub-signature-256");
      if (!header) throw unauthorized("missing_signature", "This webhook needs an X-Hub-Signature-256 header.", "github");
      const match = GITHUB_SIGNATURE.exec(header.trim());
      if (!match) throw unauthorized("invalid_signature", "X-Hub-Signature-256 must be sha256= followed by 64 hex digits.", "github");
      const expected = createHmac("sha256", secret).update(raw).digest();
      if (!timingSafeEqual(Buffer.from(match[1]!, "hex"), expected)) {
        throw unauthorized("invalid_signature", "X-Hub-Signature-256 does not match the body with this trigger's secret.", "github");
      }
      // GitHub signs no timestamp: its delivery id is what stops a replay.
      return { messageId: headers.get("x-github-delivery") ?? undefined };
    },
  };
}

export function headerTokenVerifier(header: string, secret: string): Verifier {
  const expected = sha256(secret);
  return {
    scheme: "header-token",
    secretHeaders: [header],
    verify(_raw, headers) {
      const given = headers.get(header);
      if (!given) throw unauthorized("missing_token", `This webhook needs the ${header} header.`, "header-token");
      if (!sameSecret(given, expected))
        throw unauthorized("invalid_token", `The ${header} header does not hold this trigger's token.`, "header-token");
      return { messageId: headers.get("webhook-id") ?? undefined };
    },
  };
}

export const noVerifier: Verifier = {
  scheme: "none",
  secretHeaders: [],
  verify: (_raw, headers) => ({ messageId: headers.get("webhook-id") ?? undefined }),
};

/** The verifier of a configuration whose secret has been decrypted. */
export function createVerifier(verification: WebhookVerification, secret: string | undefined): Verifier {
  if (verification.scheme === "none") return noVerifier;
  if (secret === undefined) throw new Error("A signed webhook scheme needs its secret");
  switch (verification.scheme) {
    case "standard-webhooks":
      return standardWebhooksVerifier(secret);
    case "github":
      return githubVerifier(secret);
    case "header-token":
      return headerTokenVerifier(verification.header, secret);
  }
}
