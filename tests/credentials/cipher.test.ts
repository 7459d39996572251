import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DecryptionError, open, seal, type CredentialBinding } from "@/lib/server/credentials/cipher";
import { formatKey, generateKey, KeyFormatError, parseKey } from "@/lib/server/credentials/key-material";
import { createKeyProvider } from "@/lib/server/credentials/key-provider";
import { createKeyring } from "@/lib/server/credentials/keyring";
import { previousKeysPath, writePreviousKeys } from "@/lib/server/credentials/previous-keys-file";

const binding: CredentialBinding = { workspaceId: "ws_a", credentialId: "cred_1", type: "notion.api-token" };
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "switchyard-keys-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("credential cipher", () => {
  const keyring = createKeyring(generateKey());

  it("round-trips a payload and never stores it in the clear", () => {
    const plaintext = JSON.stringify({ token: "secret_canary_value_123" });
    const sealed = seal(keyring, plaintext, binding);
    expect(sealed.keyId).toBe(keyring.current.id);
    expect(Buffer.from(sealed.nonce, "base64")).toHaveLength(12);
    expect(sealed.ciphertext).not.toContain("canary");
    expect(Buffer.from(sealed.ciphertext, "base64").toString("utf8")).not.toContain("canary");
    expect(open(keyring, sealed, binding)).toBe(plaintext);
  });

  it("uses a fresh nonce per record", () => {
    const a = seal(keyring, "same", binding);
    const b = seal(keyring, "same", binding);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it("detects a changed ciphertext byte", () => {
    const sealed = seal(keyring, "payload", binding);
    const bytes = Buffer.from(sealed.ciphertext, "base64");
    bytes[0] = bytes[0]! ^ 0x01;
    expect(() => open(keyring, { ...sealed, ciphertext: bytes.toString("base64") }, binding)).toThrow(DecryptionError);
  });

  it("detects a changed tag or nonce", () => {
    const sealed = seal(keyring, "payload", binding);
    const bytes = Buffer.from(sealed.ciphertext, "base64");
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x80;
    expect(() => open(keyring, { ...sealed, ciphertext: bytes.toString("base64") }, binding)).toThrow(DecryptionError);
    const nonce = Buffer.from(sealed.nonce, "base64");
    nonce[3] = nonce[3]! ^ 0x01;
    expect(() => open(keyring, { ...sealed, nonce: nonce.toString("base64") }, binding)).toThrow(DecryptionError);
  });

  it("refuses a ciphertext moved to another workspace, credential or type", () => {
    const sealed = seal(keyring, "payload", binding);
    expect(() => open(keyring, sealed, { ...binding, workspaceId: "ws_b" })).toThrow(DecryptionError);
    expect(() => open(keyring, sealed, { ...binding, credentialId: "cred_2" })).toThrow(DecryptionError);
    expect(() => open(keyring, sealed, { ...binding, type: "http.bearer" })).toThrow(DecryptionError);
  });

  it("refuses a record under a key the process does not hold, naming the key", () => {
    const sealed = seal(createKeyring(generateKey()), "payload", binding);
    expect(() => open(keyring, sealed, binding)).toThrow(/does not hold/);
  });

  it("decrypts with a previous key while encrypting with the current one", () => {
    const old = generateKey();
    const sealedOld = seal(createKeyring(old), "payload", binding);
    const rotated = createKeyring(generateKey(), [old]);
    expect(open(rotated, sealedOld, binding)).toBe("payload");
    expect(seal(rotated, "payload", binding).keyId).toBe(rotated.current.id);
  });
});

describe("key material", () => {
  it("accepts base64 and hex keys and gives the same key the same id", () => {
    const key = generateKey();
    const b64 = parseKey(formatKey(key), "test");
    const hex = parseKey(key.material.toString("hex"), "test");
    expect(b64.id).toBe(key.id);
    expect(hex.id).toBe(key.id);
    expect(key.id).not.toContain(key.material.toString("hex").slice(0, 8));
  });

  it("rejects keys of the wrong length with a message naming the variable", () => {
    expect(() => parseKey("short", "SWITCHYARD_ENCRYPTION_KEY")).toThrow(KeyFormatError);
    expect(() => parseKey("a".repeat(63), "SWITCHYARD_ENCRYPTION_KEY")).toThrow(/SWITCHYARD_ENCRYPTION_KEY/);
  });
});

describe("key provider", () => {
  it("encrypts with the configured key and decrypts with the previous keys file", () => {
    const dataDir = tempDir();
    const old = generateKey();
    writePreviousKeys(dataDir, [old]);
    expect(statSync(previousKeysPath(dataDir)).mode & 0o777).toBe(0o600);
    const current = generateKey();
    const keyring = createKeyProvider({ dataDir, currentKey: current.material }).keyring();
    expect(keyring.current.id).toBe(current.id);
    expect(keyring.subkey(old.id)).toBeDefined();
  });

  it("notices a key file replaced by a rotation and keeps the old key for decryption", () => {
    const dataDir = tempDir();
    const keyFile = path.join(dataDir, "encryption.key");
    const first = generateKey();
    writeFileSync(keyFile, formatKey(first) + "\n");
    const provider = createKeyProvider({ dataDir, currentKey: first.material, keyFile });
    expect(provider.keyring().current.id).toBe(first.id);
    const next = generateKey();
    writeFileSync(keyFile, formatKey(next) + "\n");
    utimesSync(keyFile, new Date(), new Date(Date.now() + 5_000));
    const keyring = provider.keyring();
    expect(keyring.current.id).toBe(next.id);
    expect(keyring.subkey(first.id)).toBeDefined();
  });

  it("reports a bad line in the previous keys file by file and line", () => {
    const dataDir = tempDir();
    writeFileSync(previousKeysPath(dataDir), "# comment\nnot-a-key\n");
    expect(() => createKeyProvider({ dataDir, currentKey: generateKey().material }).keyring()).toThrow(/line 2/);
    expect(readFileSync(previousKeysPath(dataDir), "utf8")).toContain("not-a-key");
  });
});
