import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, IndicatorKind, MeasurementState, Periodicity, PeriodStatus } from "../../db/schema";
import { listAuditEvents } from "../../db/queries/audit";
import { saveGridMeasurements } from "../../db/queries/reporting-grid";
import { DEMO_UNIT_HEAD_UNIT } from "../../db/seed/demo";
import type { CellChange, CellProblem } from "../../app/domain/grid-batch";
import { reportingRowKey, type ReportingGridPayload } from "../../app/domain/schemas/reporting-grid";
import type { ServiceContext } from "../../app/services/context.server";
import { listAuditLog } from "../../app/services/audit-log.server";
import { ForbiddenError, ValidationError } from "../../app/services/errors";
import { getIndicatorDetail } from "../../app/services/indicator-detail.server";
import { loadReportingGrid, saveReportingBatch, submitForValidation } from "../../app/services/reporting-grid.server";
import { openTestDb, testDbKind, type TestDb } from "../support/db";
import {
  countAuditEvents,
  seedDemoWithContexts,
  type DemoContexts,
  countAuditedRecords,
  latestAuditOf,
} from "../support/demo-actors";
import { countingDb } from "../support/query-counter";

interface Slot {
  kind: IndicatorKind;
  periodicity: Periodicity;
  indicatorId: number;
  periodId: number;
  periodKey: string;
  row: string;
  version: number | null;
  value: number | null;
}

interface SlotFilter {
  own: boolean;
  kind?: IndicatorKind;
  status: PeriodStatus;
  /** "none": not reported yet. */
  state: MeasurementState | "none" | "editable";
  year?: number;
}

