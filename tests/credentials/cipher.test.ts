import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DecryptionError, open, seal, type CredentialBinding } from "@/lib/server/credentials/cipher";
import { KEY_FILE_NAME, readKeyFile } from "@/lib/server/credentials/key-file";
import { formatKey, generateKey, KeyFormatError, parseKey } from "@/lib/server/credentials/key-material";
import { loadKeyring } from "@/lib/server/credentials/key-source";
import { createKeyring } from "@/lib/server/credentials/keyring";

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

describe("key source", () => {
  it("creates the key file on first start with mode 0600 and reuses it afterwards", () => {
    const file = path.join(tempDir(), "data", KEY_FILE_NAME);
    const first = loadKeyring({ keyFile: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadKeyring({ keyFile: file });
    expect(second.current.id).toBe(first.current.id);
  });

  it("prefers SWITCHYARD_ENCRYPTION_KEY and keeps the key file's keys for decryption", () => {
    const file = path.join(tempDir(), KEY_FILE_NAME);
    const fromFile = loadKeyring({ keyFile: file });
    const envKey = generateKey();
    const keyring = loadKeyring({ envKey: formatKey(envKey), keyFile: file });
    expect(keyring.current.id).toBe(envKey.id);
    expect(keyring.subkey(fromFile.current.id)).toBeDefined();
  });

  it("does not create a key file when the variable is set", () => {
    const file = path.join(tempDir(), KEY_FILE_NAME);
    loadKeyring({ envKey: formatKey(generateKey()), keyFile: file });
    expect(readKeyFile(file)).toBeNull();
  });

  it("reports a corrupt key file instead of generating a new key over it", () => {
    const file = path.join(tempDir(), KEY_FILE_NAME);
    writeFileSync(file, "{not json");
    expect(() => loadKeyring({ keyFile: file })).toThrow(/not valid JSON/);
    expect(readFileSync(file, "utf8")).toBe("{not json");
  });
});
