import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import type { NotionApi } from "./client";
import { parseNotionId } from "./ids";

/**
 * Since API version 2025-09-03 rows live in a database's data sources. Users know the
 * database (its link); the data source id is optional and saves one lookup per run.
 */

export const databaseConfig = {
  database: z
    .string()
    .min(1, "the database is required")
    .meta({ title: "Database", description: "Database id or its Notion link. Share the database with the integration first." }),
  dataSourceId: z.string().optional().meta({
    title: "Data source id (optional)",
    description: "Only for databases with several data sources; without it the database's single data source is used.",
  }),
};

export interface DatabaseTarget {
  databaseId: string;
  dataSourceId: string | undefined;
}

export function databaseTarget(config: { database: string; dataSourceId?: string }): DatabaseTarget {
  const dataSourceId = config.dataSourceId?.trim() ? parseNotionId(config.dataSourceId, "dataSourceId") : undefined;
  return { databaseId: parseNotionId(config.database, "database"), dataSourceId };
}

export async function resolveDataSource(api: NotionApi, target: DatabaseTarget): Promise<string> {
  if (target.dataSourceId) return target.dataSourceId;
  const database = await api.retrieveDatabase(target.databaseId);
  const sources = database.data_sources ?? [];
  const only = sources[0];
  if (sources.length === 1 && only) return only.id;
  if (sources.length === 0) {
    throw new ValidationError(`Notion database "${target.databaseId}" has no data source the integration can see`, { path: ["database"] });
  }
  const listed = sources.map((s) => `${s.name ?? "unnamed"} (${s.id})`).join(", ");
  throw new ValidationError(
    `Notion database "${target.databaseId}" has ${sources.length} data sources; choose one in "Data source id": ${listed}`,
    {
      path: ["dataSourceId"],
    },
  );
}
