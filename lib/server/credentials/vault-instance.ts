import { getConfig } from "@/lib/server/config";
import { secretFilePath } from "@/lib/server/config/secret-files";
import { createKeyProvider } from "./key-provider";
import { createVault, type Vault } from "./vault";

const holder = globalThis as typeof globalThis & { __switchyardVault?: { dataDir: string; vault: Vault } };

/** The process's vault, keyed by the configuration (SWITCHYARD_ENCRYPTION_KEY or the key file). */
export function getVault(): Vault {
  const config = getConfig();
  if (holder.__switchyardVault?.dataDir !== config.dataDir) {
    const keys = createKeyProvider({
      dataDir: config.dataDir,
      currentKey: config.encryptionKey,
      keyFile: config.encryptionKeySource === "file" ? secretFilePath(config.dataDir, "encryptionKey") : undefined,
      previousKeys: config.previousEncryptionKeys,
    });
    holder.__switchyardVault = { dataDir: config.dataDir, vault: createVault(keys) };
  }
  return holder.__switchyardVault.vault;
}
