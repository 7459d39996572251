import type { Db } from "@/lib/server/db/client";
import { secretFilePath } from "@/lib/server/config/secret-files";
import { open, seal } from "./cipher";
import { createKeyring, type Keyring } from "./keyring";
import { formatKey, generateKey, keyFromBytes, type MasterKey } from "./key-material";
import { atomicWrite, readPreviousKeys, writePreviousKeys } from "./previous-keys-file";

/**
 * Key rotation (SPEC §7, `npm run credentials:rotate`). Every credential is decrypted with
 * whichever key it names and sealed again under the current key with a fresh nonce. A row is
 * only replaced if nobody changed it meanwhile (compare-and-set on its ciphertext), so the
 * rotation can run beside a live server.
 */

export interface ReencryptReport {
  total: number;
  reencrypted: number;
  failed: { id: string; error: string }[];
  /** Rows still naming another key afterwards (should be 0). */
  remainingOnOtherKeys: number;
}

const BATCH = 200;
const MAX_PASSES = 3;
const ROW = { id: true, workspaceId: true, type: true, ciphertext: true, nonce: true, keyId: true, updatedAt: true } as const;

interface SealedRow {
  id: string;
  workspaceId: string;
  type: string;
  ciphertext: string;
  nonce: string;
  keyId: string;
  updatedAt: Date;
}

export async function reencryptAll(db: Db, keyring: Keyring): Promise<ReencryptReport> {
  const report: ReencryptReport = { total: 0, reencrypted: 0, failed: [], remainingOnOtherKeys: 0 };
  const failed = new Set<string>();

  const reencrypt = async (row: SealedRow): Promise<void> => {
    const binding = { workspaceId: row.workspaceId, credentialId: row.id, type: row.type };
    try {
      const sealed = seal(keyring, open(keyring, row, binding), binding);
      // updatedAt set to itself: a rotation is not an edit.
      const updated = await db.credential.updateMany({
        where: { id: row.id, ciphertext: row.ciphertext },
        data: { ...sealed, updatedAt: row.updatedAt },
      });
      if (updated.count === 1) report.reencrypted += 1;
    } catch (err) {
      failed.add(row.id);
      report.failed.push({ id: row.id, error: err instanceof Error ? err.message : String(err) });
    }
  };

  let cursor: string | undefined;
  for (;;) {
    const rows = await db.credential.findMany({
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: ROW,
    });
    if (rows.length === 0) break;
    cursor = rows[rows.length - 1]!.id;
    report.total += rows.length;
    for (const row of rows) await reencrypt(row);
  }
  // Rows written meanwhile by a process still on an old key, or edited during the pass.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const stale = (await db.credential.findMany({ where: { keyId: { not: keyring.current.id } }, select: ROW })).filter(
      (r) => !failed.has(r.id),
    );
    if (stale.length === 0) break;
    for (const row of stale) await reencrypt(row);
  }
  report.remainingOnOtherKeys = await db.credential.count({ where: { keyId: { not: keyring.current.id } } });
  return report;
}

export interface RotationOptions {
  db: Db;
  dataDir: string;
  /** Where the current key came from (the configuration's encryptionKeySource). */
  source: "env" | "file";
  currentKey: Buffer;
  previousKeys: readonly Buffer[];
}

export interface RotationResult extends ReencryptReport {
  mode: "new-key-file" | "env-key";
  newKeyId: string;
  oldKeyIds: string[];
  /** Whether the decrypt-only keys could be dropped (every row is on the new key). */
  retiredOldKeys: boolean;
}

/**
 * With the key file: generate a new key, keep the old one as decrypt-only, write the new key
 * file, re-encrypt everything, then retire the old key. With SWITCHYARD_ENCRYPTION_KEY: the
 * operator has set the new key (and the old one in SWITCHYARD_ENCRYPTION_KEY_PREVIOUS);
 * everything is re-encrypted under it.
 */
export async function rotateKeys(options: RotationOptions): Promise<RotationResult> {
  const configured = keyFromBytes(options.currentKey);
  const fromEnvPrevious = options.previousKeys.map(keyFromBytes);
  const fromFilePrevious = readPreviousKeys(options.dataDir);

  if (options.source === "env") {
    const keyring = createKeyring(configured, [...fromEnvPrevious, ...fromFilePrevious]);
    const report = await reencryptAll(options.db, keyring);
    return {
      ...report,
      mode: "env-key",
      newKeyId: configured.id,
      oldKeyIds: keyring.ids.filter((id) => id !== configured.id),
      retiredOldKeys: false,
    };
  }

  const next: MasterKey = generateKey();
  const decryptOnly = dedupe([configured, ...fromFilePrevious, ...fromEnvPrevious]);
  // Order matters for crash safety: the old key is kept before the new one replaces it.
  writePreviousKeys(options.dataDir, decryptOnly);
  atomicWrite(secretFilePath(options.dataDir, "encryptionKey"), formatKey(next) + "\n");
  const report = await reencryptAll(options.db, createKeyring(next, decryptOnly));
  const retire = report.failed.length === 0 && report.remainingOnOtherKeys === 0;
  if (retire) writePreviousKeys(options.dataDir, []);
  return { ...report, mode: "new-key-file", newKeyId: next.id, oldKeyIds: decryptOnly.map((k) => k.id), retiredOldKeys: retire };
}

function dedupe(keys: MasterKey[]): MasterKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => (seen.has(k.id) ? false : (seen.add(k.id), true)));
}
