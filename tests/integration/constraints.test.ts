import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMinimalPlan } from "../support/fixtures";
import { openTestDb, type TestDb } from "../support/db";

/** The database itself refuses untrue data, whatever code tries to write it. */
describe("database constraints", () => {
  let testDb: TestDb;
  let ids: Awaited<ReturnType<typeof insertMinimalPlan>>;

  beforeAll(async () => {
    testDb = await openTestDb();
    ids = await insertMinimalPlan(testDb.db);
  });
  afterAll(() => testDb.close());

  it("stores measured values and targets exactly and reads them back as numbers", async () => {
    const { db } = testDb;
    await db.insertInto("targets").values({ indicator_id: ids.indicatorId, period_id: ids.periodId, value: "1234567.1234" }).execute();
    const target = await db.selectFrom("targets").select("value").where("indicator_id", "=", ids.indicatorId).executeTakeFirstOrThrow();
    expect(target.value).toBe(1234567.1234);
    const period = await db.selectFrom("periods").select(["start_date", "end_date"]).where("id", "=", ids.periodId).executeTakeFirstOrThrow();
    expect(period).toEqual({ start_date: "2024-01-01", end_date: "2024-01-31" });
  });

  it("rejects a negative weight", async () => {
    await expect(
      testDb.db.updateTable("objectives").set({ weight: -1 }).where("id", "=", ids.objectiveId).execute(),
    ).rejects.toThrow(/objectives_weight_check/);
    await expect(
      testDb.db.updateTable("indicators").set({ weight: -0.5 }).where("id", "=", ids.indicatorId).execute(),
    ).rejects.toThrow(/indicators_weight_check/);
  });

  it("rejects milestone progress over 100 and a 'done' milestone that is not at 100", async () => {
    const milestone = { commitment_id: ids.commitmentId, title: "Hito", due_date: "2024-06-30" };
    await expect(testDb.db.insertInto("milestones").values({ ...milestone, progress: 101 }).execute()).rejects.toThrow(
      /milestones_progress_check/,
    );
    await expect(
      testDb.db.insertInto("milestones").values({ ...milestone, progress: 80, state: "done" }).execute(),
    ).rejects.toThrow(/milestones_check/);
  });

  it("rejects a second measurement for the same indicator and period", async () => {
    const measurement = { indicator_id: ids.indicatorId, period_id: ids.periodId, value: 10 };
    await testDb.db.insertInto("measurements").values(measurement).execute();
    await expect(testDb.db.insertInto("measurements").values(measurement).execute()).rejects.toThrow(
      /measurements_indicator_id_period_id_key/,
    );
  });

  it("rejects an unknown state, a duplicate code in the plan and an objective under another plan's pillar", async () => {
    const { db } = testDb;
    await expect(
      db.updateTable("measurements").set({ state: "aprobado" as never }).where("indicator_id", "=", ids.indicatorId).execute(),
    ).rejects.toThrow(/measurements_state_check/);
    await expect(
      db.insertInto("objectives").values({ plan_id: ids.planId, pillar_id: ids.pillarId, code: "OE-1", title: "Otro" }).execute(),
    ).rejects.toThrow(/objectives_plan_id_code_key/);
    const other = await insertMinimalPlan(db, "OTRO");
    await expect(
      db.insertInto("objectives").values({ plan_id: other.planId, pillar_id: ids.pillarId, code: "OE-9", title: "Cruzado" }).execute(),
    ).rejects.toThrow(/objectives_pillar_id_plan_id_fkey/);
  });

  it("refuses to delete an indicator that has measurements", async () => {
    await expect(testDb.db.deleteFrom("indicators").where("id", "=", ids.indicatorId).execute()).rejects.toThrow(
      /measurements_indicator_id_fkey/,
    );
  });
});
