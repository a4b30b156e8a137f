import {
  applyTargetsBatch,
  listTargetsGridIndicators,
  loadTargetsGridYear,
  lockTargetsBatchFacts,
  type IndicatorFacts,
  type IndicatorWrite,
  type TargetSlotFacts,
  type TargetWrite,
} from "../../db/queries/targets-grid";
import { insertAuditEvents } from "../../db/queries/audit";
import type { AuditEventInput } from "../../db/queries/audit";
import type { IndicatorKind, PeriodStatus, Periodicity } from "../../db/schema";
import { todayInSantiago } from "../domain/dates";
import { batchRequestSchema, changesByRow, type BatchResult, type CellChange, type CellProblem, type SavedRecord } from "../domain/grid-batch";
import { periodLabel, PERIODICITY_LABELS } from "../domain/period-labels";
import { decideCapability, decideTargetWrite } from "../domain/permissions";
import {
  checkCell,
  INDICATOR_CELL_SCHEMAS,
  indicatorRowKey,
  parseTargetsGridRow,
  targetRowKey,
  TARGETS_GRID_LABELS,
  TARGETS_GRID_QUERY_LABELS,
  targetsGridQuerySchema,
  targetValueCellSchema,
  type IndicatorGridField,
} from "../domain/schemas/targets-grid";
import { parseInput } from "../domain/validation";
import { requireCapability, type ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";
import { ConflictError, ValidationError } from "./errors";

/**
 * The planning grid (`/plan/metas`): every live indicator of the plan with its weight,
 * responsible unit and a target per period of the chosen year. Everyone who reads the plan sees
 * it; planners and admins edit it (a closed period's targets only an admin), in batches that are
 * applied whole or not at all, with the version rule of every grid.
 */

export interface TargetsGridCell {
  /** "<indicatorId>:<periodId>". */
  row: string;
  value: number;
  version: number;
}

export interface TargetsGridRow {
  /** "i<indicatorId>": the key of the indicator's own cells (weight, responsible unit). */
  row: string;
  indicatorId: number;
  code: string;
  name: string;
  objectiveCode: string;
  kind: IndicatorKind;
  unitOfMeasure: string;
  periodicity: Periodicity;
  weight: number;
  responsibleUnitId: number;
  /** The indicator's version (for weight and unit cells). */
  version: number;
  /** The year's targets by period id; a period without a target is absent (send version null). */
  targets: Record<number, TargetsGridCell>;
}

export interface TargetsGridPeriod {
  id: number;
  key: string;
  label: string;
  periodicity: Periodicity;
  number: number;
  status: PeriodStatus;
  /** Whether this person may set this period's targets, and why not. */
  editable: boolean;
  reason: string | null;
}

export interface TargetsGridPayload {
  year: number;
  /** The plan's years, for the year picker. */
  years: number[];
  /** Whether this person may edit weights and units (plan.edit). */
  canEdit: boolean;
  reason: string | null;
  rows: TargetsGridRow[];
  periods: TargetsGridPeriod[];
  units: { id: number; name: string; isActive: boolean }[];
}

/** The grid for a year of the current plan (this year by default), in two queries. */
export async function loadTargetsGrid(ctx: ServiceContext, query: unknown): Promise<TargetsGridPayload> {
  requireCapability(ctx, "plan.read");
  const parsed = parseInput(targetsGridQuerySchema, query ?? {}, TARGETS_GRID_QUERY_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const plan = await requireCurrentPlan(ctx);
  const thisYear = Number(todayInSantiago().slice(0, 4));
  const year = parsed.data.anio ?? Math.min(Math.max(thisYear, plan.start_year), plan.end_year);
  if (year < plan.start_year || year > plan.end_year) {
    throw new ValidationError([{ field: "anio", message: `Año: el plan abarca de ${plan.start_year} a ${plan.end_year}` }]);
  }
  const [indicators, data] = await Promise.all([listTargetsGridIndicators(ctx.db, plan.id), loadTargetsGridYear(ctx.db, plan.id, year)]);

  const targetsOf = new Map<number, Record<number, TargetsGridCell>>();
  for (const [indicatorId, periodId, value, version] of data.targets) {
    let targets = targetsOf.get(indicatorId);
    if (!targets) targetsOf.set(indicatorId, (targets = {}));
    targets[periodId] = { row: targetRowKey(indicatorId, periodId), value, version };
  }
  const edit = decideCapability(ctx.actor, "plan.edit");
  return {
    year,
    years: Array.from({ length: plan.end_year - plan.start_year + 1 }, (_, index) => plan.start_year + index),
    canEdit: edit.allowed,
    reason: edit.allowed ? null : edit.reason,
    rows: indicators.map((indicator) => ({
      row: indicatorRowKey(indicator.id),
      indicatorId: indicator.id,
      code: indicator.code,
      name: indicator.name,
      objectiveCode: indicator.objective_code,
      kind: indicator.kind,
      unitOfMeasure: indicator.unit_of_measure,
      periodicity: indicator.periodicity,
      weight: indicator.weight,
      responsibleUnitId: indicator.responsible_unit_id,
      version: indicator.version,
      targets: targetsOf.get(indicator.id) ?? {},
    })),
    periods: data.periods.map((period) => {
      const decision = decideTargetWrite(ctx.actor, { status: period.status, key: period.key });
      return {
        id: period.id,
        key: period.key,
        label: periodLabel(period.periodicity, period.year, period.number),
        periodicity: period.periodicity,
        number: period.number,
        status: period.status,
        editable: decision.allowed,
        reason: decision.allowed ? null : decision.reason,
      };
    }),
    units: data.units.map((unit) => ({ id: unit.id, name: unit.name, isActive: unit.is_active })),
  };
}

interface IndicatorCell {
  change: CellChange;
  field: IndicatorGridField;
  value: number;
}

interface TargetCellRequest {
  change: CellChange;
  indicatorId: number;
  periodId: number;
  value: number | null;
}

/**
 * Saves a batch of the planning grid: indicator cells (row "i<id>": `weight`, `responsibleUnitId`)
 * and target cells (row "<indicatorId>:<periodId>": `value`, null removes the target). Every cell
 * is checked first — its value, that its record exists in the plan, the version the grid loaded,
 * the period's periodicity and who may write in it, that the unit is active and that each
 * objective keeps a live indicator weighing more than 0 — and then everything is written in one
 * statement with one multi-row audit insert, in one transaction; or nothing is, and every
 * problem comes back.
 */
export async function saveTargetsBatch(ctx: ServiceContext, input: unknown): Promise<BatchResult> {
  requireCapability(ctx, "plan.edit");
  const parsed = parseInput(batchRequestSchema, input, { changes: "Cambios" });
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const plan = await requireCurrentPlan(ctx);

  const problems: CellProblem[] = [];
  const indicatorCells = new Map<number, IndicatorCell[]>();
  const targetCells = new Map<string, TargetCellRequest>();
  for (const [row, changes] of changesByRow(parsed.data.changes)) {
    const key = parseTargetsGridRow(row);
    for (const change of changes) {
      if (!key) {
        problems.push({ row, field: change.field, kind: "not_found", message: `${fieldLabel(change.field)}: la fila no existe en este plan` });
      } else if (key.kind === "indicator") {
        if (change.field !== "weight" && change.field !== "responsibleUnitId") {
          problems.push(notEditable(change));
          continue;
        }
        const checked = checkCell(INDICATOR_CELL_SCHEMAS[change.field], change.value, TARGETS_GRID_LABELS[change.field]);
        if (!checked.ok) problems.push({ row, field: change.field, kind: "invalid", message: checked.message });
        else {
          const cells = indicatorCells.get(key.indicatorId) ?? [];
          indicatorCells.set(key.indicatorId, [...cells.filter((cell) => cell.field !== change.field), { change, field: change.field, value: checked.value }]);
        }
      } else {
        if (change.field !== "value") {
          problems.push(notEditable(change));
          continue;
        }
        const checked = checkCell(targetValueCellSchema, change.value, TARGETS_GRID_LABELS.value);
        if (!checked.ok) problems.push({ row, field: change.field, kind: "invalid", message: checked.message });
        else targetCells.set(row, { change, indicatorId: key.indicatorId, periodId: key.periodId, value: checked.value });
      }
    }
  }
  const unitIds = [...indicatorCells.values()].flat().filter((cell) => cell.field === "responsibleUnitId").map((cell) => cell.value);

  return ctx.db.transaction().execute(async (trx) => {
    const facts = await lockTargetsBatchFacts(trx, plan.id, {
      indicatorIds: [...indicatorCells.keys()],
      slots: [...targetCells.values()],
      unitIds,
    });
    const indicatorOf = new Map(facts.indicators.map((fact) => [fact.id, fact]));
    const slotOf = new Map(facts.slots.map((slot) => [targetRowKey(slot.indicator_id, slot.period_id), slot]));
    const activeUnits = new Set(facts.units.filter((unit) => unit.is_active).map((unit) => unit.id));

    const indicatorWrites: { fact: IndicatorFacts; write: IndicatorWrite; cells: IndicatorCell[] }[] = [];
    for (const [indicatorId, cells] of indicatorCells) {
      const fact = indicatorOf.get(indicatorId);
      const cellProblems = cells.flatMap((cell) => indicatorCellProblems(cell, fact, activeUnits));
      problems.push(...cellProblems);
      if (!fact || cellProblems.length > 0) continue;
      const weight = cells.find((cell) => cell.field === "weight")?.value ?? null;
      const unit = cells.find((cell) => cell.field === "responsibleUnitId")?.value ?? null;
      indicatorWrites.push({ fact, cells, write: { id: indicatorId, weight, responsibleUnitId: unit, expectedVersion: fact.version } });
    }
    problems.push(...objectiveWeightProblems(indicatorWrites));

    const targetWrites: { slot: TargetSlotFacts; write: TargetWrite }[] = [];
    for (const [row, cell] of targetCells) {
      const problem = targetCellProblem(ctx, row, cell, indicatorOf.get(cell.indicatorId), slotOf.get(row));
      if (problem) problems.push(problem);
      else targetWrites.push({ slot: slotOf.get(row)!, write: { ...cell, expectedVersion: cell.change.version } });
    }
    if (problems.length > 0) return { ok: false, problems };

    // Cells that store what is already there change nothing: no write, no new version, no audit.
    const changedIndicators = indicatorWrites.filter(
      ({ fact, write }) =>
        (write.weight != null && write.weight !== fact.weight) || (write.responsibleUnitId != null && write.responsibleUnitId !== fact.responsible_unit_id),
    );
    const changedTargets = targetWrites.filter(({ slot, write }) => write.value !== slot.value);
    const applied = await applyTargetsBatch(
      trx,
      { indicators: changedIndicators.map(({ write }) => write), targets: changedTargets.map(({ write }) => write) },
      ctx.actor.id,
    );
    const expected = {
      indicators: changedIndicators.length,
      updated: changedTargets.filter(({ write }) => write.value != null && write.expectedVersion != null).length,
      inserted: changedTargets.filter(({ write }) => write.value != null && write.expectedVersion == null).length,
      deleted: changedTargets.filter(({ write }) => write.value == null).length,
    };
    if (applied.indicators !== expected.indicators || applied.updated !== expected.updated || applied.inserted !== expected.inserted || applied.deleted !== expected.deleted) {
      // Only a target created meanwhile by a writer that does not lock the indicator gets here.
      throw new ConflictError("Otra persona guardó metas de estos indicadores al mismo tiempo; recargue la página y vuelva a intentarlo.");
    }

    await insertAuditEvents(trx, [
      ...changedIndicators.map(({ fact, write }) => indicatorAudit(ctx, fact, write)),
      ...changedTargets.map(({ slot, write }) => targetAudit(ctx, slot, write)),
    ]);

    const changedIndicatorIds = new Set(changedIndicators.map(({ fact }) => fact.id));
    const changedTargetRows = new Set(changedTargets.map(({ slot }) => targetRowKey(slot.indicator_id, slot.period_id)));
    const records: SavedRecord[] = [
      ...indicatorWrites.map(({ fact, write }) => ({
        row: indicatorRowKey(fact.id),
        version: changedIndicatorIds.has(fact.id) ? fact.version + 1 : fact.version,
        fields: { weight: write.weight ?? fact.weight, responsibleUnitId: write.responsibleUnitId ?? fact.responsible_unit_id },
      })),
      ...targetWrites.map(({ slot, write }) => {
        const row = targetRowKey(slot.indicator_id, slot.period_id);
        // A target that no longer exists has no version: the grid sends null for it next time.
        const version = !changedTargetRows.has(row) ? slot.version : write.value == null ? null : (slot.version ?? 0) + 1;
        return { row, version, fields: { value: write.value } };
      }),
    ];
    return { ok: true, saved: parsed.data.changes.length, records };
  });
}

function fieldLabel(field: string): string {
  return field in TARGETS_GRID_LABELS ? TARGETS_GRID_LABELS[field as keyof typeof TARGETS_GRID_LABELS] : field;
}

function notEditable(change: CellChange): CellProblem {
  return { row: change.row, field: change.field, kind: "invalid", message: `${fieldLabel(change.field)}: no se puede editar en esta grilla` };
}

function indicatorCellProblems(cell: IndicatorCell, fact: IndicatorFacts | undefined, activeUnits: ReadonlySet<number>): CellProblem[] {
  const { row, field } = cell.change;
  const label = TARGETS_GRID_LABELS[cell.field];
  if (!fact) return [{ row, field, kind: "not_found", message: `${label}: el indicador no existe en este plan` }];
  if (fact.archived) return [{ row, field, kind: "not_found", message: `${label}: el indicador ${fact.code} está archivado` }];
  if (cell.change.version !== fact.version) {
    const current = cell.field === "weight" ? fact.weight : fact.responsible_unit_id;
    return [
      {
        row,
        field,
        kind: "conflict",
        message: `${label}: ${fact.updated_by_name ?? "otra persona"} modificó el indicador ${fact.code} después de que usted lo cargó`,
        theirs: { value: current, by: fact.updated_by_name, at: fact.updated_at, version: fact.version },
      },
    ];
  }
  if (cell.field === "responsibleUnitId" && cell.value !== fact.responsible_unit_id && !activeUnits.has(cell.value)) {
    return [{ row, field, kind: "invalid", message: `${label}: la unidad no existe o no está activa` }];
  }
  return [];
}

/** Rollups need each objective to keep at least one live indicator weighing more than 0. */
function objectiveWeightProblems(writes: readonly { fact: IndicatorFacts; write: IndicatorWrite; cells: IndicatorCell[] }[]): CellProblem[] {
  const byObjective = new Map<number, { total: number; count: number; cells: IndicatorCell[] }>();
  for (const { fact, write, cells } of writes) {
    if (write.weight == null) continue;
    const objective = byObjective.get(fact.objective_id) ?? { total: fact.objective_weight, count: fact.objective_live_count, cells: [] };
    objective.total += write.weight - fact.weight;
    objective.cells.push(...cells.filter((cell) => cell.field === "weight"));
    byObjective.set(fact.objective_id, objective);
  }
  return [...byObjective.values()]
    .filter((objective) => objective.count > 0 && objective.total <= 0)
    .flatMap((objective) =>
      objective.cells.map((cell) => ({
        row: cell.change.row,
        field: cell.change.field,
        kind: "invalid" as const,
        message: "Ponderación: al menos un indicador vigente del objetivo debe pesar más que 0",
      })),
    );
}

function targetCellProblem(
  ctx: ServiceContext,
  row: string,
  cell: TargetCellRequest,
  indicator: IndicatorFacts | undefined,
  slot: TargetSlotFacts | undefined,
): CellProblem | null {
  const field = cell.change.field;
  if (!indicator) return { row, field, kind: "not_found", message: "Meta: el indicador no existe en este plan" };
  if (indicator.archived) return { row, field, kind: "not_found", message: `Meta: el indicador ${indicator.code} está archivado` };
  if (!slot) return { row, field, kind: "not_found", message: "Meta: el periodo no existe en este plan" };
  if (cell.change.version !== slot.version) {
    return {
      row,
      field,
      kind: "conflict",
      message:
        slot.version == null
          ? `Meta: otra persona eliminó la meta de ${indicator.code} en ${slot.period_key} después de que usted la cargó`
          : `Meta: ${slot.updated_by_name ?? "otra persona"} modificó la meta de ${indicator.code} en ${slot.period_key} después de que usted la cargó`,
      theirs: { value: slot.value, by: slot.updated_by_name, at: slot.updated_at, version: slot.version },
    };
  }
  if (slot.period_periodicity !== indicator.periodicity) {
    return {
      row,
      field,
      kind: "invalid",
      message: `Meta: el periodo ${slot.period_key} no corresponde a la periodicidad del indicador (${PERIODICITY_LABELS[indicator.periodicity].toLowerCase()})`,
    };
  }
  const decision = decideTargetWrite(ctx.actor, { status: slot.period_status, key: slot.period_key });
  if (!decision.allowed) return { row, field, kind: "forbidden", message: `Meta: ${decision.reason}` };
  return null;
}

function indicatorAudit(ctx: ServiceContext, fact: IndicatorFacts, write: IndicatorWrite): AuditEventInput {
  return {
    userId: ctx.actor.id,
    requestId: ctx.requestId,
    action: "indicator.update",
    entityType: "indicator",
    entityId: fact.id,
    before: { weight: fact.weight, responsible_unit_id: fact.responsible_unit_id, version: fact.version },
    after: {
      weight: write.weight ?? fact.weight,
      responsible_unit_id: write.responsibleUnitId ?? fact.responsible_unit_id,
      version: fact.version + 1,
    },
  };
}

function targetAudit(ctx: ServiceContext, slot: TargetSlotFacts, write: TargetWrite): AuditEventInput {
  const before = slot.value == null ? null : { value: slot.value, version: slot.version };
  return {
    userId: ctx.actor.id,
    requestId: ctx.requestId,
    action: write.value == null ? "target.delete" : "target.set",
    entityType: "target",
    entityId: targetRowKey(slot.indicator_id, slot.period_id),
    before,
    after:
      write.value == null
        ? null
        : { value: write.value, period_key: slot.period_key, period_status: slot.period_status, version: (slot.version ?? 0) + 1 },
  };
}
