import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeScorecard, getDashboard } from "../../app/services/scorecard.server";
import { DEFAULT_SETTINGS } from "../../app/domain/scoring";
import { ValidationError } from "../../app/services/errors";
import { DEMO_PLAN_CODE, DEMO_UNIT_HEAD_UNIT } from "../../db/seed/demo";
import { openTestDb, type TestDb } from "../support/db";
import { seedDemoWithContexts, type DemoContexts } from "../support/demo-actors";
import { countingDb } from "../support/query-counter";

describe("the scorecard's one data path", () => {
  let testDb: TestDb;
  let contexts: DemoContexts;
  let planId: number;

  beforeAll(async () => {
    testDb = await openTestDb();
    contexts = await seedDemoWithContexts(testDb.db);
    planId = (await testDb.db.selectFrom("plans").select("id").where("code", "=", DEMO_PLAN_CODE).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => testDb.close());

  it("defaults to the latest closed period and scores the whole demo plan in a fixed number of queries", async () => {
    const { db, counter } = countingDb(testDb.db);
    const { period, model } = await computeScorecard(db, planId, DEFAULT_SETTINGS, { today: "2026-01-15" });
    expect(period.end_date).toBe("2025-09-30");
    expect(period.status).toBe("closed");
    // The periods list, the year's periods, then seven reads side by side, whatever the size of the plan.
    expect(counter.count).toBe(9);
    expect(model.pillars).toHaveLength(3);
    expect(model.indicatorCount).toBe(37);
    const { green, yellow, red, none } = model.statusCounts;
    expect(green + yellow + red + none).toBe(37);
    expect(green).toBeGreaterThan(0);
    expect(red).toBeGreaterThan(0);
    expect(model.plan.score).toBeGreaterThan(0);
    expect(model.plan.score).toBeLessThanOrEqual(1);
    expect(model.plan.explanation.join(" ")).toContain("Promedio ponderado");
    expect(model.overdueMilestones.length).toBeGreaterThan(0);
  });

  it("rolls up consistently: each pillar lies between its objectives' scores", async () => {
    const { model } = await computeScorecard(testDb.db, planId, DEFAULT_SETTINGS, { periodKey: "2024-12", today: "2026-01-15" });
    for (const pillar of model.pillars) {
      const scores = pillar.objectives.map((o) => o.score).filter((s): s is number => s != null);
      if (scores.length === 0) continue;
      expect(pillar.score!).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-9);
      expect(pillar.score!).toBeLessThanOrEqual(Math.max(...scores) + 1e-9);
    }
    expect(model.pillars.flatMap((p) => p.trend)).toHaveLength(12);
  });

  it("counts submitted values only when asked, and marks them", async () => {
    const official = await computeScorecard(testDb.db, planId, DEFAULT_SETTINGS, { periodKey: "2025-12", today: "2026-01-15" });
    const reported = await computeScorecard(testDb.db, planId, DEFAULT_SETTINGS, {
      periodKey: "2025-12",
      includeSubmitted: true,
      today: "2026-01-15",
    });
    const flagged = reported.model.pillars.flatMap((p) => p.objectives.flatMap((o) => o.indicators)).filter((i) => i.includesUnvalidated);
    expect(flagged.length).toBeGreaterThan(0);
    const officialFlagged = official.model.pillars.flatMap((p) => p.objectives.flatMap((o) => o.indicators)).filter((i) => i.includesUnvalidated);
    expect(officialFlagged).toHaveLength(0);
  });

  it("filters by unit (with its sub-units) and by axis", async () => {
    const unit = await testDb.db.selectFrom("units").select("id").where("code", "=", DEMO_UNIT_HEAD_UNIT).executeTakeFirstOrThrow();
    const owned = await testDb.db.selectFrom("indicators").select("id").where("responsible_unit_id", "=", unit.id).execute();
    const { model } = await computeScorecard(testDb.db, planId, DEFAULT_SETTINGS, { unitId: unit.id, today: "2026-01-15" });
    expect(model.indicatorCount).toBe(owned.length);
    const axis = await testDb.db.selectFrom("axes").select("id").where("plan_id", "=", planId).orderBy("id").executeTakeFirstOrThrow();
    const tagged = await testDb.db.selectFrom("indicator_axes").select("indicator_id").where("axis_id", "=", axis.id).execute();
    const byAxis = await computeScorecard(testDb.db, planId, DEFAULT_SETTINGS, { axisId: axis.id, today: "2026-01-15" });
    expect(byAxis.model.indicatorCount).toBe(tagged.length);
  });

  it("reads for every role and refuses a period that is not in the plan", async () => {
    for (const ctx of Object.values(contexts)) {
      await expect(getDashboard(ctx, {})).resolves.toBeDefined();
    }
    await expect(getDashboard(contexts.viewer, { periodo: "2031-01" })).rejects.toThrow("Periodo: 2031-01 no existe");
    await expect(getDashboard(contexts.viewer, { periodo: "marzo" })).rejects.toBeInstanceOf(ValidationError);
  });
});
