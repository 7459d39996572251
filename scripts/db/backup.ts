// Online backup of the SQLite database (safe while the app runs):
//   node --import tsx scripts/db/backup.ts [destination]
// Default destination: data/backups/switchyard-<UTC time>.db beside the database file.
import { backupSqlite, defaultBackupPath } from "@/lib/server/db/backup";
import { databaseUrlFromEnv } from "@/lib/server/db/database-url";

const url = databaseUrlFromEnv();
try {
  const file = await backupSqlite(url, process.argv[2] ?? defaultBackupPath(url));
  process.stdout.write(`Backed up to ${file}\n`);
} catch (error) {
  process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
