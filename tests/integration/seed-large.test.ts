import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { LARGE_PLAN_CODE, largeCounts, seedLarge, type LargeCounts } from "../../db/seed/large";
import { openTestDb, type TestDb } from "../support/db";

const SCALE = 0.01;

/** What the database holds for the large plan, counted table by table (not what the seeder says). */
async function countLargePlan(db: Kysely<Database>): Promise<LargeCounts> {
  const result = await sql<LargeCounts>`
    WITH plan AS (SELECT id FROM plans WHERE code = ${LARGE_PLAN_CODE}),
         gen_users AS (SELECT id, role FROM users WHERE email ~* '^usuario[0-9]+@grande\\.example$'),
         gen_units AS (SELECT id, kind FROM units WHERE code ~ '^G-(DIV|DEP)-[0-9]+$')
    SELECT
      (SELECT count(*) FROM plans WHERE code = ${LARGE_PLAN_CODE}) AS "plans",
      (SELECT count(*) FROM pillars WHERE plan_id IN (SELECT id FROM plan)) AS "pillars",
      (SELECT count(*) FROM axes WHERE plan_id IN (SELECT id FROM plan)) AS "axes",
      (SELECT count(*) FROM gen_units) AS "units",
      (SELECT count(*) FROM gen_units WHERE kind = 'division') AS "divisions",
      (SELECT count(*) FROM gen_units WHERE kind = 'department') AS "departments",
      (SELECT count(*) FROM gen_users) AS "users",
      (SELECT count(*) FROM gen_users WHERE role = 'unit_head') AS "unitHeads",
      (SELECT count(*) FROM user_units WHERE user_id IN (SELECT id FROM gen_users)) AS "userUnits",
      (SELECT count(*) FROM objectives WHERE plan_id IN (SELECT id FROM plan)) AS "objectives",
      (SELECT count(*) FROM objective_axes oa JOIN objectives o ON o.id = oa.objective_id
        WHERE o.plan_id IN (SELECT id FROM plan)) AS "objectiveAxes",
      (SELECT count(*) FROM indicators WHERE plan_id IN (SELECT id FROM plan)) AS "indicators",
      (SELECT count(*) FROM indicator_axes ia JOIN indicators i ON i.id = ia.indicator_id
        WHERE i.plan_id IN (SELECT id FROM plan)) AS "indicatorAxes",
      (SELECT count(*) FROM periods WHERE plan_id IN (SELECT id FROM plan)) AS "periods",
      (SELECT count(*) FROM periods WHERE plan_id IN (SELECT id FROM plan) AND periodicity = 'monthly')
        AS "monthlyPeriods",
      (SELECT count(*) FROM targets t JOIN indicators i ON i.id = t.indicator_id
        WHERE i.plan_id IN (SELECT id FROM plan)) AS "targets",
      (SELECT count(*) FROM measurements m JOIN indicators i ON i.id = m.indicator_id
        WHERE i.plan_id IN (SELECT id FROM plan)) AS "measurements",
      (SELECT count(*) FROM commitments WHERE plan_id IN (SELECT id FROM plan)) AS "commitments",
      (SELECT count(*) FROM commitment_axes ca JOIN commitments c ON c.id = ca.commitment_id
        WHERE c.plan_id IN (SELECT id FROM plan)) AS "commitmentAxes",
      (SELECT count(*) FROM milestones ms JOIN commitments c ON c.id = ms.commitment_id
        WHERE c.plan_id IN (SELECT id FROM plan)) AS "milestones"
  `.execute(db);
  return result.rows[0];
}

async function distinct(db: Kysely<Database>, query: ReturnType<typeof sql<{ value: string }>>) {
  const result = await query.execute(db);
  return result.rows.map((row) => row.value).sort();
}

