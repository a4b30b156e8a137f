import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../app/auth/password.server";
import { DEMO_ACCOUNTS, DEMO_COUNTS, DEMO_PLAN_CODE, DEMO_UNIT_HEAD_UNIT, seedDemo } from "../../db/seed/demo";
import { openTestDb, type TestDb } from "../support/db";

async function countRows(testDb: TestDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of Object.keys(DEMO_COUNTS)) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(testDb.db);
    counts[table] = rows[0].n;
  }
  return counts;
}

describe("demo seed", () => {
  let testDb: TestDb;
  let firstRun: { created: boolean };
  let elapsedMs: number;
  beforeAll(async () => {
    testDb = await openTestDb();
    // The embedded database loads its data directory on the first query: keep that out of the timing.
    await sql`SELECT 1`.execute(testDb.db);
    const started = performance.now();
    firstRun = await seedDemo(testDb.db);
    elapsedMs = performance.now() - started;
  });
  afterAll(() => testDb.close());

  it("creates the demo plan with exactly DEMO_COUNTS rows per table", async () => {
    expect(firstRun).toEqual({ created: true });
    expect(await countRows(testDb)).toEqual(DEMO_COUNTS);
    const plan = await testDb.db
      .selectFrom("plans")
      .selectAll()
      .where("code", "=", DEMO_PLAN_CODE)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ status: "active", is_demo: true, start_year: 2023, end_year: 2026 });
    expect(plan.description).toMatch(/^Datos de demostración\./);
    console.info(`seedDemo: ${Math.round(elapsedMs)} ms on ${testDb.kind}`);
  });

  it("creates the five demo accounts with their roles and the shared demo password", async () => {
    const users = await testDb.db.selectFrom("users").select(["email", "role", "password_hash"]).execute();
    for (const account of DEMO_ACCOUNTS) {
      const user = users.find((u) => u.email === account.email);
      expect(user?.role).toBe(account.role);
    }
    // One hash shared by all: verifying one of them proves the passphrase.
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
    expect(await verifyPassword(users[0].password_hash!, "demo-gore-2023")).toBe(true);
  });

  it("gives the unit head one unit that is responsible for indicators and commitments", async () => {
    const units = await testDb.db
      .selectFrom("user_units")
      .innerJoin("users", "users.id", "user_units.user_id")
      .innerJoin("units", "units.id", "user_units.unit_id")
      .select(["units.id", "units.code"])
      .where("users.email", "=", "jefatura@demo.gore.cl")
      .execute();
    expect(units).toEqual([{ id: expect.any(Number), code: DEMO_UNIT_HEAD_UNIT }]);
    const unitId = units[0].id;
    const indicators = await testDb.db.selectFrom("indicators").select("id").where("responsible_unit_id", "=", unitId).execute();
    const commitments = await testDb.db.selectFrom("commitments").select("id").where("responsible_unit_id", "=", unitId).execute();
    expect(indicators.length).toBeGreaterThan(0);
    expect(commitments.length).toBeGreaterThan(0);
  });

  it("has measurements in all four states, closed periods validated, and one zero denominator", async () => {
    const states = await testDb.db
      .selectFrom("measurements")
      .select("state")
      .distinct()
      .orderBy("state")
      .execute();
    expect(states.map((s) => s.state)).toEqual(["approved", "draft", "returned", "submitted"]);

    const inClosed = await testDb.db
      .selectFrom("measurements")
      .innerJoin("periods", "periods.id", "measurements.period_id")
      .select(["measurements.state", "measurements.reviewed_by"])
      .where("periods.status", "=", "closed")
      .execute();
    expect(inClosed.every((m) => (m.state === "approved" || m.state === "returned") && m.reviewed_by !== null)).toBe(true);

    const zero = await testDb.db
      .selectFrom("measurements")
      .select(["numerator", "value"])
      .where("denominator", "=", 0)
      .execute();
    expect(zero).toEqual([{ numerator: 0, value: null }]);
  });

  it("does nothing the second time", async () => {
    const before = await countRows(testDb);
    expect(await seedDemo(testDb.db)).toEqual({ created: false });
    expect(await countRows(testDb)).toEqual(before);
  });
});
