import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDb, dumpPglite } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";

/** Migrates one embedded database for the whole run and dumps it; each test file loads the dump. */
export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "gore-test-"));
  const dataDir = path.join(workDir, "pglite");
  const db = createDb({ kind: "pglite", dataDir });
  await migrateToLatest(db);
  await db.destroy();
  const dump = await dumpPglite(dataDir);
  const dumpPath = path.join(workDir, "migrated.tar");
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteDumpPath", dumpPath);
  return () => rmSync(workDir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDumpPath: string;
    postgresTemplate: { adminUrl: string; template: string; runId: string };
  }
}
