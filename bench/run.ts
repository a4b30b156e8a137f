/**
 * npm run bench: the speed figures of the README, measured on the large generated plan in the
 * configured database (embedded by default; DATABASE_URL for a real server). Prints a table and
 * writes bench/results.json. Generates the large plan first when it is missing.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createDb, dbConfigFromEnv } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { LARGE_PLAN_CODE, seedLarge } from "../db/seed/large";
import { gridSaveFigures } from "./figures/grid-save";
import { importFigures } from "./figures/import";
import { indicatorListFigures } from "./figures/indicator-list";
import { managementReportFigures } from "./figures/management-report";
import { scorecardFigures } from "./figures/scorecard";
import { createSqlRecorder, type Figures } from "./support";

const config = dbConfigFromEnv();
const recorder = createSqlRecorder();
const db = createDb(config, { log: recorder.log });
try {
  await migrateToLatest(db);
  let plan = await db.selectFrom("plans").select("id").where("code", "=", LARGE_PLAN_CODE).executeTakeFirst();
  if (!plan) {
    console.log("No hay plan grande en esta base; generándolo (npm run seed:large)…");
    await seedLarge(db, { scale: 1 });
    plan = await db.selectFrom("plans").select("id").where("code", "=", LARGE_PLAN_CODE).executeTakeFirstOrThrow();
  }
  console.log(`Midiendo sobre ${LARGE_PLAN_CODE} en ${config.kind === "pglite" ? "PostgreSQL embebido" : "PostgreSQL"}…\n`);

  const figures: Figures = {
    ...(await indicatorListFigures(db, plan.id)),
    ...(await scorecardFigures(db, plan.id, recorder)),
    ...(await gridSaveFigures(db, plan.id)),
    ...(await importFigures(db, plan.id)),
    ...(await managementReportFigures(db, plan.id)),
  };

  const width = Math.max(...Object.keys(figures).map((name) => name.length));
  for (const [name, figure] of Object.entries(figures)) {
    const within = figure.value <= figure.budget ? "ok" : "OVER BUDGET";
    console.log(`${name.padEnd(width)}  ${String(figure.value).padStart(9)} ${figure.unit.padEnd(2)}  budget ${figure.budget} ${figure.unit}  ${within}`);
  }
  const out = path.resolve(import.meta.dirname, "results.json");
  writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nResultados en ${path.relative(process.cwd(), out)}`);
} finally {
  await db.destroy();
}
