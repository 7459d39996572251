import type { RunSummary } from "@/lib/engine/engine-api";
import { ValidationError } from "@/lib/engine/errors";
import type { ResolvedCredential } from "@/lib/engine/node-definition";
import { discordWebhookCredential, discordWebhookFields } from "@/lib/integrations/discord/auth";
import { executeWebhook } from "@/lib/integrations/discord/client";
import { checkDiscordLimits } from "@/lib/integrations/discord/limits";
import { toWebhookPayload } from "@/lib/integrations/discord/message";
import { slackWebhookCredential, slackWebhookFields } from "@/lib/integrations/slack/auth";
import { sendIncomingWebhook } from "@/lib/integrations/slack/webhook-client";
import { customWebhookCredential, customWebhookFields } from "@/lib/integrations/webhook/auth";
import { sendCustomWebhook } from "@/lib/integrations/webhook/client";
import { discordRunMessage, slackRunMessage, webhookRunMessage } from "./channels";
import { runMessage } from "./run-message";

/**
 * The `onFailure` / `onCompletion` hooks' `notify`: posts a run's outcome (flow, state, link,
 * failed node, error, duration) to a Discord webhook, a Slack incoming webhook or a custom
 * webhook credential. Failures throw the same typed errors as the nodes.
 */

export interface NotifyOptions {
  fetch: typeof fetch;
  /** Link to the run page, e.g. `https://switchyard.example/w/acme/runs/run_1`. */
  runUrl?: string;
  /** Defaults to a 15-second timeout: a hook must not hold a finished run for long. */
  signal?: AbortSignal;
}

export const NOTIFY_CREDENTIAL_TYPES = [discordWebhookCredential.type, slackWebhookCredential.type, customWebhookCredential.type] as const;

const DEFAULT_TIMEOUT_MS = 15_000;

function invalid(title: string): ValidationError {
  return new ValidationError(`The ${title} credential of this notification is incomplete or invalid`, { path: ["credential"] });
}

export async function sendRunNotification(credential: ResolvedCredential, summary: RunSummary, options: NotifyOptions): Promise<void> {
  const io = { fetch: options.fetch, signal: options.signal ?? AbortSignal.timeout(DEFAULT_TIMEOUT_MS) };
  const message = runMessage(summary, options.runUrl);
  switch (credential.type) {
    case discordWebhookCredential.type: {
      const data = discordWebhookFields.safeParse(credential.data);
      if (!data.success) throw invalid(discordWebhookCredential.title);
      const config = discordRunMessage(message);
      checkDiscordLimits(config);
      await executeWebhook(io.fetch, data.data.webhookUrl, toWebhookPayload(config), { wait: false, signal: io.signal });
      return;
    }
    case slackWebhookCredential.type: {
      const data = slackWebhookFields.safeParse(credential.data);
      if (!data.success) throw invalid(slackWebhookCredential.title);
      await sendIncomingWebhook(io, data.data, slackRunMessage(message));
      return;
    }
    case customWebhookCredential.type: {
      const data = customWebhookFields.safeParse(credential.data);
      if (!data.success) throw invalid(customWebhookCredential.title);
      await sendCustomWebhook(io, data.data, webhookRunMessage(message));
      return;
    }
    default:
      throw new ValidationError(
        `Run notifications go to ${NOTIFY_CREDENTIAL_TYPES.join(", ")} credentials; ${credential.type} cannot receive them`,
        { path: ["credential"] },
      );
  }
}
