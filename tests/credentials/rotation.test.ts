import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DecryptionError, open } from "@/lib/server/credentials/cipher";
import { createKeyProvider } from "@/lib/server/credentials/key-provider";
import { formatKey, generateKey, type MasterKey } from "@/lib/server/credentials/key-material";
import { createKeyring } from "@/lib/server/credentials/keyring";
import { previousKeysPath } from "@/lib/server/credentials/previous-keys-file";
import { rotateKeys } from "@/lib/server/credentials/rotation";
import { createVault } from "@/lib/server/credentials/vault";
import type { Db } from "@/lib/server/db/client";
import { createUser } from "@/tests/app/support/test-app";
import { withSqliteDb, type TestDatabase } from "@/tests/db/test-database";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

async function seedCredentials(db: Db, key: MasterKey, dataDir: string, count: number): Promise<{ ids: string[]; workspaceId: string }> {
  const user = await createUser(db);
  const vault = createVault(createKeyProvider({ dataDir, currentKey: key.material }));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `cred_rot_${i}_${Math.random().toString(36).slice(2, 8)}`;
    const sealed = vault.sealData(
      { workspaceId: user.workspace.id, credentialId: id, type: "notion.api-token" },
      { token: `secret-${i}-canary` },
    );
    await db.credential.create({
      data: {
        id,
        workspaceId: user.workspace.id,
        type: "notion.api-token",
        name: `c${i}`,
        ...sealed,
        publicData: { fields: {}, hints: {} },
      },
    });
    ids.push(id);
  }
  return { ids, workspaceId: user.workspace.id };
}

describe("key rotation", () => {
  let database: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    database = await withSqliteDb();
  });
  afterAll(async () => {
    await database?.drop();
  });
  const freshDataDir = () => (dataDir = mkdtempSync(path.join(tmpdir(), "switchyard-rotate-")));
  afterAll(() => dataDir && rmSync(dataDir, { recursive: true, force: true }));

  it("with the key file: re-encrypts every credential under a new key and retires the old one", async () => {
    const dir = freshDataDir();
    const oldKey = generateKey();
    writeFileSync(path.join(dir, "encryption.key"), formatKey(oldKey) + "\n", { mode: 0o600 });
    const { ids } = await seedCredentials(database.db, oldKey, dir, 5);
    const before = await database.db.credential.findMany({ where: { id: { in: ids } } });

    const result = await rotateKeys({ db: database.db, dataDir: dir, source: "file", currentKey: oldKey.material, previousKeys: [] });

    expect(result.failed).toEqual([]);
    expect(result.retiredOldKeys).toBe(true);
    expect(result.newKeyId).not.toBe(oldKey.id);
    const after = await database.db.credential.findMany({ where: { id: { in: ids } } });
    const newKeyText = readFileSync(path.join(dir, "encryption.key"), "utf8");
    expect(newKeyText.trim()).not.toBe(formatKey(oldKey));
    expect(existsSync(previousKeysPath(dir))).toBe(false);
    const newKeyring = createKeyProvider({ dataDir: dir, currentKey: Buffer.from(newKeyText.trim(), "base64") }).keyring();
    for (const row of after) {
      expect(row.keyId).toBe(result.newKeyId);
      expect(row.ciphertext).not.toBe(before.find((b) => b.id === row.id)!.ciphertext);
      const binding = { workspaceId: row.workspaceId, credentialId: row.id, type: row.type };
      expect(JSON.parse(open(newKeyring, row, binding))).toEqual({ token: expect.stringMatching(/^secret-\d-canary$/) as string });
      expect(() => open(createKeyring(oldKey), row, binding)).toThrow(DecryptionError);
      expect(row.updatedAt.getTime()).toBe(before.find((b) => b.id === row.id)!.updatedAt.getTime());
    }
  });

  it("with SWITCHYARD_ENCRYPTION_KEY: moves every credential from the previous key to the configured one", async () => {
    const dir = freshDataDir();
    const oldKey = generateKey();
    const newKey = generateKey();
    await database.db.credential.deleteMany({});
    const { ids } = await seedCredentials(database.db, oldKey, dir, 3);
    const result = await rotateKeys({
      db: database.db,
      dataDir: dir,
      source: "env",
      currentKey: newKey.material,
      previousKeys: [oldKey.material],
    });
    expect(result).toMatchObject({
      total: 3,
      reencrypted: 3,
      failed: [],
      remainingOnOtherKeys: 0,
      newKeyId: newKey.id,
      oldKeyIds: [oldKey.id],
    });
    const rows = await database.db.credential.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.keyId === newKey.id)).toBe(true);
  });

  it("reports a credential it cannot decrypt and keeps the old keys", async () => {
    const dir = freshDataDir();
    const oldKey = generateKey();
    writeFileSync(path.join(dir, "encryption.key"), formatKey(oldKey) + "\n", { mode: 0o600 });
    await database.db.credential.deleteMany({});
    const { ids } = await seedCredentials(database.db, oldKey, dir, 2);
    const stranger = await seedCredentials(database.db, generateKey(), dir, 1);
    const result = await rotateKeys({ db: database.db, dataDir: dir, source: "file", currentKey: oldKey.material, previousKeys: [] });
    expect(result.failed.map((f) => f.id)).toEqual(stranger.ids);
    expect(result.retiredOldKeys).toBe(false);
    expect(existsSync(previousKeysPath(dir))).toBe(true);
    const rows = await database.db.credential.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.keyId === result.newKeyId)).toBe(true);
  });

  it("runs as `tsx scripts/rotate-key.ts` and prints counts but never a key", async () => {
    const dir = freshDataDir();
    const oldKey = generateKey();
    writeFileSync(path.join(dir, "encryption.key"), formatKey(oldKey) + "\n", { mode: 0o600 });
    writeFileSync(path.join(dir, "auth-secret"), "a".repeat(8) + "B9c8D7e6F5g4H3i2J1k0LmNoPqRsTuVw" + "\n", { mode: 0o600 });
    await database.db.credential.deleteMany({});
    await seedCredentials(database.db, oldKey, dir, 2);
    const env = { ...process.env, DATABASE_URL: database.url, SWITCHYARD_DATA_DIR: dir, NODE_ENV: "production" } as NodeJS.ProcessEnv;
    delete env.SWITCHYARD_ENCRYPTION_KEY;
    delete env.SWITCHYARD_ENCRYPTION_KEY_PREVIOUS;
    delete env.NEXTAUTH_SECRET;
    delete env.AUTH_SECRET;
    const { stdout } = await run(path.join(root, "node_modules/.bin/tsx"), ["scripts/rotate-key.ts"], { cwd: root, env });
    expect(stdout).toContain("Credentials: 2, re-encrypted under key k_");
    expect(stdout).toContain("retired");
    const newKey = readFileSync(path.join(dir, "encryption.key"), "utf8").trim();
    expect(stdout).not.toContain(newKey);
    expect(stdout).not.toContain(formatKey(oldKey));
    const rows = await database.db.credential.findMany();
    expect(new Set(rows.map((r) => r.keyId)).size).toBe(1);
    expect(rows[0]!.keyId).not.toBe(oldKey.id);
  }, 60_000);
});
