import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { inject } from "vitest";
import { createDb, type DbKind } from "../../db/connection";
import type { Database } from "../../db/schema";
import { adminQuery, databaseUrl } from "./postgres-admin";

export interface TestDb {
  db: Kysely<Database>;
  kind: DbKind;
  close(): Promise<void>;
}

export const testDbKind = (): DbKind => (process.env.TEST_DB_KIND === "postgres" ? "postgres" : "pglite");

/** A fresh, migrated database of its own for one test file: embedded, or cloned on the real server. */
export async function openTestDb(): Promise<TestDb> {
  if (testDbKind() === "pglite") {
    const dump = new Blob([readFileSync(inject("pgliteDumpPath"))]);
    const db = createDb({ kind: "pglite", loadDataDir: dump });
    return { db, kind: "pglite", close: () => db.destroy() };
  }
  const { template } = inject("postgresTemplate");
  return openServerDb(`CREATE DATABASE %s TEMPLATE ${template}`);
}

/** An empty database, not migrated: for the migration tests. */
export async function openEmptyTestDb(): Promise<TestDb> {
  if (testDbKind() === "pglite") {
    const db = createDb({ kind: "pglite" });
    return { db, kind: "pglite", close: () => db.destroy() };
  }
  return openServerDb("CREATE DATABASE %s");
}

async function openServerDb(createStatement: string): Promise<TestDb> {
  const { adminUrl, runId } = inject("postgresTemplate");
  const name = `gore_t_${runId}_${randomBytes(4).toString("hex")}`;
  await adminQuery(adminUrl, createStatement.replace("%s", name));
  const db = createDb({ kind: "postgres", url: databaseUrl(adminUrl, name), poolSize: 4 });
  return {
    db,
    kind: "postgres",
    close: async () => {
      await db.destroy();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
