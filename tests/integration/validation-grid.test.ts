import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusOf } from "../../app/domain/scoring";
import type { ServiceContext } from "../../app/services/context.server";
import { ForbiddenError, ValidationError } from "../../app/services/errors";
import { loadValidationGrid, reviewMeasurements, type ValidationGridRow } from "../../app/services/validation-grid.server";
import { openTestDb, type TestDb } from "../support/db";
import {
  countAuditEvents,
  seedDemoWithContexts,
  type DemoContexts,
  countAuditedRecords,
  latestAuditOf,
} from "../support/demo-actors";
import { countingDb } from "../support/query-counter";

describe("the validation grid", () => {
  let testDb: TestDb;
  let contexts: DemoContexts;

  beforeAll(async () => {
    testDb = await openTestDb();
    contexts = await seedDemoWithContexts(testDb.db);
  });
  afterAll(() => testDb.close());

  const measurementOf = (row: ValidationGridRow) =>
    testDb.db
      .selectFrom("measurements")
      .select(["state", "review_note", "reviewed_by", "version"])
      .where("indicator_id", "=", row.indicatorId)
      .where("period_id", "=", row.periodId)
      .executeTakeFirstOrThrow();

  /** Submitted rows nobody else in this file has touched yet. */
  const taken = new Set<string>();
  async function freshSubmitted(count: number, ctx: ServiceContext = contexts.planner): Promise<ValidationGridRow[]> {
    const { rows } = await loadValidationGrid(ctx, {});
    const fresh = rows.filter((row) => !taken.has(row.row)).slice(0, count);
    if (fresh.length < count) throw new Error(`only ${fresh.length} submitted rows left`);
    for (const row of fresh) taken.add(row.row);
    return fresh;
  }

  it("lists the values sent to validation with target, compliance and status, for planners and the committee", async () => {
    const grid = await loadValidationGrid(contexts.planner, {});
    expect(grid.filters.estado).toBe("submitted");
    expect(grid.rows.length).toBeGreaterThan(0);
    expect(grid.rows.every((row) => row.state === "submitted")).toBe(true);
    expect(grid.periods.length).toBeGreaterThan(0);
    expect(grid.units.length).toBeGreaterThan(0);
    const scored = grid.rows.find((row) => row.kind === "value" && row.value != null && row.target != null && row.target > 0)!;
    expect(scored).toBeDefined();
    expect(Number.isFinite(scored.compliance)).toBe(true);
    expect(scored.status).toBe(statusOf(scored.compliance, grid.settings));
    expect(scored.row).toBe(`${scored.indicatorId}:${scored.periodId}`);
    expect(scored.periodLabel).not.toBe("");
    expect(grid.rows.some((row) => row.reportedBy)).toBe(true);
    expect(grid.rows.every((row) => row.submittedAt == null || !Number.isNaN(Date.parse(row.submittedAt)))).toBe(true);

    await expect(loadValidationGrid(contexts.committee, { estado: "approved" })).resolves.toMatchObject({ filters: { estado: "approved" } });
    await expect(loadValidationGrid(contexts.unit_head, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(loadValidationGrid(contexts.viewer, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(loadValidationGrid(contexts.planner, { periodo: "2031-01" })).rejects.toThrow("Periodo: 2031-01 no existe");
  });

  it("shows at most a bounded number of rows, those of the latest periods, and says so", async () => {
    const all = await loadValidationGrid(contexts.planner, { estado: "approved" });
    expect(all.truncated).toBe(false);
    expect(all.rows.length).toBeGreaterThan(5);
    const bounded = await loadValidationGrid(contexts.planner, { estado: "approved" }, { rowLimit: 5 });
    expect(bounded.truncated).toBe(true);
    expect(bounded.rows).toHaveLength(5);
    // Every value left out belongs to a period that ended no later than any shown.
    const ends = new Map((await testDb.db.selectFrom("periods").select(["id", "end_date"]).execute()).map((period) => [period.id, period.end_date]));
    const earliestShown = bounded.rows.map((row) => ends.get(row.periodId)!).sort()[0];
    const shown = new Set(bounded.rows.map((row) => row.row));
    for (const row of all.rows.filter((row) => !shown.has(row.row))) expect(ends.get(row.periodId)! <= earliestShown).toBe(true);
  });

  it("filters by period and by unit, and loads in a fixed number of queries", async () => {
    const all = await loadValidationGrid(contexts.planner, {});
    const sample = all.rows[0];
    const byPeriod = await loadValidationGrid(contexts.planner, { periodo: sample.periodKey, unidad: "" });
    expect(byPeriod.rows.length).toBeGreaterThan(0);
    expect(byPeriod.rows.every((row) => row.periodKey === sample.periodKey)).toBe(true);
    const unit = all.units.find((candidate) => candidate.name === sample.unitName)!;
    const byUnit = await loadValidationGrid(contexts.planner, { unidad: String(unit.id) });
    expect(byUnit.rows.every((row) => row.unitName === sample.unitName)).toBe(true);

    const { db, counter } = countingDb(testDb.db);
    await loadValidationGrid({ ...contexts.planner, db }, {});
    // The current plan, then the rows and the filters' choices side by side.
    expect(counter.count).toBe(3);
  });

  it("approves in bulk: new state and version, reviewer, and one change set auditing each measurement", async () => {
    const rows = await freshSubmitted(3);
    const auditBefore = await countAuditEvents(testDb.db);
    const result = await reviewMeasurements(contexts.committee, {
      decision: "approve",
      items: rows.map((row) => ({ row: row.row, version: row.version })),
    });
    expect(result).toMatchObject({ ok: true, saved: 3 });
    if (!result.ok) return;
    expect(result.records.map((record) => record.version)).toEqual(rows.map((row) => row.version + 1));
    for (const row of rows) {
      const stored = await measurementOf(row);
      expect(stored).toMatchObject({ state: "approved", reviewed_by: contexts.committee.actor.id, version: row.version + 1 });
    }
    // One change set for the three, each measurement with its own before and after.
    expect(await countAuditEvents(testDb.db)).toBe(auditBefore + 1);
    for (const row of rows) {
      const event = (await latestAuditOf(testDb.db, "measurement", row.row))!;
      expect(event).toMatchObject({ action: "measurement.approve", change_set: true, user_id: contexts.committee.actor.id, request_id: "test-committee" });
      expect(event.before).toMatchObject({ state: "submitted" });
      expect(event.after).toMatchObject({ state: "approved", version: row.version + 1 });
    }
  });

  it("returns only with an observation, and stores it", async () => {
    const [row] = await freshSubmitted(1);
    const items = [{ row: row.row, version: row.version }];
    const refusal = reviewMeasurements(contexts.planner, { decision: "return", note: "  ", items });
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(reviewMeasurements(contexts.planner, { decision: "return", items })).rejects.toThrow(
      "Observación: es obligatoria al devolver",
    );
    expect((await measurementOf(row)).state).toBe("submitted");

    const result = await reviewMeasurements(contexts.planner, { decision: "return", note: "Falta el medio de verificación", items });
    expect(result.ok).toBe(true);
    expect(await measurementOf(row)).toMatchObject({ state: "returned", review_note: "Falta el medio de verificación", version: row.version + 1 });
    const event = await testDb.db.selectFrom("audit_events").select(["action", "after"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(event.action).toBe("measurement.return");
    expect(event.after).toMatchObject({ state: "returned", review_note: "Falta el medio de verificación" });
  });

  it("refuses what is no longer submitted and writes nothing of the batch", async () => {
    const [good] = await freshSubmitted(1);
    const approved = (await loadValidationGrid(contexts.planner, { estado: "approved" })).rows[0];
    const auditBefore = await countAuditEvents(testDb.db);
    const result = await reviewMeasurements(contexts.planner, {
      decision: "approve",
      items: [
        { row: good.row, version: good.version },
        { row: approved.row, version: approved.version },
        { row: "999999:1", version: 1 },
        { row: "no-es-fila", version: 1 },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(3);
    const byRow = new Map(result.problems.map((problem) => [problem.row, problem]));
    expect(byRow.get(approved.row)).toMatchObject({ field: "state", kind: "invalid" });
    expect(byRow.get(approved.row)!.message).toMatch(/^Estado: .*ya no está enviada a validación/);
    expect(byRow.get("999999:1")).toMatchObject({ kind: "not_found", field: "state" });
    expect(byRow.get("no-es-fila")).toMatchObject({ kind: "not_found", field: "state" });
    expect(await measurementOf(good)).toMatchObject({ state: "submitted", version: good.version });
    expect(await countAuditEvents(testDb.db)).toBe(auditBefore);
  });

  it("reports a conflict with the other reviewer's decision and name, and keeps it", async () => {
    const [mine, theirs] = await freshSubmitted(2);
    // The committee returns one of them after the planner loaded the grid.
    const first = await reviewMeasurements(contexts.committee, {
      decision: "return",
      note: "Revisar el denominador",
      items: [{ row: theirs.row, version: theirs.version }],
    });
    expect(first.ok).toBe(true);

    const result = await reviewMeasurements(contexts.planner, {
      decision: "approve",
      items: [
        { row: mine.row, version: mine.version },
        { row: theirs.row, version: theirs.version },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem).toMatchObject({ row: theirs.row, field: "state", kind: "conflict" });
    expect(problem.message).toContain(contexts.committee.actor.name);
    expect(problem.theirs).toMatchObject({ value: "returned", by: contexts.committee.actor.name, version: theirs.version + 1 });
    expect(Number.isNaN(Date.parse(problem.theirs!.at!))).toBe(false);
    expect(await measurementOf(theirs)).toMatchObject({ state: "returned", review_note: "Revisar el denominador" });
    expect(await measurementOf(mine)).toMatchObject({ state: "submitted", version: mine.version });
  });

  it("reviews 1 or 100 measurements in the same number of queries", async () => {
    // Send 101 more values to validation, so that the batch has enough to take.
    const drafts = await testDb.db
      .selectFrom("measurements as m")
      .innerJoin("indicators as i", "i.id", "m.indicator_id")
      .select("m.id")
      .where("m.state", "in", ["draft", "approved"])
      .where("i.archived_at", "is", null)
      .orderBy("m.id")
      .limit(101)
      .execute();
    await testDb.db
      .updateTable("measurements")
      .set({ state: "submitted", submitted_at: new Date() })
      .where("id", "in", drafts.map((row) => row.id))
      .execute();
    const rows = await freshSubmitted(101);

    const countFor = async (items: ValidationGridRow[]) => {
      const { db, counter } = countingDb(testDb.db);
      const result = await reviewMeasurements(
        { ...contexts.planner, db },
        { decision: "approve", items: items.map((row) => ({ row: row.row, version: row.version })) },
      );
      expect(result).toMatchObject({ ok: true, saved: items.length });
      return counter.count;
    };
    const auditBefore = await countAuditedRecords(testDb.db);
    const one = await countFor(rows.slice(0, 1));
    const hundred = await countFor(rows.slice(1));
    expect(hundred).toBe(one);
    // The current plan, the locked facts, one update, one audit insert.
    expect(one).toBe(4);
    expect(await countAuditedRecords(testDb.db)).toBe(auditBefore + 101);
  });

  it("refuses to return a value in a closed period (its unit could not correct it), but approves it", async () => {
    const [row] = await freshSubmitted(1);
    const period = await testDb.db.selectFrom("periods").select(["id", "status"]).where("id", "=", row.periodId).executeTakeFirstOrThrow();
    if (period.status === "open") {
      await testDb.db.updateTable("periods").set({ status: "closed", closed_at: new Date() }).where("id", "=", period.id).execute();
    }
    try {
      const refused = await reviewMeasurements(contexts.committee, {
        decision: "return",
        note: "Falta el medio de verificación",
        items: [{ row: row.row, version: row.version }],
      });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.problems).toEqual([
        expect.objectContaining({ row: row.row, kind: "forbidden", message: expect.stringContaining(`el periodo ${row.periodKey} está cerrado; para devolver`) }),
      ]);
      expect((await measurementOf(row)).state).toBe("submitted");

      const approved = await reviewMeasurements(contexts.committee, { decision: "approve", items: [{ row: row.row, version: row.version }] });
      expect(approved.ok).toBe(true);
      expect((await measurementOf(row)).state).toBe("approved");
    } finally {
      if (period.status === "open") {
        await testDb.db.updateTable("periods").set({ status: "open", closed_at: null }).where("id", "=", period.id).execute();
      }
    }
  });
});
