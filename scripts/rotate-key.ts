// `npm run credentials:rotate`: re-encrypts every credential under a new key (SPEC §7).
//   - Key file (the default): generates the new key, keeps the old one as decrypt-only until
//     every credential is re-encrypted, then retires it. A running server picks the new key up.
//   - SWITCHYARD_ENCRYPTION_KEY: set it to the new key and the old one in
//     SWITCHYARD_ENCRYPTION_KEY_PREVIOUS, restart the servers, then run this.
// Prints counts and key ids, never a key. Exit code 1 when a credential could not be re-encrypted.
import { loadConfig } from "@/lib/server/config";
import { createDb } from "@/lib/server/db/client";
import { databaseUrlFromEnv, redactDatabaseUrl } from "@/lib/server/db/database-url";
import { rotateKeys } from "@/lib/server/credentials/rotation";

const loaded = loadConfig({ generateSecrets: false });
if (!loaded.ok) {
  process.stderr.write(`Cannot rotate: the configuration is invalid:\n${loaded.errors.map((e) => `  - ${e}`).join("\n")}\n`);
  process.exit(1);
}
const config = loaded.config;
const url = config.databaseUrl ?? databaseUrlFromEnv();
const db = createDb(url);
try {
  const result = await rotateKeys({
    db,
    dataDir: config.dataDir,
    source: config.encryptionKeySource,
    currentKey: config.encryptionKey,
    previousKeys: config.previousEncryptionKeys,
  });
  const out = process.stdout;
  out.write(`Database: ${redactDatabaseUrl(url)}\n`);
  out.write(`Credentials: ${result.total}, re-encrypted under key ${result.newKeyId}: ${result.reencrypted}\n`);
  if (result.mode === "new-key-file") {
    out.write(
      result.retiredOldKeys
        ? `The key file holds the new key; the old key${result.oldKeyIds.length === 1 ? "" : "s"} (${result.oldKeyIds.join(", ")}) ${result.oldKeyIds.length === 1 ? "is" : "are"} retired.\n`
        : `The old keys stay in encryption.key.previous until every credential is re-encrypted; run this again after fixing the failures.\n`,
    );
  } else {
    if (result.oldKeyIds.length === 0) {
      out.write(
        "Note: no previous key was configured, so every credential was already under this key. To rotate, set SWITCHYARD_ENCRYPTION_KEY to a new key and SWITCHYARD_ENCRYPTION_KEY_PREVIOUS to the old one.\n",
      );
    } else if (result.failed.length === 0 && result.remainingOnOtherKeys === 0) {
      out.write("Every credential is under the new key: remove SWITCHYARD_ENCRYPTION_KEY_PREVIOUS from every process and restart them.\n");
    }
  }
  for (const f of result.failed) process.stderr.write(`  could not re-encrypt ${f.id}: ${f.error}\n`);
  if (result.failed.length > 0 || result.remainingOnOtherKeys > 0) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`Rotation failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
