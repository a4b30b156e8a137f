import type { TestProject } from "vitest/node";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { adminQuery, databaseUrl } from "./postgres-admin";

/**
 * Creates this run's template database on the real server and migrates it; each test file
 * clones it (CREATE DATABASE ... TEMPLATE), which takes a fraction of a second.
 * Everything this run created is dropped at the end.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL no está definida");
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const template = `gore_tpl_${runId}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  const db = createDb({ kind: "postgres", url: databaseUrl(adminUrl, template) });
  await migrateToLatest(db);
  await db.destroy();
  project.provide("postgresTemplate", { adminUrl, template, runId });

  return async () => {
    const leftovers = await adminQuery(
      adminUrl,
      `SELECT datname FROM pg_database WHERE datname LIKE 'gore_%${runId}%'`,
    );
    for (const row of leftovers.rows as { datname: string }[]) {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    }
  };
}
