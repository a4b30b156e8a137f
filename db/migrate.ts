import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "../migrations";
import type { Database } from "./schema";

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? "");
    throw new Error(`La migración ${failed?.migrationName ?? ""} falló: ${cause}`.trim());
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