describe("reporting grid on the demo plan", () => {
  let testDb: TestDb;
  let db: Kysely<Database>;
  let ctx: DemoContexts;
  let ownUnitId: number;

  beforeAll(async () => {
    testDb = await openTestDb();
    db = testDb.db;
    ctx = await seedDemoWithContexts(db);
    ownUnitId = (await db.selectFrom("units").select("id").where("code", "=", DEMO_UNIT_HEAD_UNIT).executeTakeFirstOrThrow()).id;
  });

  afterAll(async () => {
    await testDb?.close();
  });

  /** Indicator x period slots of the demo plan found by what they are, never by id. */
  async function findSlots(filter: SlotFilter, count: number): Promise<Slot[]> {
    const rows = await db
      .selectFrom("indicators as i")
      .innerJoin("periods as p", (join) => join.onRef("p.plan_id", "=", "i.plan_id").onRef("p.periodicity", "=", "i.periodicity"))
      .leftJoin("measurements as m", (join) => join.onRef("m.indicator_id", "=", "i.id").onRef("m.period_id", "=", "p.id"))
      .select(["i.kind", "i.periodicity", "i.id as indicatorId", "p.id as periodId", "p.key as periodKey", "m.version", "m.value"])
      .where("i.responsible_unit_id", filter.own ? "=" : "<>", ownUnitId)
      .where("i.archived_at", "is", null)
      .where("p.status", "=", filter.status)
      .$if(filter.kind != null, (query) => query.where("i.kind", "=", filter.kind!))
      .$if(filter.year != null, (query) => query.where("p.year", "=", filter.year!))
      .$if(filter.state === "none", (query) => query.where("m.id", "is", null))
      .$if(filter.state === "editable", (query) => query.where((eb) => eb.or([eb("m.id", "is", null), eb("m.state", "in", ["draft", "returned"])])))
      .$if(filter.state !== "none" && filter.state !== "editable", (query) => query.where("m.state", "=", filter.state as MeasurementState))
      .orderBy("i.id")
      .orderBy("p.start_date")
      .limit(count)
      .execute();
    expect(rows.length, `slots for ${JSON.stringify(filter)}`).toBe(count);
    return rows.map((row) => ({ ...row, row: reportingRowKey(row.indicatorId, row.periodId) }));
  }

  async function measurementOf(slot: Slot) {
    return db
      .selectFrom("measurements")
      .selectAll()
      .where("indicator_id", "=", slot.indicatorId)
      .where("period_id", "=", slot.periodId)
      .executeTakeFirst();
  }

  const change = (slot: Slot, field: string, value: CellChange["value"], version: number | null = slot.version): CellChange => ({
    row: slot.row,
    field,
    value,
    version,
  });

  function problemsOf(result: Awaited<ReturnType<typeof saveReportingBatch>>): CellProblem[] {
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.problems;
  }

  describe("loader", () => {
    let grid: ReportingGridPayload;
    /** The rows of every periodicity, one view each, as a person switching the periodicity would see them. */
    let everyRow: ReportingGridPayload["rows"];

    async function everyPeriodicity(actor: ServiceContext, query: Record<string, unknown>, options = {}) {
      const first = await loadReportingGrid(actor, query, options);
      const views = [first];
      for (const periodicity of first.periodicities.slice(1)) {
        views.push(await loadReportingGrid(actor, { ...query, periodicidad: periodicity }, options));
      }
      return views;
    }

    beforeAll(async () => {
      const views = await everyPeriodicity(ctx.unit_head, { anio: "2025" });
      grid = views[0];
      everyRow = views.flatMap((view) => view.rows);
    });

    it("shows the unit head only the indicators of their unit, and only their unit in the filter", async () => {
      const own = await db
        .selectFrom("indicators")
        .select("id")
        .where("responsible_unit_id", "=", ownUnitId)
        .where("archived_at", "is", null)
        .execute();
      expect(everyRow.map((row) => row.indicatorId).sort((a, b) => a - b)).toEqual(own.map((row) => row.id).sort((a, b) => a - b));
      expect(grid.units.map((unit) => unit.id)).toEqual([ownUnitId]);
      expect(new Set(everyRow.map((row) => row.unitName)).size).toBe(1);
      expect(grid.year).toBe(2025);
      expect(grid.years).toEqual([2023, 2024, 2025, 2026]);
    });

    it("shows one periodicity at a time, monthly first, with that periodicity's periods as Spanish-labelled columns", async () => {
      expect(grid.periodicities[0]).toBe("monthly");
      expect(grid.periodicity).toBe("monthly");
      expect(grid.periods.map((period) => period.key)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`));
      expect(grid.periods[2].label).toBe("marzo 2025");
      for (const row of grid.rows) {
        expect(row.periodicity).toBe("monthly");
        for (const period of grid.periods) expect(row.cells[period.id].row).toBe(reportingRowKey(row.indicatorId, period.id));
      }
      const quarterly = await loadReportingGrid(ctx.unit_head, { anio: "2025", periodicidad: "quarterly" });
      expect(quarterly.periods.find((period) => period.key === "2025-Q1")?.label).toBe("1.er trimestre 2025");
      expect(quarterly.rows.every((row) => row.periodicity === "quarterly")).toBe(true);
      // A periodicity the view has no indicators of falls back to the first one it has.
      expect((await loadReportingGrid(ctx.unit_head, { anio: "2025", periodicidad: "semanal" })).periodicity).toBe("monthly");
    });

    it("marks closed-period and submitted cells read-only with the reason, and open drafts editable", async () => {
      const [closed] = await findSlots({ own: true, status: "closed", state: "approved", year: 2025 }, 1);
      const [submitted] = await findSlots({ own: true, status: "open", state: "submitted", year: 2025 }, 1);
      const [draft] = await findSlots({ own: true, status: "open", state: "draft", year: 2025 }, 1);
      const cellOf = (slot: Slot) => everyRow.find((row) => row.indicatorId === slot.indicatorId)!.cells[slot.periodId];

      expect(cellOf(closed)).toMatchObject({ editable: false, state: "approved", version: closed.version });
      expect(cellOf(closed).reason).toMatch(/periodo .* está cerrado/);
      expect(cellOf(submitted)).toMatchObject({ editable: false, state: "submitted" });
      expect(cellOf(submitted).reason).toMatch(/enviada a validación/);
      expect(cellOf(draft)).toMatchObject({ editable: true, state: "draft", version: draft.version });
      expect(cellOf(draft).reason).toBeUndefined();
    });

    it("gives planners and admins every indicator, a clamped default year, and refuses other roles", async () => {
      const all = await db.selectFrom("indicators").select((eb) => eb.fn.countAll<number>().as("n")).where("archived_at", "is", null).executeTakeFirstOrThrow();
      const admin = await everyPeriodicity(ctx.admin, {}, { today: "2031-05-01" });
      expect(admin.flatMap((view) => view.rows)).toHaveLength(Number(all.n));
      expect(admin[0].year).toBe(2026);
      const filtered = await everyPeriodicity(ctx.planner, { unidad: String(ownUnitId), anio: "2025" });
      expect(filtered.flatMap((view) => view.rows.map((row) => row.indicatorId)).sort()).toEqual(everyRow.map((row) => row.indicatorId).sort());
      expect(filtered[0].units.length).toBeGreaterThan(1);

      await expect(loadReportingGrid(ctx.viewer, {})).rejects.toBeInstanceOf(ForbiddenError);
      await expect(loadReportingGrid(ctx.committee, {})).rejects.toBeInstanceOf(ForbiddenError);
      const otherUnit = admin[0].units.find((unit) => unit.id !== ownUnitId)!;
      await expect(loadReportingGrid(ctx.unit_head, { unidad: otherUnit.id })).rejects.toBeInstanceOf(ForbiddenError);
      const invalid = await loadReportingGrid(ctx.planner, { anio: "dos mil" }).catch((error: unknown) => error);
      expect(invalid).toBeInstanceOf(ValidationError);
      expect((invalid as ValidationError).issues[0].message).toBe("Año: no es un año válido");
    });
  });

  describe("batch save", () => {
    it("saves nothing when one cell is invalid, and reports every bad cell naming its field", async () => {
      const slots = await findSlots({ own: true, kind: "value", status: "open", state: "none", year: 2026 }, 4);
      const auditBefore = await countAuditEvents(db);
      const result = await saveReportingBatch(ctx.unit_head, {
        changes: [
          change(slots[0], "value", 10),
          change(slots[1], "value", "diez"),
          change(slots[2], "value", 12),
          change(slots[2], "evidenceUrl", "carpeta compartida"),
          change(slots[3], "value", 13),
        ],
      });
      const problems = problemsOf(result);
      expect(problems).toHaveLength(2);
      expect(problems).toContainEqual({ row: slots[1].row, field: "value", kind: "invalid", message: "Valor: debe ser un número" });
      expect(problems).toContainEqual({
        row: slots[2].row,
        field: "evidenceUrl",
        kind: "invalid",
        message: "Medio de verificación: debe ser un enlace que empiece con http:// o https://",
      });
      for (const slot of slots) expect(await measurementOf(slot)).toBeUndefined();
      expect(await countAuditEvents(db)).toBe(auditBefore);
    });

    it("answers cell by cell: another unit's cell is forbidden and stops the whole batch", async () => {
      const [own] = await findSlots({ own: true, kind: "value", status: "open", state: "none", year: 2026 }, 1);
      const [other] = await findSlots({ own: false, kind: "value", status: "open", state: "none", year: 2026 }, 1);
      const result = await saveReportingBatch(ctx.unit_head, { changes: [change(own, "value", 5), change(other, "value", 6)] });
      const problems = problemsOf(result);
      expect(problems).toEqual([
        { row: other.row, field: "value", kind: "forbidden", message: "Este indicador pertenece a otra unidad; solo puede reportar los de sus unidades." },
      ]);
      expect(await measurementOf(own)).toBeUndefined();
    });

    it("refuses fields that do not apply, unknown rows, and a period of another periodicity", async () => {
      const [ratio] = await findSlots({ own: true, kind: "ratio", status: "open", state: "none", year: 2026 }, 1);
      const [value] = await findSlots({ own: true, kind: "value", status: "open", state: "none", year: 2026 }, 1);
      const indicator = await db.selectFrom("indicators").select(["periodicity", "plan_id"]).where("id", "=", value.indicatorId).executeTakeFirstOrThrow();
      const wrongPeriod = await db
        .selectFrom("periods")
        .select("id")
        .where("plan_id", "=", indicator.plan_id)
        .where("periodicity", "<>", indicator.periodicity)
        .where("status", "=", "open")
        .executeTakeFirstOrThrow();
      const problems = problemsOf(
        await saveReportingBatch(ctx.unit_head, {
          changes: [
            change(ratio, "value", 50),
            change(value, "numerator", 3),
            change(value, "valueWomen", 3),
            { row: reportingRowKey(value.indicatorId, wrongPeriod.id), field: "value", value: 1, version: null },
            { row: "999999:1", field: "value", value: 1, version: null },
            { row: "nada", field: "value", value: 1, version: null },
          ],
        }),
      );
      const byRowField = new Map(problems.map((problem) => [`${problem.row}|${problem.field}`, problem]));
      expect(byRowField.get(`${ratio.row}|value`)?.message).toBe("Valor: se calcula del numerador y el denominador");
      expect(byRowField.get(`${value.row}|numerator`)?.message).toMatch(/^Numerador: este indicador no es de razón/);
      expect(byRowField.get(`${value.row}|valueWomen`)?.message).toBe("Valor mujeres: este indicador no se desagrega por sexo");
      expect(byRowField.get(`${reportingRowKey(value.indicatorId, wrongPeriod.id)}|value`)?.message).toMatch(/no corresponde a la periodicidad/);
      expect(byRowField.get("999999:1|value")?.kind).toBe("not_found");
      expect(byRowField.get("nada|value")?.kind).toBe("not_found");
    });

    it("computes a ratio's value from numerator and denominator (denominator 0: no value)", async () => {
      const [first, second, third] = await findSlots({ own: true, kind: "ratio", status: "open", state: "none", year: 2026 }, 3);
      const factor = (await db.selectFrom("indicators").select("factor").where("id", "=", first.indicatorId).executeTakeFirstOrThrow()).factor;
      const missing = problemsOf(await saveReportingBatch(ctx.unit_head, { changes: [change(third, "numerator", 4)] }));
      expect(missing).toEqual([
        { row: third.row, field: "denominator", kind: "invalid", message: "Denominador: es obligatorio en un indicador de razón" },
      ]);

      const result = await saveReportingBatch(ctx.unit_head, {
        changes: [change(first, "numerator", 45), change(first, "denominator", 60), change(second, "numerator", 3), change(second, "denominator", 0)],
      });
      expect(result).toEqual({
        ok: true,
        saved: 4,
        records: [
          { row: first.row, version: 1, fields: { value: (45 / 60) * factor, state: "draft" } },
          { row: second.row, version: 1, fields: { value: null, state: "draft" } },
        ],
      });
      expect(await measurementOf(first)).toMatchObject({ numerator: 45, denominator: 60, value: (45 / 60) * factor, state: "draft", version: 1 });
      expect((await measurementOf(second))?.value).toBeNull();
    });

    it("answers a ratio too large to store, or text that cannot be stored, as bad cells instead of failing", async () => {
      const [ratio] = await findSlots({ own: true, kind: "ratio", status: "open", state: "none", year: 2026 }, 1);
      const [value] = await findSlots({ own: true, kind: "value", status: "open", state: "none", year: 2026 }, 1);
      const problems = problemsOf(
        await saveReportingBatch(ctx.unit_head, {
          changes: [
            change(ratio, "numerator", 99_999_999_999_999),
            change(ratio, "denominator", 0.0001),
            change(value, "value", 1),
            change(value, "comment", "pegado a medias \ud83d"),
          ],
        }),
      );
      expect(problems).toEqual([
        { row: ratio.row, field: "numerator", kind: "invalid", message: "Valor: el cálculo (numerador / denominador × factor) da un número demasiado grande" },
        { row: value.row, field: "comment", kind: "invalid", message: "Comentario: tiene caracteres que no se pueden guardar; vuelva a escribirlo" },
      ]);
      expect(await measurementOf(ratio)).toBeUndefined();
    });

    it("edits a returned value back to draft, keeps the fields it did not touch, and audits the save as one change set", async () => {
      const returned = await db
        .selectFrom("measurements as m")
        .innerJoin("indicators as i", "i.id", "m.indicator_id")
        .innerJoin("periods as p", "p.id", "m.period_id")
        .select(["m.indicator_id", "m.period_id", "m.version", "m.comment", "m.value", "m.evidence_url", "p.key", "i.periodicity"])
        .where("m.state", "=", "returned")
        .where("p.status", "=", "open")
        .where("i.kind", "=", "value")
        .orderBy("m.id")
        .executeTakeFirstOrThrow();
      const [fresh] = await findSlots({ own: false, kind: "value", status: "open", state: "none", year: 2026 }, 1);
      const slot: Slot = {
        kind: "value",
        periodicity: returned.periodicity,
        indicatorId: returned.indicator_id,
        periodId: returned.period_id,
        periodKey: returned.key,
        row: reportingRowKey(returned.indicator_id, returned.period_id),
        version: returned.version,
        value: returned.value,
      };
      const auditBefore = await countAuditEvents(db);
      const result = await saveReportingBatch(ctx.planner, {
        changes: [
          change(slot, "evidenceUrl", "https://example.cl/acta.pdf"),
          change(fresh, "value", "1234,5"),
          change(fresh, "comment", "  Cifra preliminar  "),
        ],
      });
      expect(result.ok).toBe(true);
      expect(await measurementOf(slot)).toMatchObject({
        state: "draft",
        version: returned.version + 1,
        value: returned.value,
        comment: returned.comment,
        evidence_url: "https://example.cl/acta.pdf",
      });
      expect(await measurementOf(fresh)).toMatchObject({ value: 1234.5, comment: "Cifra preliminar", state: "draft", version: 1 });

      // One change set for the save, listing both records in key order, each with its own diff.
      expect(await countAuditEvents(db)).toBe(auditBefore + 1);
      const event = await db
        .selectFrom("audit_events")
        .select(["action", "entity_type", "entity_id", "entity_ids", "before", "after", "user_id", "request_id"])
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      const inKeyOrder = [slot, fresh].sort((a, b) => a.indicatorId - b.indicatorId || a.periodId - b.periodId).map((s) => s.row);
      expect(event).toMatchObject({
        action: "measurement.save",
        entity_type: "measurement",
        entity_id: null,
        entity_ids: inKeyOrder,
        user_id: ctx.planner.actor.id,
        request_id: ctx.planner.requestId,
      });
      const before = event.before as Record<string, unknown>;
      const after = event.after as Record<string, unknown>;
      expect(before[slot.row]).toEqual({ evidenceUrl: returned.evidence_url, state: "returned" });
      expect(after[slot.row]).toEqual({ evidenceUrl: "https://example.cl/acta.pdf", state: "draft", version: returned.version + 1 });
      expect(before[fresh.row]).toBeNull();
      expect(after[fresh.row]).toEqual({ value: 1234.5, comment: "Cifra preliminar", state: "draft", version: 1 });
    });

    it("lets only an admin write in a closed period, audited as such", async () => {
      const [closed] = await findSlots({ own: true, kind: "value", status: "closed", state: "approved", year: 2025 }, 1);
      const refused = problemsOf(await saveReportingBatch(ctx.unit_head, { changes: [change(closed, "value", 99)] }));
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ row: closed.row, field: "value", kind: "forbidden" });
      expect(refused[0].message).toBe(`El periodo ${closed.periodKey} está cerrado; solo administración puede modificarlo.`);
      expect(problemsOf(await saveReportingBatch(ctx.planner, { changes: [change(closed, "value", 99)] }))[0].kind).toBe("forbidden");
      expect((await measurementOf(closed))?.value).toBe(closed.value);

      const result = await saveReportingBatch(ctx.admin, { changes: [change(closed, "value", 99)] });
      expect(result).toMatchObject({ ok: true, saved: 1, records: [{ row: closed.row, version: closed.version! + 1 }] });
      expect(await measurementOf(closed)).toMatchObject({ value: 99, version: closed.version! + 1 });
      // A lone record is an event of its own, not a change set.
      const event = await db.selectFrom("audit_events").select(["action", "entity_id", "entity_ids"]).orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
      expect(event).toEqual({ action: "measurement.save_closed_period", entity_id: closed.row, entity_ids: null });
    });

    it("reports a stale row as a conflict with the other person's value and name, and keeps their value", async () => {
      const [slot] = await findSlots({ own: true, kind: "value", status: "open", state: "draft", year: 2025 }, 1);
      const loaded = await loadReportingGrid(ctx.unit_head, { anio: 2025, periodicidad: slot.periodicity });
      const loadedVersion = loaded.rows.find((row) => row.indicatorId === slot.indicatorId)!.cells[slot.periodId].version!;
      expect(loadedVersion).toBe(slot.version);

      const theirs = await saveReportingBatch(ctx.planner, { changes: [change(slot, "value", 12.5, loadedVersion)] });
      expect(theirs.ok).toBe(true);
      const stale = await saveReportingBatch(ctx.unit_head, {
        changes: [change(slot, "value", 7, loadedVersion), change(slot, "comment", "corregido", loadedVersion)],
      });
      const problems = problemsOf(stale);
      expect(problems).toHaveLength(2);
      const valueProblem = problems.find((problem) => problem.field === "value")!;
      expect(valueProblem.kind).toBe("conflict");
      expect(valueProblem.theirs).toMatchObject({ value: 12.5, by: ctx.planner.actor.name, version: loadedVersion + 1 });
      expect(valueProblem.theirs?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(valueProblem.message).toMatch(
        new RegExp(`^Valor: otra persona \\(${ctx.planner.actor.name}\\) lo cambió a 12,5 el \\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2}; revise y vuelva a guardar$`),
      );
      expect(problems.find((problem) => problem.field === "comment")?.message).toMatch(/^Comentario: otra persona/);
      expect(await measurementOf(slot)).toMatchObject({ value: 12.5, version: loadedVersion + 1 });

      // A grid that saw no measurement where one now exists is just as stale.
      const [fresh] = await findSlots({ own: true, kind: "value", status: "open", state: "none", year: 2026 }, 1);
      expect((await saveReportingBatch(ctx.planner, { changes: [change(fresh, "value", 3)] })).ok).toBe(true);
      const late = problemsOf(await saveReportingBatch(ctx.unit_head, { changes: [change(fresh, "value", 4, null)] }));
      expect(late[0]).toMatchObject({ kind: "conflict", theirs: { value: 3, version: 1 } });
      expect((await measurementOf(fresh))?.value).toBe(3);
    });

    it("guards the write itself: a row whose version moved, or that someone created meanwhile, is left alone", async () => {
      const [existing] = await findSlots({ own: false, kind: "value", status: "open", state: "draft", year: 2025 }, 1);
      const write = (expectedVersion: number | null) => ({
        indicatorId: existing.indicatorId,
        periodId: existing.periodId,
        numerator: null,
        denominator: null,
        value: 777,
        valueWomen: null,
        valueMen: null,
        comment: null,
        evidenceUrl: null,
        expectedVersion,
        audit: { action: "measurement.save", before: { value: existing.value }, after: { value: 777, version: (expectedVersion ?? 0) + 1 } },
      });
      const auditBefore = await countAuditEvents(db);
      const actor = { userId: ctx.planner.actor.id, requestId: "test-guard" };
      const [stale, created] = await db.transaction().execute(async (trx) => [
        await saveGridMeasurements(trx, [write(existing.version! + 5)], actor),
        await saveGridMeasurements(trx, [write(null)], actor),
      ]);
      // Missing from the answer: the service rolls back and reads the facts again.
      expect(stale).toEqual([]);
      expect(created).toEqual([]);
      expect(await measurementOf(existing)).toMatchObject({ value: existing.value, version: existing.version });
      expect(await countAuditEvents(db)).toBe(auditBefore);

      const [saved] = await db.transaction().execute((trx) => saveGridMeasurements(trx, [write(existing.version)], actor));
      expect(saved).toEqual({ indicator_id: existing.indicatorId, period_id: existing.periodId, version: existing.version! + 1, value: 777 });
      const event = await db.selectFrom("audit_events").selectAll().orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
      expect(event).toMatchObject({
        entity_id: existing.row,
        request_id: "test-guard",
        before: { value: existing.value },
        after: { value: 777, version: existing.version! + 1 },
      });
    });

    it.runIf(testDbKind() === "postgres")(
      "rolls back and answers a conflict when another session changes a row between the check and the write",
      async () => {
        const [slot] = await findSlots({ own: false, kind: "value", status: "open", state: "draft", year: 2025 }, 1);
        let interfered = false;
        // Right after the facts are read, another connection saves the same measurement.
        const racing = db.withPlugin({
          transformQuery: (args) => args.node,
          transformResult: async (args) => {
            // The facts: on a server they come back as plain rows (see selectRows).
            if (!interfered && args.result.rows.length === 1 && "period_status" in (args.result.rows[0] as object)) {
              interfered = true;
              const other = await saveReportingBatch(ctx.admin, { changes: [change(slot, "value", 4242)] });
              expect(other.ok).toBe(true);
            }
            return args.result;
          },
        });
        const result = await saveReportingBatch({ ...ctx.planner, db: racing }, { changes: [change(slot, "value", 1)] });
        expect(interfered).toBe(true);
        const problems = problemsOf(result);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatchObject({ kind: "conflict", theirs: { value: 4242, by: ctx.admin.actor.name, version: slot.version! + 1 } });
        expect(await measurementOf(slot)).toMatchObject({ value: 4242, version: slot.version! + 1 });
      },
    );

    it("keeps the four decimals the database stores, in the row, the answer and the audit alike", async () => {
      const [slot] = await findSlots({ own: true, kind: "value", status: "open", state: "editable", year: 2026 }, 1);
      const result = await saveReportingBatch(ctx.unit_head, { changes: [change(slot, "value", 1.23456)] });
      expect(result).toMatchObject({ ok: true, records: [{ row: slot.row, fields: { value: 1.2346 } }] });
      expect((await measurementOf(slot))?.value).toBe(1.2346);
      expect((await latestAuditOf(db, "measurement", slot.row))?.after).toMatchObject({ value: 1.2346 });
    });

    it("opens a change set up in the indicator's history, and summarises it on the audit page", async () => {
      const slots = await findSlots({ own: false, kind: "value", status: "open", state: "editable", year: 2026 }, 8);
      const byIndicator = new Map<number, Slot[]>();
      for (const slot of slots) byIndicator.set(slot.indicatorId, [...(byIndicator.get(slot.indicatorId) ?? []), slot]);
      const [indicatorId, ownSlots] = [...byIndicator].find(([, list]) => list.length >= 2)!;
      const others = slots.filter((slot) => slot.indicatorId !== indicatorId).slice(0, 2);
      expect(others).toHaveLength(2);
      const saved = [...ownSlots.slice(0, 2), ...others];
      const result = await saveReportingBatch(ctx.planner, { changes: saved.map((slot, index) => change(slot, "value", 500 + index)) });
      expect(result.ok).toBe(true);

      const detail = await getIndicatorDetail(ctx.planner, indicatorId);
      const fromSave = detail.audit.filter((event) => event.action === "measurement.save" && event.user_name === ctx.planner.actor.name);
      const latest = fromSave.filter((event) => event.id === fromSave[0].id);
      expect(latest.map((event) => event.entity_id).sort()).toEqual(ownSlots.slice(0, 2).map((slot) => slot.row).sort());
      for (const [index, slot] of ownSlots.slice(0, 2).entries()) {
        const entry = latest.find((event) => event.entity_id === slot.row)!;
        expect(entry.after).toMatchObject({ value: 500 + index });
        expect(entry.periodKey).toBe(slot.periodKey);
      }
      expect(detail.audit.some((event) => others.some((slot) => slot.row === event.entity_id))).toBe(false);

      const page = await listAuditLog(ctx.admin, {});
      const top = page.events[0];
      expect(top).toMatchObject({ action: "measurement.save", entity_id: null, entity_count: 4 });
      expect(top.entity_sample).toHaveLength(3);
      expect(Object.keys(top.after as object).sort()).toEqual([...top.entity_sample!].sort());
      // The trail filtered by one record finds the change set that holds it.
      const byRecord = await listAuditEvents(db, { entityId: others[1].row, limit: 5 });
      expect(byRecord.map((event) => event.id)).toContain(top.id);
    });

    it("refuses a malformed request and roles that do not report", async () => {
      await expect(saveReportingBatch(ctx.unit_head, { changes: [] })).rejects.toBeInstanceOf(ValidationError);
      await expect(saveReportingBatch(ctx.committee, { changes: [{ row: "1:1", field: "value", value: 1, version: null }] })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    });

    it("sends the same number of queries for 1 cell as for 200", async () => {
      const slots = await findSlots({ own: false, status: "open", state: "none", year: 2026 }, 101);
      const counted = countingDb(db);
      const counting: ServiceContext = { ...ctx.planner, db: counted.db };

      const single = slots.find((slot) => slot.kind === "value")!;
      const one = await saveReportingBatch(counting, { changes: [change(single, "value", 1)] });
      expect(one).toMatchObject({ ok: true, saved: 1 });
      const forOne = counted.counter.count;

      counted.counter.count = 0;
      const many = await saveReportingBatch(counting, {
        changes: slots
          .filter((slot) => slot !== single)
          .flatMap((slot, index) =>
            slot.kind === "ratio"
              ? [change(slot, "numerator", index), change(slot, "denominator", 200)]
              : [change(slot, "value", index + 1), change(slot, "comment", `Nota ${index}`)],
          ),
      });
      expect(many).toMatchObject({ ok: true, saved: 200 });
      expect(counted.counter.count).toBe(forOne);
      // The plan, the facts of every row, one write of every row with its audit events.
      expect(forOne).toBe(3);
    });
  });

  describe("submit for validation", () => {
    it("moves the unit head's drafts and returned values of an open period to submitted, and nobody else's", async () => {
      const [slot] = await findSlots({ own: true, kind: "value", status: "open", state: "editable", year: 2026 }, 1);
      const saved = await saveReportingBatch(ctx.unit_head, { changes: [change(slot, "value", 8)] });
      const savedVersion = (saved.ok ? saved.records[0].version : null) ?? 0;
      expect(savedVersion).toBeGreaterThan(0);
      const period = slot.periodId;
      const pending = await sql<{ own: boolean; n: number }>`
        SELECT i.responsible_unit_id = ${ownUnitId} AS own, count(*)::int AS n
        FROM measurements m JOIN indicators i ON i.id = m.indicator_id
        WHERE m.period_id = ${period} AND m.state IN ('draft', 'returned') GROUP BY 1`.execute(db);
      const ownPending = pending.rows.find((row) => row.own)?.n ?? 0;
      const othersPending = pending.rows.find((row) => !row.own)?.n ?? 0;
      expect(ownPending).toBeGreaterThan(0);

      const auditBefore = await countAuditedRecords(db);
      const result = await submitForValidation(ctx.unit_head, { periodId: String(period) });
      expect(result).toEqual({ submitted: ownPending });
      expect(await measurementOf(slot)).toMatchObject({ state: "submitted", version: savedVersion + 1 });
      expect((await measurementOf(slot))?.submitted_at).not.toBeNull();
      expect(await countAuditedRecords(db)).toBe(auditBefore + ownPending);
      const event = (await latestAuditOf(db, "measurement", slot.row))!;
      expect(event.action).toBe("measurement.submit");
      expect(event.after).toMatchObject({ state: "submitted" });

      const stillPending = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM measurements m JOIN indicators i ON i.id = m.indicator_id
        WHERE m.period_id = ${period} AND m.state IN ('draft', 'returned') AND i.responsible_unit_id <> ${ownUnitId}`.execute(db);
      expect(stillPending.rows[0].n).toBe(othersPending);
      expect(await submitForValidation(ctx.unit_head, { periodId: period })).toEqual({ submitted: 0 });

      // Submitted values are read-only for the unit head from now on.
      const grid = await loadReportingGrid(ctx.unit_head, { anio: 2026, periodicidad: slot.periodicity });
      expect(grid.rows.find((row) => row.indicatorId === slot.indicatorId)!.cells[period]).toMatchObject({ editable: false, state: "submitted" });
    });

    it("refuses a closed period to everyone but an admin, and unknown periods", async () => {
      const closed = await db.selectFrom("periods").select(["id", "key"]).where("status", "=", "closed").orderBy("id").executeTakeFirstOrThrow();
      const refused = await submitForValidation(ctx.unit_head, { periodId: closed.id }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ForbiddenError);
      expect((refused as Error).message).toBe(`El periodo ${closed.key} está cerrado; solo administración puede modificarlo.`);
      await expect(submitForValidation(ctx.admin, { periodId: closed.id })).resolves.toHaveProperty("submitted");
      await expect(submitForValidation(ctx.planner, { periodId: 999_999 })).rejects.toThrow("El periodo no existe en este plan.");
      await expect(submitForValidation(ctx.viewer, { periodId: closed.id })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(submitForValidation(ctx.planner, { periodId: "x" })).rejects.toBeInstanceOf(ValidationError);
    });
  });
});
