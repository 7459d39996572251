import { z } from "zod";
import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { FlowRef } from "./credential-usage";

/**
 * What the API and the pages show of a credential: never a secret, only whether each secret
 * field is set and its masked hint.
 */

export interface UserRef {
  id: string;
  name: string | null;
  email: string;
}

export interface CredentialDto {
  id: string;
  type: string;
  typeTitle: string;
  name: string;
  /** Non-secret fields as saved. */
  fields: Record<string, unknown>;
  /** One entry per secret field of the type: set or not, and a masked hint (`••••abcd`). */
  secrets: Record<string, { set: boolean; hint: string }>;
  rateLimit: { perSecond: number } | null;
  createdBy: UserRef | null;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  usedBy: FlowRef[];
}

/** The `publicData` column, re-validated when read (the database is a boundary too). */
export const publicDataSchema = z.object({
  fields: z.record(z.string(), z.unknown()).default({}),
  hints: z.record(z.string(), z.string()).default({}),
});

export interface CredentialRowForDto {
  id: string;
  type: string;
  name: string;
  publicData: unknown;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastUsedAt: Date | null;
}

export function toCredentialDto(
  row: CredentialRowForDto,
  definition: CredentialDefinition | undefined,
  users: Map<string, UserRef>,
  usedBy: FlowRef[],
): CredentialDto {
  const parsed = publicDataSchema.safeParse(row.publicData);
  const pub = parsed.success ? parsed.data : { fields: {}, hints: {} };
  const secretNames = definition?.secretFields ?? Object.keys(pub.hints);
  const secrets: CredentialDto["secrets"] = {};
  for (const name of secretNames) secrets[name] = { set: name in pub.hints, hint: pub.hints[name] ?? "" };
  const secretSet = new Set(secretNames);
  return {
    id: row.id,
    type: row.type,
    typeTitle: definition?.title ?? row.type,
    name: row.name,
    // A field that became secret in a newer type definition is never shown again.
    fields: Object.fromEntries(Object.entries(pub.fields).filter(([k]) => !secretSet.has(k))),
    secrets,
    rateLimit: definition?.rateLimit ?? null,
    createdBy: row.createdById ? (users.get(row.createdById) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastUsedAt: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
    usedBy,
  };
}
