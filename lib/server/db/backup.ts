import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { providerOf, sqliteFilePath } from "./database-url";

/**
 * A consistent copy of the SQLite database while the app keeps running, through SQLite's
 * online backup API. Copying the file alone is not enough in WAL mode: the newest commits may
 * still sit in the `-wal` file beside it.
 */
export async function backupSqlite(url: string, destination: string): Promise<string> {
  if (providerOf(url) !== "sqlite") throw new Error("Only the SQLite database is backed up this way; use pg_dump for PostgreSQL");
  const target = path.resolve(destination);
  mkdirSync(path.dirname(target), { recursive: true });
  const db = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  return target;
}

/** `data/backups/switchyard-20250102-030405.db` beside the database file. */
export function defaultBackupPath(url: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return path.join(path.dirname(sqliteFilePath(url)), "backups", `switchyard-${stamp}.db`);
}
