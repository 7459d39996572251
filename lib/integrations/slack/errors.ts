import {
  AuthError,
  NonRetryableError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  ValidationError,
  type NodeError,
} from "@/lib/engine/errors";
import { errorForStatus } from "@/lib/integrations/shared/http-errors";

/**
 * Slack's error strings (research/apis.md §8) to typed errors. The Web API answers HTTP 200
 * with `{ ok: false, error }`; incoming webhooks answer an HTTP status with the string as a
 * plain-text body. Either way the string decides, the status only where the string is unknown.
 */

const VENDOR = "Slack";

const AUTH = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "no_permission",
  "missing_scope",
  "not_allowed_token_type",
  "invalid_token",
  "action_prohibited",
  "posting_to_general_channel_denied",
  "team_access_not_granted",
  "ekm_access_denied",
]);
const NOT_FOUND: Record<string, string> = {
  channel_not_found: "channel",
  no_service: "incoming webhook (disabled or revoked)",
  no_team: "workspace of the incoming webhook",
  user_not_found: "user",
};
const RATE_LIMITED = new Set(["ratelimited", "rate_limited"]);
/** Documented as transient: Slack asks to retry these. */
const RETRYABLE = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "rollup_error"]);
const INVALID_REQUEST = new Set([
  "invalid_arguments",
  "invalid_arg_name",
  "invalid_array_arg",
  "invalid_charset",
  "invalid_form_data",
  "invalid_post_type",
  "missing_post_type",
  "invalid_payload",
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_attachments",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "msg_too_long",
  "msg_blocks_too_long",
  "no_text",
  "missing_text_or_fallback_or_attachments",
  "too_many_attachments",
  "too_many_blocks",
]);
/** Fixable by a person, never by retrying; the hint says how. */
const HINTS: Record<string, string> = {
  not_in_channel: "invite the app to the channel first (/invite @app)",
  is_archived: "the channel is archived",
  channel_is_archived: "the channel is archived",
  restricted_action: "the workspace's settings prevent posting here",
};

export interface SlackErrorContext {
  /** What the call was about, e.g. `channel "C123"`. */
  object?: string;
  /** Retry-After of an HTTP 429, in ms. */
  retryAfterMs?: number;
  /** HTTP status, for webhook answers and unknown strings. */
  status?: number;
}

/** The typed error for a Slack error string. */
export function slackError(code: string, context: SlackErrorContext = {}): NodeError {
  const details = { vendor: VENDOR, slackError: code, ...(context.status ? { status: context.status } : {}) };
  if (AUTH.has(code)) return new AuthError(`Slack rejected the credential: ${code}`, { details });
  if (code in NOT_FOUND) {
    const what = code === "channel_not_found" && context.object ? context.object : NOT_FOUND[code];
    return new NotFoundError(`Slack: ${what} was not found (${code})`, { details: { ...details, object: what } });
  }
  if (RATE_LIMITED.has(code) || context.status === 429) {
    const wait = context.retryAfterMs === undefined ? "" : ` (retry after ${context.retryAfterMs} ms)`;
    return new RateLimitedError(`Slack rate limit exceeded${wait}: ${code}`, { retryAfterMs: context.retryAfterMs, details });
  }
  if (RETRYABLE.has(code)) return new ServerError(`Slack had a transient failure: ${code}`, { status: context.status ?? 500, details });
  if (INVALID_REQUEST.has(code)) return new ValidationError(`Slack rejected the message: ${code}`, { details });
  if (code in HINTS) return new NonRetryableError(`Slack refused: ${code} — ${HINTS[code]}`, { details });
  if (context.status !== undefined && context.status !== 200) {
    return errorForStatus(context.status, {
      vendor: VENDOR,
      vendorMessage: code,
      object: context.object,
      retryAfterMs: context.retryAfterMs,
    });
  }
  return new NonRetryableError(`Slack refused the call: ${code}`, { details });
}
