/**
 * Production server: migrates the database, loads the demo plan into an empty embedded
 * database, then serves the built Remix app with Express. `npm start` builds first.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { sql } from "kysely";
import { countPlans } from "./db/queries/plans";
import { migrateToLatest } from "./db/migrate";
import { DEMO_ACCOUNTS, seedDemo } from "./db/seed/demo";
import { closeAppDb, getAppDb } from "./app/db.server";
import { ROLE_LABELS } from "./app/domain/roles";
import { isAllowedOrigin, newNonce, newRequestId, securityHeaders } from "./app/http/security.server";

process.env.NODE_ENV ??= "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

async function prepareDatabase() {
  const { db, kind } = getAppDb();
  const applied = await migrateToLatest(db);
  if (applied.length > 0) console.log(`[db] migraciones aplicadas: ${applied.join(", ")}`);
  // The embedded database has no autovacuum to keep planner statistics; gather them at start.
  if (kind === "pglite") await sql`ANALYZE`.execute(db);
  if ((await countPlans(db)) > 0) return { kind, seeded: false };
  // Demo accounts never reach a real server on their own: there, `npm run db:seed` is a deliberate act.
  if (kind === "postgres") {
    console.log("[db] La base de datos no tiene planes. Para cargar el plan de demostración: npm run db:seed");
    return { kind, seeded: false };
  }
  const { created } = await seedDemo(db);
  return { kind, seeded: created };
}

async function main() {
  const started = Date.now();
  const { kind, seeded } = await prepareDatabase();
  const buildPath = path.resolve("build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  app.use((req, res, next) => {
    res.locals.requestId = req.get("x-request-id")?.slice(0, 100) || newRequestId();
    res.locals.cspNonce = newNonce();
    res.set(securityHeaders(res.locals.cspNonce));
    res.set("X-Request-Id", res.locals.requestId);
    next();
  });
  app.use((req, res, next) => {
    const allowed = isAllowedOrigin(req.method, { origin: req.get("origin"), referer: req.get("referer"), host: req.get("host") });
    if (allowed) return next();
    res.status(403).type("text/plain; charset=utf-8").send("Solicitud rechazada: no proviene de este sitio.");
  });
  // A grid page of the large plan is ~10 MB of JSON and the AG Grid bundle ~1 MB: gzip takes them
  // to about a tenth. Workbooks are zip files already and are left alone.
  const alreadyCompressed = (type: unknown) => /spreadsheetml|zip/.test(String(type ?? ""));
  app.use(compression({ filter: (req, res) => !alreadyCompressed(res.getHeader("Content-Type")) && compression.filter(req, res) }));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => ({
        requestId: res.locals.requestId,
        cspNonce: res.locals.cspNonce,
        clientIp: req.ip ?? "desconocida",
      }),
    }),
  );

  const server = app.listen(port, host, () => {
    const database = kind === "pglite" ? `PostgreSQL embebido (${process.env.DATA_DIR ?? "./data"}/pglite)` : "PostgreSQL (DATABASE_URL)";
    console.log(`\nPlanificación estratégica y control de gestión — GORE RMS`);
    console.log(`Servidor listo en http://localhost:${port} (${((Date.now() - started) / 1000).toFixed(1)} s) · base de datos: ${database}`);
    if (seeded) console.log("Se cargó el plan de demostración.");
    if (kind === "pglite") {
      console.log("Cuentas de demostración (contraseña: demo-gore-2023):");
      for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(30)} ${ROLE_LABELS[account.role]}`);
    }
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: cerrando el servidor…`);
    server.close(() => {
      closeAppDb()
        .catch((error) => console.error("[db] error al cerrar:", error))
        .finally(() => process.exit(0));
    });
    // Keep-alive connections must not hold the process open forever.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch(async (error) => {
  console.error("No se pudo iniciar el servidor:", error instanceof Error ? error.message : error);
  await closeAppDb().catch(() => undefined);
  process.exit(1);
});
