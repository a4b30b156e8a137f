/**
 * Generates (or regenerates) the large plan for speed work in the configured database:
 *   npm run seed:large -- --scale 0.1
 * DATABASE_URL selects a PostgreSQL server; without it the embedded database in DATA_DIR is used.
 */
import { formatDecimal, formatInteger } from "../app/domain/format";
import { createDb, dbConfigFromEnv } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { LARGE_PLAN_CODE, seedLarge } from "../db/seed/large";

const USAGE = "Uso: npm run seed:large -- [--scale N]   (N > 0; 1 = 5.000 indicadores)";

function parseScale(args: string[]): number | string {
  let raw: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === "--scale") raw = args[++index] ?? "";
    else if (arg.startsWith("--scale=")) raw = arg.slice("--scale=".length);
    else if (arg === "--help" || arg === "-h") return USAGE;
    else return `Argumento desconocido: ${arg}\n${USAGE}`;
  }
  if (raw === undefined) return 1;
  // Accept the Chilean decimal comma too ("0,5"), which is how people here write it.
  const scale = /^\s*[0-9]*[.,]?[0-9]+\s*$/.test(raw) ? Number(raw.replace(",", ".")) : Number.NaN;
  if (!Number.isFinite(scale) || scale <= 0) {
    return `La escala debe ser un número mayor que 0 (se recibió "${raw}").\n${USAGE}`;
  }
  return scale;
}

const scale = parseScale(process.argv.slice(2));
if (typeof scale === "string") {
  console.error(scale);
  process.exit(2);
}

const config = dbConfigFromEnv();
const db = createDb(config);
try {
  await migrateToLatest(db);
  const where = config.kind === "postgres" ? "PostgreSQL" : "la base embebida (PGlite)";
  console.log(`Generando el plan grande ${LARGE_PLAN_CODE} a escala ${formatDecimal(scale, scale < 1 ? 2 : 1)} en ${where}...`);
  const { counts, elapsedMs } = await seedLarge(db, { scale });
  const parts = [
    `${formatInteger(counts.indicators)} indicadores`,
    `${formatInteger(counts.targets)} metas`,
    `${formatInteger(counts.measurements)} mediciones`,
    `${formatInteger(counts.objectives)} objetivos`,
    `${formatInteger(counts.commitments)} compromisos`,
    `${formatInteger(counts.milestones)} hitos`,
    `${formatInteger(counts.periods)} periodos`,
    `${formatInteger(counts.units)} unidades`,
    `${formatInteger(counts.users)} usuarios (sin contraseña)`,
  ];
  console.log(`Plan grande generado en ${formatDecimal(elapsedMs / 1000, 1)} s: ${parts.join(", ")}.`);
} catch (error) {
  console.error("No se pudo generar el plan grande:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
