import { createDb, dbConfigFromEnv } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { DEMO_ACCOUNTS, seedDemo } from "../db/seed/demo";
import { ROLE_LABELS } from "../app/domain/roles";

const db = createDb(dbConfigFromEnv());
try {
  await migrateToLatest(db);
  const { created } = await seedDemo(db);
  if (!created) {
    console.log("El plan de demostración ya estaba cargado; no se cambió nada.");
  } else {
    console.log("Plan de demostración cargado. Cuentas (contraseña: demo-gore-2023):");
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(30)} ${ROLE_LABELS[account.role]}`);
  }
} catch (error) {
  console.error("No se pudo cargar el plan de demostración:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