describe("seedLarge (the large generated plan)", () => {
  let testDb: TestDb;
  let db: Kysely<Database>;
  let firstPlanId: number;

  beforeAll(async () => {
    testDb = await openTestDb();
    db = testDb.db;
    // Rows that belong to nobody's large plan, some with names close to the generated ones.
    await db.insertInto("units").values([
      { code: "OTRA-01", name: "Otra unidad" },
      { code: "G-DIVISION", name: "Unidad con código parecido" },
    ]).execute();
    await db.insertInto("users").values([
      { email: "otra.persona@gore.example", name: "Otra persona", role: "planner" },
      { email: "usuario0001@otro.example", name: "Homónima de otro dominio", role: "viewer" },
    ]).execute();
    await db
      .insertInto("plans")
      .values({ code: "OTRO-PLAN", name: "Otro plan", start_year: 2023, end_year: 2026 })
      .execute();
  });
  afterAll(() => testDb.close());

  it("knows its exact size at scale 1 and refuses a non-positive scale", () => {
    const counts = largeCounts(1);
    expect(counts).toMatchObject({
      pillars: 3, axes: 4, units: 200, divisions: 20, departments: 180, users: 1000, objectives: 100,
      indicators: 5000, periods: 76, monthlyPeriods: 48, targets: 240_000, commitments: 1000, milestones: 5000,
    });
    expect(counts.measurements).toBeGreaterThan(220_000);
    expect(counts.measurements).toBeLessThan(240_000);
    expect(() => largeCounts(0)).toThrow();
    expect(() => largeCounts(Number.NaN)).toThrow();
  });

  it("makes exactly largeCounts(scale) rows in every table", async () => {
    const expected = largeCounts(SCALE);
    const result = await seedLarge(db, { scale: SCALE });
    firstPlanId = result.planId;
    expect(result.counts).toEqual(expected);
    expect(result.elapsedMs).toBeGreaterThan(0);
    expect(await countLargePlan(db)).toEqual(expected);
    // The minimums keep the structure whole even at a hundredth of the size.
    expect(expected.objectives).toBeGreaterThanOrEqual(3);
    expect(expected.indicators).toBe(50);
    expect(expected.targets).toBe(50 * 48);
  });

  it("gives every indicator its targets and a generated responsible unit", async () => {
    const gaps = await sql<{ without_targets: number; outside_units: number; without_axes: number }>`
      SELECT
        (SELECT count(*) FROM indicators i JOIN plans p ON p.id = i.plan_id AND p.code = ${LARGE_PLAN_CODE}
          WHERE (SELECT count(*) FROM targets t WHERE t.indicator_id = i.id) <> 48) AS without_targets,
        (SELECT count(*) FROM indicators i JOIN plans p ON p.id = i.plan_id AND p.code = ${LARGE_PLAN_CODE}
          JOIN units u ON u.id = i.responsible_unit_id WHERE u.code !~ '^G-(DIV|DEP)-') AS outside_units,
        (SELECT count(*) FROM indicators i JOIN plans p ON p.id = i.plan_id AND p.code = ${LARGE_PLAN_CODE}
          WHERE NOT EXISTS (SELECT 1 FROM indicator_axes ia WHERE ia.indicator_id = i.id)) AS without_axes
    `.execute(db);
    expect(gaps.rows[0]).toEqual({ without_targets: 0, outside_units: 0, without_axes: 0 });
  });

  it("mixes kinds, directions, aggregations and states the way a real plan would", async () => {
    const planIndicators = sql`(SELECT i.* FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE p.code = ${LARGE_PLAN_CODE})`;
    expect(await distinct(db, sql`SELECT DISTINCT kind AS value FROM ${planIndicators} x`)).toEqual(["ratio", "value"]);
    expect(await distinct(db, sql`SELECT DISTINCT direction AS value FROM ${planIndicators} x`)).toEqual([
      "decrease",
      "increase",
    ]);
    expect(await distinct(db, sql`SELECT DISTINCT aggregation AS value FROM ${planIndicators} x`)).toEqual([
      "average",
      "last",
      "sum",
    ]);
    expect(await distinct(db, sql`SELECT DISTINCT periodicity AS value FROM ${planIndicators} x`)).toEqual(["monthly"]);
    expect(await distinct(db, sql`SELECT DISTINCT is_published::text AS value FROM ${planIndicators} x`)).toEqual([
      "false",
      "true",
    ]);

    const states = await sql<{ status: string; state: string; n: number }>`
      SELECT pe.status, m.state, count(*) AS n
      FROM measurements m
      JOIN periods pe ON pe.id = m.period_id
      JOIN plans p ON p.id = pe.plan_id AND p.code = ${LARGE_PLAN_CODE}
      GROUP BY pe.status, m.state`.execute(db);
    const byStatus = (status: string) =>
      Object.fromEntries(states.rows.filter((row) => row.status === status).map((row) => [row.state, row.n]));
    const closed = byStatus("closed");
    const open = byStatus("open");
    const closedTotal = Object.values(closed).reduce((sum, n) => sum + n, 0);
    expect(closed.approved / closedTotal).toBeGreaterThan(0.8);
    expect(open.approved ?? 0).toBe(0);
    expect(Object.keys(open).sort()).toEqual(["draft", "returned", "submitted"]);

    // Values match the indicator's kind; sex-disaggregated indicators split their value.
    const shape = await sql<{ bad_ratio: number; bad_value: number; bad_sex: number }>`
      SELECT
        count(*) FILTER (WHERE i.kind = 'ratio' AND (m.numerator IS NULL OR m.denominator IS NULL
          OR m.value <> round(m.numerator / m.denominator * 100, 4))) AS bad_ratio,
        count(*) FILTER (WHERE i.kind = 'value' AND (m.value IS NULL OR m.numerator IS NOT NULL)) AS bad_value,
        count(*) FILTER (WHERE i.sex_disaggregated <> (m.value_women IS NOT NULL AND m.value_men IS NOT NULL)) AS bad_sex
      FROM measurements m JOIN indicators i ON i.id = m.indicator_id
      JOIN plans p ON p.id = i.plan_id AND p.code = ${LARGE_PLAN_CODE}`.execute(db);
    expect(shape.rows[0]).toEqual({ bad_ratio: 0, bad_value: 0, bad_sex: 0 });

    const periods = await sql<{ status: string; year: number; closed_at_missing: number }>`
      SELECT DISTINCT pe.status, pe.year, (pe.status = 'closed' AND pe.closed_at IS NULL)::int AS closed_at_missing
      FROM periods pe JOIN plans p ON p.id = pe.plan_id AND p.code = ${LARGE_PLAN_CODE}
      ORDER BY pe.year`.execute(db);
    expect(periods.rows).toEqual([
      { status: "closed", year: 2023, closed_at_missing: 0 },
      { status: "closed", year: 2024, closed_at_missing: 0 },
      { status: "closed", year: 2025, closed_at_missing: 0 },
      { status: "open", year: 2026, closed_at_missing: 0 },
    ]);

    const milestoneStates = await distinct(
      db,
      sql`SELECT DISTINCT ms.state AS value FROM milestones ms
          JOIN commitments c ON c.id = ms.commitment_id
          JOIN plans p ON p.id = c.plan_id AND p.code = ${LARGE_PLAN_CODE}`,
    );
    expect(milestoneStates.length).toBeGreaterThanOrEqual(3);
  });

  it("leaves the generated users unable to sign in", async () => {
    const withPassword = await db
      .selectFrom("users")
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .where("email", "like", "%@grande.example")
      .where("password_hash", "is not", null)
      .executeTakeFirstOrThrow();
    expect(withPassword.n).toBe(0);
  });

  it("replaces the previous large plan when run again, instead of adding a second one", async () => {
    const again = await seedLarge(db, { scale: SCALE });
    expect(again.planId).not.toBe(firstPlanId);
    expect(await countLargePlan(db)).toEqual(largeCounts(SCALE));
    const gone = await db.selectFrom("indicators").select("id").where("plan_id", "=", firstPlanId).execute();
    expect(gone).toEqual([]);
  });

  it("shrinks cleanly when a smaller scale follows a larger one", async () => {
    await seedLarge(db, { scale: 0.02 });
    expect(await countLargePlan(db)).toEqual(largeCounts(0.02));
    await seedLarge(db, { scale: SCALE });
    expect(await countLargePlan(db)).toEqual(largeCounts(SCALE));
  });

  it("does not touch units, users or plans that are not its own", async () => {
    const units = await db.selectFrom("units").select("code").where("code", "in", ["OTRA-01", "G-DIVISION"]).execute();
    expect(units.map((unit) => unit.code).sort()).toEqual(["G-DIVISION", "OTRA-01"]);
    const users = await db
      .selectFrom("users")
      .select(["email", "role"])
      .where("email", "in", ["otra.persona@gore.example", "usuario0001@otro.example"])
      .orderBy("email")
      .execute();
    expect(users).toEqual([
      { email: "otra.persona@gore.example", role: "planner" },
      { email: "usuario0001@otro.example", role: "viewer" },
    ]);
    const plans = await db.selectFrom("plans").select("code").orderBy("code").execute();
    expect(plans.map((plan) => plan.code)).toEqual([LARGE_PLAN_CODE, "OTRO-PLAN"]);
  });
});
