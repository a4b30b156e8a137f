import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/schema";
import { DEMO_PLAN_CODE } from "../../db/seed/demo";
import { ConflictError, ForbiddenError } from "../../app/services/errors";
import { ensurePlanPeriods, getPeriodsPage, previewPeriodChange, setPeriodOpen } from "../../app/services/periods.server";
import { openTestDb, type TestDb } from "../support/db";
import { countAuditEvents, findReportingCase, reportWithCurrentVersion, seedDemoWithContexts, type DemoContexts } from "../support/demo-actors";

describe("reporting periods", () => {
  let testDb: TestDb;
  let contexts: DemoContexts;

  beforeAll(async () => {
    testDb = await openTestDb();
    contexts = await seedDemoWithContexts(testDb.db);
  });
  afterAll(() => testDb.close());

  const lastAudit = () =>
    testDb.db
      .selectFrom("audit_events")
      .select(["action", "user_id", "entity_type", "entity_id", "before", "after"])
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();

  async function insertPlan(code: string, startYear: number, endYear: number) {
    return testDb.db
      .insertInto("plans")
      .values({ code, name: `Plan ${code}`, start_year: startYear, end_year: endYear })
      .returning(["id", "start_year", "end_year"])
      .executeTakeFirstOrThrow();
  }

  const periodKeys = async (planId: number) =>
    (await testDb.db.selectFrom("periods").select("key").where("plan_id", "=", planId).execute()).map((row) => row.key).sort();

  describe("ensurePlanPeriods", () => {
    // The extra plans go once done: helpers that look periods up by periodicity alone
    // (findReportingCase) expect the demo plan to be the only one.
    afterAll(() => testDb.db.deleteFrom("plans").where("code", "like", "PRUEBA-%").execute());

    it("creates every period of every periodicity once, and a second run creates nothing", async () => {
      const plan = await insertPlan("PRUEBA-PERIODOS", 2024, 2025);
      expect(await ensurePlanPeriods(testDb.db, plan)).toBe(2 * (12 + 4 + 2 + 1));
      const keys = await periodKeys(plan.id);
      expect(keys).toHaveLength(38);
      expect(keys).toEqual(expect.arrayContaining(["2024-01", "2025-12", "2024-Q1", "2025-Q4", "2024-S2", "2024", "2025"]));
      expect(await ensurePlanPeriods(testDb.db, plan)).toBe(0);
      expect(await periodKeys(plan.id)).toEqual(keys);
    });

    it("fills only the gaps, new periods open, and leaves a closed period closed", async () => {
      const plan = await insertPlan("PRUEBA-HUECOS", 2024, 2025);
      await ensurePlanPeriods(testDb.db, plan);
      await testDb.db.deleteFrom("periods").where("plan_id", "=", plan.id).where("key", "in", ["2024-05", "2025-S2", "2025"]).execute();
      await testDb.db
        .updateTable("periods")
        .set({ status: "closed", closed_at: new Date(), closed_by: contexts.planner.actor.id })
        .where("plan_id", "=", plan.id)
        .where("key", "=", "2024-04")
        .execute();

      expect(await ensurePlanPeriods(testDb.db, plan)).toBe(3);
      const rows = await testDb.db
        .selectFrom("periods")
        .select(["key", "periodicity", "year", "number", "start_date", "end_date", "status"])
        .where("plan_id", "=", plan.id)
        .where("key", "in", ["2024-04", "2024-05", "2025-S2", "2025"])
        .orderBy("key")
        .execute();
      expect(rows).toEqual([
        { key: "2024-04", periodicity: "monthly", year: 2024, number: 4, start_date: "2024-04-01", end_date: "2024-04-30", status: "closed" },
        { key: "2024-05", periodicity: "monthly", year: 2024, number: 5, start_date: "2024-05-01", end_date: "2024-05-31", status: "open" },
        { key: "2025", periodicity: "annual", year: 2025, number: 1, start_date: "2025-01-01", end_date: "2025-12-31", status: "open" },
        { key: "2025-S2", periodicity: "semiannual", year: 2025, number: 2, start_date: "2025-07-01", end_date: "2025-12-31", status: "open" },
      ]);
    });

    it("with a service context, checks the role and audits what it created", async () => {
      const plan = await insertPlan("PRUEBA-AUDITADA", 2026, 2026);
      const before = await countAuditEvents(testDb.db);
      await expect(ensurePlanPeriods(contexts.viewer, plan)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(ensurePlanPeriods(contexts.committee, plan)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await periodKeys(plan.id)).toEqual([]);
      expect(await countAuditEvents(testDb.db)).toBe(before);

      expect(await ensurePlanPeriods(contexts.planner, plan)).toBe(19);
      expect(await lastAudit()).toMatchObject({
        action: "period.generate",
        user_id: contexts.planner.actor.id,
        entity_type: "plan",
        entity_id: String(plan.id),
        after: { created: 19, startYear: 2026, endYear: 2026 },
      });
      // Nothing to create: nothing to audit.
      expect(await ensurePlanPeriods(contexts.planner, plan)).toBe(0);
      expect(await countAuditEvents(testDb.db)).toBe(before + 1);
    });

    it("finds the demo plan complete", async () => {
      const plan = await testDb.db
        .selectFrom("plans")
        .select(["id", "start_year", "end_year"])
        .where("code", "=", DEMO_PLAN_CODE)
        .executeTakeFirstOrThrow();
      expect(await ensurePlanPeriods(testDb.db, plan)).toBe(0);
    });
  });

  describe("the periods page", () => {
    it("counts each period's measurements by state and the indicators still missing, as the tables say", async () => {
      const page = await getPeriodsPage(contexts.viewer, { year: "2025" });
      expect(page.year).toBe(2025);
      expect(page.groups.map((group) => [group.label, group.periods.length])).toEqual([
        ["Mensual", 12],
        ["Trimestral", 4],
        ["Semestral", 2],
        ["Anual", 1],
      ]);
      expect(page.missingPeriodCount).toBe(0);

      // The same numbers worked out by hand from the raw rows.
      const plan = await testDb.db.selectFrom("plans").select("id").where("code", "=", DEMO_PLAN_CODE).executeTakeFirstOrThrow();
      const indicators = await testDb.db
        .selectFrom("indicators")
        .select(["id", "periodicity"])
        .where("plan_id", "=", plan.id)
        .where("archived_at", "is", null)
        .execute();
      const measurements = await testDb.db.selectFrom("measurements").select(["indicator_id", "period_id", "state"]).execute();
      const live = new Set(indicators.map((indicator) => indicator.id));
      let periodsWithDrafts = 0;
      for (const period of page.groups.flatMap((group) => group.periods)) {
        const here = measurements.filter((m) => m.period_id === period.id && live.has(m.indicator_id));
        const ofPeriodicity = indicators.filter((indicator) => indicator.periodicity === period.periodicity);
        const expected = {
          draft: here.filter((m) => m.state === "draft").length,
          submitted: here.filter((m) => m.state === "submitted").length,
          approved: here.filter((m) => m.state === "approved").length,
          returned: here.filter((m) => m.state === "returned").length,
          missing: ofPeriodicity.filter((indicator) => !here.some((m) => m.indicator_id === indicator.id)).length,
        };
        expect(period.counts, period.key).toEqual(expected);
        expect(period.indicatorCount).toBe(ofPeriodicity.length);
        if (expected.draft > 0) periodsWithDrafts++;
      }
      // The demo's last quarter of 2025 is still being reported: some drafts must show.
      expect(periodsWithDrafts).toBeGreaterThan(0);
    });

    it("checks one period against a count written out by hand", async () => {
      const page = await getPeriodsPage(contexts.viewer, { year: "2025" });
      const march = page.groups[0].periods.find((period) => period.key === "2025-03")!;
      const rows = await testDb.db
        .selectFrom("measurements as m")
        .innerJoin("indicators as i", "i.id", "m.indicator_id")
        .select(["m.state"])
        .where("m.period_id", "=", march.id)
        .execute();
      const monthly = await testDb.db.selectFrom("indicators").select("id").where("periodicity", "=", "monthly").execute();
      // March 2025 is closed and validated in the demo: everything reported is approved.
      expect(march.status).toBe("closed");
      expect(march.counts).toEqual({
        draft: 0,
        submitted: 0,
        approved: rows.filter((r) => r.state === "approved").length,
        returned: rows.filter((r) => r.state === "returned").length,
        missing: monthly.length - rows.length,
      });
      expect(march.label).toBe("marzo 2025");
      expect(march.closedByName).toBe(contexts.planner.actor.name);
      expect(march.closedAt).toBeInstanceOf(Date);
    });

    it.each([
      ["a year of the plan asked for", "2024", "2030-01-01T12:00:00Z", 2024],
      ["no year: the current one, inside the plan", null, "2025-06-01T12:00:00Z", 2025],
      ["no year after the plan ended: its last year", null, "2031-06-01T12:00:00Z", 2026],
      ["a year outside the plan", "1999", "2024-06-01T12:00:00Z", 2024],
      ["nonsense", "2024abc", "2023-06-01T12:00:00Z", 2023],
      ["New Year's Eve in Santiago, already 2025 in UTC", null, "2025-01-01T02:00:00Z", 2024],
    ])("shows %s", async (_title, year, now, expected) => {
      const page = await getPeriodsPage(contexts.viewer, { year, now: new Date(now) });
      expect(page.year).toBe(expected);
      expect(page.years).toEqual([2023, 2024, 2025, 2026]);
    });

    it.each([
      ["admin", true],
      ["planner", true],
      ["committee", false],
      ["unit_head", false],
      ["viewer", false],
    ] as [Role, boolean][])("lets %s read it; manage: %s", async (role, canManage) => {
      const page = await getPeriodsPage(contexts[role], { year: "2025" });
      expect(page.canManage).toBe(canManage);
      expect(page.groups[0].periods).toHaveLength(12);
    });
  });

  describe("closing and reopening", () => {
    it("blocks a unit head's report in a closed period, allows it again once reopened, and still lets an admin write", async () => {
      const { indicator, openPeriod } = await findReportingCase(testDb.db, true);
      const report = (role: Role, value: number) =>
        reportWithCurrentVersion(contexts[role], { indicatorId: indicator.id, periodId: openPeriod.id, value });

      const preview = await previewPeriodChange(contexts.planner, openPeriod.id, false);
      expect(preview).toMatchObject({ id: openPeriod.id, key: openPeriod.key, status: "open" });
      expect(preview.label).not.toBe(openPeriod.key);

      await setPeriodOpen(contexts.planner, openPeriod.id, false);
      expect(await lastAudit()).toMatchObject({
        action: "period.close",
        user_id: contexts.planner.actor.id,
        entity_id: String(openPeriod.id),
        before: { key: openPeriod.key, status: "open" },
        after: { key: openPeriod.key, status: "closed" },
      });
      const closed = await testDb.db.selectFrom("periods").select(["status", "closed_by"]).where("id", "=", openPeriod.id).executeTakeFirstOrThrow();
      expect(closed).toEqual({ status: "closed", closed_by: contexts.planner.actor.id });

      const before = await countAuditEvents(testDb.db);
      await expect(report("unit_head", 10)).rejects.toThrow(
        new ForbiddenError(`El periodo ${openPeriod.key} está cerrado; solo administración puede modificarlo.`),
      );
      expect(await countAuditEvents(testDb.db)).toBe(before);
      const stored = await testDb.db
        .selectFrom("measurements")
        .select("id")
        .where("indicator_id", "=", indicator.id)
        .where("period_id", "=", openPeriod.id)
        .executeTakeFirst();
      expect(stored).toBeUndefined();

      // Closing twice is refused, before and at the change.
      await expect(previewPeriodChange(contexts.planner, openPeriod.id, false)).rejects.toBeInstanceOf(ConflictError);
      await expect(setPeriodOpen(contexts.planner, openPeriod.id, false)).rejects.toThrow("ya está cerrado");

      await setPeriodOpen(contexts.planner, openPeriod.id, true);
      expect(await lastAudit()).toMatchObject({ action: "period.open", before: { status: "closed" }, after: { status: "open" } });
      await expect(report("unit_head", 10)).resolves.toMatchObject({ value: 10 });
      expect(await lastAudit()).toMatchObject({ action: "measurement.save", user_id: contexts.unit_head.actor.id });

      await setPeriodOpen(contexts.admin, openPeriod.id, false);
      await expect(report("admin", 11)).resolves.toMatchObject({ value: 11 });
      expect(await lastAudit()).toMatchObject({
        action: "measurement.save_closed_period",
        user_id: contexts.admin.actor.id,
        entity_type: "measurement",
        entity_id: `${indicator.id}:${openPeriod.id}`,
      });
      await setPeriodOpen(contexts.admin, openPeriod.id, true);
    });

    it.each(["committee", "unit_head", "viewer"] as Role[])("refuses %s closing or reopening, and changes nothing", async (role) => {
      const periods = await testDb.db
        .selectFrom("periods as p")
        .innerJoin("plans", "plans.id", "p.plan_id")
        .select(["p.id", "p.status"])
        .where("plans.code", "=", DEMO_PLAN_CODE)
        .where("p.key", "in", ["2025-12", "2025-03"])
        .orderBy("p.key")
        .execute();
      const [closedPeriod, openPeriod] = periods;
      expect([closedPeriod.status, openPeriod.status]).toEqual(["closed", "open"]);
      const before = await countAuditEvents(testDb.db);
      await expect(setPeriodOpen(contexts[role], openPeriod.id, false)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setPeriodOpen(contexts[role], closedPeriod.id, true)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(previewPeriodChange(contexts[role], openPeriod.id, false)).rejects.toThrow(
        "Solo planificación y administración pueden abrir o cerrar periodos.",
      );
      const after = await testDb.db.selectFrom("periods").select(["id", "status"]).where("id", "in", [closedPeriod.id, openPeriod.id]).orderBy("id").execute();
      expect(after).toEqual(
        [closedPeriod, openPeriod].sort((a, b) => a.id - b.id).map((period) => ({ id: period.id, status: period.status })),
      );
      expect(await countAuditEvents(testDb.db)).toBe(before);
    });

    it("counts what is still pending in the confirmation step", async () => {
      const plan = await testDb.db.selectFrom("plans").select("id").where("code", "=", DEMO_PLAN_CODE).executeTakeFirstOrThrow();
      const period = await testDb.db
        .selectFrom("periods")
        .select(["id", "key"])
        .where("plan_id", "=", plan.id)
        .where("key", "=", "2025-12")
        .executeTakeFirstOrThrow();
      const drafts = await testDb.db
        .selectFrom("measurements")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("period_id", "=", period.id)
        .where("state", "=", "draft")
        .executeTakeFirstOrThrow();
      const preview = await previewPeriodChange(contexts.admin, period.id, false);
      expect(preview.label).toBe("diciembre 2025");
      expect(preview.counts.draft).toBe(Number(drafts.n));
    });
  });
});
