import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backupSqlite, defaultBackupPath } from "@/lib/server/db/backup";
import { createDb } from "@/lib/server/db/client";
import { withSqliteDb } from "./test-database";

describe("SQLite backup", () => {
  it("copies committed data still in the WAL, while the app's client stays open", async () => {
    const { db, url, drop } = await withSqliteDb();
    try {
      await db.workspace.create({ data: { name: "Kept", slug: "kept" } });
      const target = await backupSqlite(url, path.join(path.dirname(url.replace(/^file:/, "")), "copies", "b.db"));
      expect(existsSync(target)).toBe(true);
      const copy = createDb(`file:${target}`);
      try {
        expect((await copy.workspace.findUniqueOrThrow({ where: { slug: "kept" } })).name).toBe("Kept");
      } finally {
        await copy.$disconnect();
      }
    } finally {
      await drop();
    }
  });

  it("refuses PostgreSQL and names files by UTC time beside the database", async () => {
    await expect(backupSqlite("postgresql://u@h/db", "/tmp/x.db")).rejects.toThrow(/pg_dump/);
    expect(defaultBackupPath("file:/srv/data/switchyard.db", new Date("2025-01-02T03:04:05Z"))).toBe(
      "/srv/data/backups/switchyard-20250102-030405.db",
    );
  });
});
