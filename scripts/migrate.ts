import { createDb, dbConfigFromEnv } from "../db/connection";
import { migrateToLatest } from "../db/migrate";

const db = createDb(dbConfigFromEnv());
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Migraciones aplicadas: ${applied.join(", ")}` : "La base de datos ya está al día.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
