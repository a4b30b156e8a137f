import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../migrations";
import { openEmptyTestDb, type TestDb } from "../support/db";

describe("migrations", () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await openEmptyTestDb();
  });
  afterAll(() => testDb.close());

  it("apply on an empty database and create every table of the design", async () => {
    const applied = await migrateToLatest(testDb.db);
    expect(applied).toEqual(Object.keys(migrations));
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(testDb.db);
    const names = tables.rows.map((row) => row.table_name);
    for (const table of [
      "plans", "strategic_definitions", "pillars", "axes", "objective_axes", "indicator_axes",
      "commitment_axes", "units", "users", "user_units", "sessions", "objectives", "indicators",
      "targets", "periods", "measurements", "commitments", "milestones", "committee_sessions",
      "agreements", "comments", "audit_events",
    ]) {
      expect(names).toContain(table);
    }
  });

  it("are idempotent: a second run applies nothing and keeps the data", async () => {
    await testDb.db.insertInto("units").values({ code: "U1", name: "Unidad" }).execute();
    expect(await migrateToLatest(testDb.db)).toEqual([]);
    const units = await testDb.db.selectFrom("units").select("code").execute();
    expect(units).toEqual([{ code: "U1" }]);
  });
});
