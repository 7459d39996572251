import { z } from "zod";
import type { Db } from "@/lib/server/db/client";
import { conflict, notFound } from "@/lib/server/http/app-error";
import { generateApiToken, hashApiToken, looksLikeApiToken } from "./token-format";

export const MAX_TOKENS_PER_USER = 50;
/** lastUsedAt is refreshed at most this often, so busy scripts do not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const createTokenSchema = z
  .object({
    name: z
      .string({ error: "is required" })
      .trim()
      .min(1, { error: "must not be empty" })
      .max(100, { error: "must be at most 100 characters" }),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

function toDto(row: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a token; the plain value is returned here once and never stored. */
export async function createApiToken(
  db: Db,
  userId: string,
  input: z.infer<typeof createTokenSchema>,
  now = new Date(),
): Promise<{ token: string; apiToken: ApiTokenDto }> {
  const active = await db.apiToken.count({ where: { userId, revokedAt: null } });
  if (active >= MAX_TOKENS_PER_USER) throw conflict(`You have ${MAX_TOKENS_PER_USER} active tokens; revoke one first.`);
  const { token, prefix, hash } = generateApiToken();
  const row = await db.apiToken.create({
    data: {
      userId,
      name: input.name,
      prefix,
      tokenHash: hash,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    },
  });
  return { token, apiToken: toDto(row) };
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenDto[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map(toDto);
}

/** Revokes one of the caller's own tokens; another user's token id answers 404. */
export async function revokeApiToken(db: Db, userId: string, tokenId: string, now = new Date()): Promise<ApiTokenDto> {
  const row = await db.apiToken.findFirst({ where: { id: tokenId, userId } });
  if (!row) throw notFound("Token");
  if (row.revokedAt) return toDto(row);
  return toDto(await db.apiToken.update({ where: { id: row.id }, data: { revokedAt: now } }));
}

/**
 * The owner of a valid token (right shape, known hash, not revoked, not expired), with its
 * last-used time refreshed; undefined otherwise.
 */
export async function authenticateApiToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ tokenId: string; user: { id: string; email: string; name: string | null } } | undefined> {
  if (!looksLikeApiToken(token)) return undefined;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: row.id, user: { id: row.user.id, email: row.user.email, name: row.user.name } };
}
