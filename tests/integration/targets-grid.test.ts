import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CellChange } from "../../app/domain/grid-batch";
import { ForbiddenError } from "../../app/services/errors";
import { loadTargetsGrid, saveTargetsBatch, type TargetsGridPayload, type TargetsGridRow } from "../../app/services/targets-grid.server";
import { sql } from "kysely";
import { openTestDb, testDbKind, type TestDb } from "../support/db";
import {
  countAuditEvents,
  seedDemoWithContexts,
  type DemoContexts,
  countAuditedRecords,
  latestAuditOf,
} from "../support/demo-actors";
import { countingDb } from "../support/query-counter";

describe("the planning grid", () => {
  let testDb: TestDb;
  let contexts: DemoContexts;

  beforeAll(async () => {
    testDb = await openTestDb();
    contexts = await seedDemoWithContexts(testDb.db);
  });
  afterAll(() => testDb.close());

  const targetOf = (indicatorId: number, periodId: number) =>
    testDb.db
      .selectFrom("targets")
      .select(["value", "version", "updated_by"])
      .where("indicator_id", "=", indicatorId)
      .where("period_id", "=", periodId)
      .executeTakeFirst();
  const indicatorOf = (id: number) =>
    testDb.db.selectFrom("indicators").select(["weight", "responsible_unit_id", "version"]).where("id", "=", id).executeTakeFirstOrThrow();

  /** An indicator of the given periodicity, its periods in the grid's year, and a spare one of the rows. */
  function pick(grid: TargetsGridPayload, index = 0) {
    const rows = grid.rows.filter((row) => row.periodicity === "monthly");
    const row = rows[index];
    const periods = grid.periods.filter((period) => period.periodicity === row.periodicity);
    return { row, periods };
  }

  const valueCell = (row: TargetsGridRow, periodId: number, value: number | null): CellChange => ({
    row: `${row.indicatorId}:${periodId}`,
    field: "value",
    value,
    version: row.targets[periodId]?.version ?? null,
  });

  it("shows every live indicator with weight, unit and the year's targets; edits only for planners", async () => {
    const grid = await loadTargetsGrid(contexts.planner, { anio: "2025" });
    const live = await testDb.db.selectFrom("indicators").select("id").where("archived_at", "is", null).execute();
    expect(grid.year).toBe(2025);
    expect(grid.years).toEqual([2023, 2024, 2025, 2026]);
    expect(grid.rows).toHaveLength(live.length);
    expect(grid.canEdit).toBe(true);
    expect(new Set(grid.periods.map((period) => period.periodicity))).toEqual(new Set(["monthly", "quarterly", "semiannual", "annual"]));
    const closed = grid.periods.find((period) => period.status === "closed")!;
    expect(closed).toMatchObject({ editable: false });
    expect(closed.reason).toContain("cerrado");
    const withTargets = grid.rows.find((row) => Object.keys(row.targets).length > 0)!;
    const [periodId, cell] = Object.entries(withTargets.targets)[0];
    expect(cell.row).toBe(`${withTargets.indicatorId}:${periodId}`);
    expect(cell.version).toBeGreaterThanOrEqual(1);
    expect(withTargets.row).toBe(`i${withTargets.indicatorId}`);
    expect(withTargets.version).toBe(1);
    expect(grid.units.length).toBeGreaterThan(0);

    const admin = await loadTargetsGrid(contexts.admin, { anio: 2025 });
    expect(admin.periods.every((period) => period.editable)).toBe(true);
    const committee = await loadTargetsGrid(contexts.committee, { anio: 2025 });
    expect(committee.canEdit).toBe(false);
    expect(committee.periods.every((period) => !period.editable)).toBe(true);
    await expect(loadTargetsGrid(contexts.planner, { anio: 2031 })).rejects.toThrow("Año: el plan abarca de 2023 a 2026");

    const { db, counter } = countingDb(testDb.db);
    await loadTargetsGrid({ ...contexts.planner, db }, { anio: 2026 });
    // The current plan, then the indicators and the year (periods, units, targets) side by side.
    expect(counter.count).toBe(3);
  });

  it("saves weights, units and targets (set, change, remove) in one batch with their audit events", async () => {
    const grid = await loadTargetsGrid(contexts.planner, { anio: 2026 });
    const { row, periods } = pick(grid, 0);
    const existing = periods.find((period) => row.targets[period.id])!;
    const missing = periods.find((period) => !row.targets[period.id]) ?? periods.find((period) => period.id !== existing.id)!;
    const removed = periods.find((period) => row.targets[period.id] && period.id !== existing.id && period.id !== missing.id)!;
    await testDb.db.deleteFrom("targets").where("indicator_id", "=", row.indicatorId).where("period_id", "=", missing.id).execute();
    delete row.targets[missing.id];
    const otherUnit = grid.units.find((unit) => unit.isActive && unit.id !== row.responsibleUnitId)!;
    const auditBefore = await countAuditEvents(testDb.db);

    const result = await saveTargetsBatch(contexts.planner, {
      changes: [
        { row: row.row, field: "weight", value: 2.5, version: row.version },
        { row: row.row, field: "responsibleUnitId", value: otherUnit.id, version: row.version },
        valueCell(row, existing.id, 123.45),
        valueCell(row, missing.id, 80),
        valueCell(row, removed.id, null),
      ],
    });
    expect(result).toMatchObject({ ok: true, saved: 5 });
    if (!result.ok) return;
    expect(await indicatorOf(row.indicatorId)).toEqual({ weight: 2.5, responsible_unit_id: otherUnit.id, version: row.version + 1 });
    expect(await targetOf(row.indicatorId, existing.id)).toEqual({
      value: 123.45,
      version: row.targets[existing.id].version + 1,
      updated_by: contexts.planner.actor.id,
    });
    expect(await targetOf(row.indicatorId, missing.id)).toEqual({ value: 80, version: 1, updated_by: contexts.planner.actor.id });
    expect(await targetOf(row.indicatorId, removed.id)).toBeUndefined();
    const records = new Map(result.records.map((record) => [record.row, record]));
    expect(records.get(row.row)).toMatchObject({ version: row.version + 1, fields: { weight: 2.5, responsibleUnitId: otherUnit.id } });
    expect(records.get(`${row.indicatorId}:${missing.id}`)).toMatchObject({ version: 1, fields: { value: 80 } });
    expect(records.get(`${row.indicatorId}:${removed.id}`)).toMatchObject({ version: null, fields: { value: null } });

    // The indicator (both its cells) and each target audited once: the two targets set in one change set.
    expect(await countAuditedRecords(testDb.db)).toBe(auditBefore + 4);
    const indicatorEvent = (await latestAuditOf(testDb.db, "indicator", String(row.indicatorId)))!;
    expect(indicatorEvent.action).toBe("indicator.update");
    expect(indicatorEvent.before).toMatchObject({ weight: row.weight, responsible_unit_id: row.responsibleUnitId });
    expect(indicatorEvent.after).toMatchObject({ weight: 2.5, responsible_unit_id: otherUnit.id });
    expect(await latestAuditOf(testDb.db, "target", `${row.indicatorId}:${existing.id}`)).toMatchObject({ action: "target.set", change_set: true });
    expect(await latestAuditOf(testDb.db, "target", `${row.indicatorId}:${missing.id}`)).toMatchObject({ action: "target.set", change_set: true });
    expect(await latestAuditOf(testDb.db, "target", `${row.indicatorId}:${removed.id}`)).toMatchObject({ action: "target.delete", after: null });
  });

  it("writes nothing when any cell is bad, and reports every bad cell by field", async () => {
    const grid = await loadTargetsGrid(contexts.planner, { anio: 2026 });
    const { row, periods } = pick(grid, 1);
    const quarter = grid.periods.find((period) => period.periodicity === "quarterly")!;
    const good = periods[0];
    const before = await targetOf(row.indicatorId, good.id);
    const auditBefore = await countAuditEvents(testDb.db);

    const result = await saveTargetsBatch(contexts.planner, {
      changes: [
        valueCell(row, good.id, 999),
        valueCell(row, periods[1].id, "doce" as unknown as number),
        valueCell(row, quarter.id, 5),
        { row: row.row, field: "weight", value: -1, version: row.version },
        { row: row.row, field: "name", value: "Otro nombre", version: row.version },
        { row: "i999999", field: "weight", value: 1, version: 1 },
        { row: `${row.indicatorId}:999999`, field: "value", value: 1, version: null },
        { row: "fila-rara", field: "value", value: 1, version: null },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problems = new Map(result.problems.map((problem) => [`${problem.row}|${problem.field}`, problem]));
    expect(result.problems).toHaveLength(7);
    expect(problems.get(`${row.indicatorId}:${periods[1].id}|value`)).toMatchObject({ kind: "invalid", message: "Meta: debe ser un número" });
    expect(problems.get(`${row.indicatorId}:${quarter.id}|value`)).toMatchObject({ kind: "invalid" });
    expect(problems.get(`${row.indicatorId}:${quarter.id}|value`)!.message).toMatch(/^Meta: el periodo .* no corresponde a la periodicidad/);
    expect(problems.get(`${row.row}|weight`)).toMatchObject({ kind: "invalid", message: "Ponderación: no puede ser negativa" });
    expect(problems.get(`${row.row}|name`)).toMatchObject({ kind: "invalid" });
    expect(problems.get("i999999|weight")).toMatchObject({ kind: "not_found", message: "Ponderación: el indicador no existe en este plan" });
    expect(problems.get(`${row.indicatorId}:999999|value`)).toMatchObject({ kind: "not_found" });
    expect(problems.get("fila-rara|value")).toMatchObject({ kind: "not_found" });
    expect(await targetOf(row.indicatorId, good.id)).toEqual(before);
    expect(await countAuditEvents(testDb.db)).toBe(auditBefore);
  });

  it("keeps each objective weighing: all its live indicators at 0 is refused", async () => {
    const grid = await loadTargetsGrid(contexts.planner, { anio: 2026 });
    const objective = grid.rows[0].objectiveCode;
    const siblings = grid.rows.filter((row) => row.objectiveCode === objective);
    const result = await saveTargetsBatch(contexts.planner, {
      changes: siblings.map((row) => ({ row: row.row, field: "weight", value: 0, version: row.version })),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(siblings.length);
    expect(result.problems[0].message).toBe("Ponderación: al menos un indicador vigente del objetivo debe pesar más que 0");
  });

  it("refuses planning to other roles, and a closed period's targets to all but an admin", async () => {
    const grid = await loadTargetsGrid(contexts.admin, { anio: 2025 });
    const { row } = pick(grid, 2);
    const closed = grid.periods.find((period) => period.periodicity === row.periodicity && period.status === "closed")!;
    const open = grid.periods.find((period) => period.periodicity === row.periodicity && period.status === "open")!;
    const changes = [valueCell(row, open.id, 11), valueCell(row, closed.id, 42)];
    for (const role of ["committee", "unit_head", "viewer"] as const) {
      await expect(saveTargetsBatch(contexts[role], { changes })).rejects.toBeInstanceOf(ForbiddenError);
    }
    const before = await targetOf(row.indicatorId, open.id);
    const refused = await saveTargetsBatch(contexts.planner, { changes });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems).toEqual([
      expect.objectContaining({ row: `${row.indicatorId}:${closed.id}`, field: "value", kind: "forbidden" }),
    ]);
    expect(refused.problems[0].message).toMatch(/^Meta: El periodo .* está cerrado/);
    expect(await targetOf(row.indicatorId, open.id)).toEqual(before);

    const allowed = await saveTargetsBatch(contexts.admin, { changes });
    expect(allowed.ok).toBe(true);
    expect((await targetOf(row.indicatorId, closed.id))?.value).toBe(42);
    const event = (await latestAuditOf(testDb.db, "target", `${row.indicatorId}:${closed.id}`))!;
    expect(event.after).toMatchObject({ value: 42, period_status: "closed" });
  });

  it("reports a conflict with the other planner's value and name, and keeps their value", async () => {
    const grid = await loadTargetsGrid(contexts.planner, { anio: 2026 });
    const { row, periods } = pick(grid, 3);
    const period = periods.find((candidate) => row.targets[candidate.id])!;
    const fresh = periods.find((candidate) => candidate.id !== period.id)!;
    // The admin changes the target and the weight after the planner loaded the grid.
    const theirs = await saveTargetsBatch(contexts.admin, {
      changes: [valueCell(row, period.id, 77), { row: row.row, field: "weight", value: 3, version: row.version }],
    });
    expect(theirs.ok).toBe(true);

    const result = await saveTargetsBatch(contexts.planner, {
      changes: [valueCell(row, period.id, 55), valueCell(row, fresh.id, 66), { row: row.row, field: "weight", value: 4, version: row.version }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(2);
    const target = result.problems.find((problem) => problem.field === "value")!;
    expect(target).toMatchObject({ row: `${row.indicatorId}:${period.id}`, kind: "conflict" });
    expect(target.message).toContain(contexts.admin.actor.name);
    expect(target.theirs).toMatchObject({ value: 77, by: contexts.admin.actor.name, version: row.targets[period.id].version + 1 });
    expect(Number.isNaN(Date.parse(target.theirs!.at!))).toBe(false);
    const weight = result.problems.find((problem) => problem.field === "weight")!;
    expect(weight).toMatchObject({ row: row.row, kind: "conflict", theirs: { value: 3, by: contexts.admin.actor.name, version: row.version + 1 } });

    expect((await targetOf(row.indicatorId, period.id))?.value).toBe(77);
    expect((await targetOf(row.indicatorId, fresh.id))?.value).toBe(row.targets[fresh.id]?.value);
    expect((await indicatorOf(row.indicatorId)).weight).toBe(3);
  });

  // Two connections are needed: the embedded database has one.
  it.runIf(testDbKind() === "postgres")("waits for a change in flight and then reports it, instead of overwriting it", async () => {
    const grid = await loadTargetsGrid(contexts.planner, { anio: 2026 });
    const { row, periods } = pick(grid, 4);
    const period = periods.find((candidate) => row.targets[candidate.id])!;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const inFlight = testDb.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("targets")
        .set({ value: 5, version: sql<number>`version + 1`, updated_by: contexts.admin.actor.id })
        .where("indicator_id", "=", row.indicatorId)
        .where("period_id", "=", period.id)
        .execute();
      locked();
      await gate;
    });
    await lockTaken;
    const save = saveTargetsBatch(contexts.planner, { changes: [valueCell(row, period.id, 9)] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await inFlight;
    const result = await save;
    expect(result).toMatchObject({ ok: false, problems: [{ kind: "conflict", theirs: { value: 5, by: contexts.admin.actor.name } }] });
    expect((await targetOf(row.indicatorId, period.id))?.value).toBe(5);
  });

  it("saves 1 or 100 cells in the same number of queries", async () => {
    const grid = await loadTargetsGrid(contexts.planner, { anio: 2026 });
    const cells: CellChange[] = [];
    for (const row of grid.rows) {
      for (const period of grid.periods.filter((candidate) => candidate.periodicity === row.periodicity)) {
        cells.push(valueCell(row, period.id, 1000 + cells.length));
      }
    }
    expect(cells.length).toBeGreaterThanOrEqual(101);
    const countFor = async (changes: CellChange[]) => {
      const { db, counter } = countingDb(testDb.db);
      const result = await saveTargetsBatch({ ...contexts.planner, db }, { changes });
      expect(result).toMatchObject({ ok: true, saved: changes.length });
      return counter.count;
    };
    const auditBefore = await countAuditedRecords(testDb.db);
    const one = await countFor(cells.slice(0, 1));
    const hundred = await countFor(cells.slice(1, 101));
    expect(hundred).toBe(one);
    // The current plan, the locked facts, one write statement, one audit insert.
    expect(one).toBe(4);
    expect(await countAuditedRecords(testDb.db)).toBe(auditBefore + 101);
  });
});
