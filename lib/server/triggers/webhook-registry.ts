import { catalogRegistry } from "@/lib/catalog";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { validateFlow } from "@/lib/engine/validate";
import { DecryptionError } from "@/lib/server/credentials/cipher";
import type { Vault } from "@/lib/server/credentials/vault";
import type { Db } from "@/lib/server/db/client";
import { readStoredDocument } from "@/lib/server/flows/flow-dto";
import { WEBHOOK_SECRET_CREDENTIAL_TYPE, webhookConfigSchema, type WebhookConfig } from "./webhook-config";
import { hookError, type HookAnswer } from "./webhook-errors";
import { createVerifier, type Verifier } from "./webhook-verify";

/**
 * What the endpoint needs to take a request for a hook id: the trigger, its parsed config,
 * a ready verifier (secret decrypted once), and the flow document its runs execute (the latest
 * saved version, or the draft when none was saved), checked once.
 *
 * Entries are kept for a short while (default 2 s) so a burst of requests costs one lookup,
 * not one per request; a change to a trigger or its flow is seen within that time in every
 * process, and at once in the process that made it (`forget`).
 */

export interface ReadyHook {
  ok: true;
  triggerId: string;
  workspaceId: string;
  flowId: string;
  flowVersion: number | undefined;
  document: FlowDocument;
  config: WebhookConfig;
  verifier: Verifier;
}

/** A hook that cannot take requests, with the answer every request gets. */
export interface RefusedHook {
  ok: false;
  answer: HookAnswer;
}

export type HookEntry = ReadyHook | RefusedHook;

export interface HookRegistry {
  get(hookId: string): Promise<HookEntry>;
  /** Drops a cached entry (after the trigger, its flow or its secret changed). */
  forget(hookId?: string): void;
}

export interface HookRegistryOptions {
  db: Db;
  vault: Vault;
  ttlMs?: number;
  now?: () => number;
}

const MAX_ENTRIES = 10_000;

const notFound = (): RefusedHook => ({
  ok: false,
  answer: hookError(404, "not_found", "No webhook has this URL. Check the address on the flow's Triggers page."),
});

const misconfigured = (message: string, details: Record<string, unknown> | null = null): RefusedHook => ({
  ok: false,
  answer: hookError(409, "hook_misconfigured", message, details),
});

async function loadHook(db: Db, vault: Vault, hookId: string): Promise<HookEntry> {
  const trigger = await db.trigger.findUnique({
    where: { hookId },
    select: {
      id: true,
      kind: true,
      workspaceId: true,
      flowId: true,
      config: true,
      paused: true,
      flow: { select: { id: true, draft: true, latestVersion: true } },
    },
  });
  if (!trigger || trigger.kind !== "webhook") return notFound();
  if (trigger.paused) {
    return { ok: false, answer: hookError(409, "paused", "This webhook is paused; resume its trigger to take requests again.") };
  }
  const parsed = webhookConfigSchema.safeParse(trigger.config ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return misconfigured(
      `The trigger's settings are invalid: \`${issue?.path.join(".") ?? ""}\` ${issue?.message ?? ""}. Edit the trigger.`,
    );
  }
  const config = parsed.data;

  let secret: string | undefined;
  if (config.verification.scheme !== "none") {
    const row = await db.credential.findFirst({ where: { id: config.verification.credentialId, workspaceId: trigger.workspaceId } });
    if (!row) return misconfigured("The trigger's secret credential no longer exists; choose another on the trigger.");
    if (row.type !== WEBHOOK_SECRET_CREDENTIAL_TYPE) {
      return misconfigured(`The trigger's secret must be a ${WEBHOOK_SECRET_CREDENTIAL_TYPE} credential, not ${row.type}.`);
    }
    try {
      const value = vault.openRow(row).secret;
      if (typeof value !== "string" || value === "") return misconfigured("The trigger's secret credential is empty.");
      secret = value;
    } catch (err) {
      if (err instanceof DecryptionError) return misconfigured("The trigger's secret credential cannot be decrypted; enter it again.");
      throw err;
    }
  }
  let verifier: Verifier;
  try {
    verifier = createVerifier(config.verification, secret);
  } catch {
    return misconfigured("The secret is not a Standard Webhooks secret (whsec_ followed by base64).");
  }

  let document: FlowDocument;
  let flowVersion: number | undefined;
  if (trigger.flow.latestVersion > 0) {
    const version = await db.flowVersion.findUnique({
      where: { flowId_version: { flowId: trigger.flowId, version: trigger.flow.latestVersion } },
      select: { document: true },
    });
    if (!version) return misconfigured("The flow's latest version is missing.");
    document = readStoredDocument(version.document, `flow ${trigger.flowId} v${trigger.flow.latestVersion}`);
    flowVersion = trigger.flow.latestVersion;
  } else {
    document = readStoredDocument(trigger.flow.draft, `flow ${trigger.flowId}`);
  }
  const validation = validateFlow(document, catalogRegistry);
  if (!validation.ok) {
    const first = validation.problems[0];
    return {
      ok: false,
      answer: hookError(
        409,
        "flow_invalid",
        `The flow cannot run: \`${first?.path.join(".") ?? ""}\` ${first?.message ?? "is invalid"}. Fix it in the editor.`,
        { issues: validation.problems.map((p) => ({ path: p.path.join("."), message: p.message })) },
      ),
    };
  }
  return {
    ok: true,
    triggerId: trigger.id,
    workspaceId: trigger.workspaceId,
    flowId: trigger.flowId,
    flowVersion,
    document,
    config,
    verifier,
  };
}

export function createHookRegistry(options: HookRegistryOptions): HookRegistry {
  const ttl = options.ttlMs ?? 2_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; entry: Promise<HookEntry> }>();
  return {
    get(hookId) {
      const at = now();
      const hit = cache.get(hookId);
      if (hit && at - hit.at < ttl) return hit.entry;
      if (cache.size >= MAX_ENTRIES) cache.clear();
      // One lookup for all requests that arrive while it runs; a failed one is not kept.
      const entry = loadHook(options.db, options.vault, hookId);
      cache.set(hookId, { at, entry });
      entry.catch(() => cache.delete(hookId));
      return entry;
    },
    forget(hookId) {
      if (hookId === undefined) cache.clear();
      else cache.delete(hookId);
    },
  };
}
