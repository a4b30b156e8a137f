import type { Transaction } from "kysely";
import {
  findGridRowFacts,
  findMeasurementAuthors,
  findPlanById,
  findPlanPeriod,
  listGridIndicators,
  listGridPeriodicities,
  listGridUnits,
  listYearPeriods,
  loadGridCells,
  saveGridMeasurements,
  submitPeriodMeasurements,
  type GridIndicatorScope,
  type GridMeasurementWrite,
  type GridRowFacts,
} from "../../db/queries/reporting-grid";
import { insertAuditEvents } from "../../db/queries/audit";
import type { Database } from "../../db/schema";
import { todayInSantiago } from "../domain/dates";
import { formatTimestamp } from "../domain/format";
import { batchRequestSchema, changesByRow, type BatchResult, type CellChange, type CellProblem, type SavedRecord } from "../domain/grid-batch";
import { periodicityOfView } from "../domain/grid-views";
import { PERIODICITY_ORDER, periodLabelFromKey } from "../domain/period-labels";
import { canReport, decideMeasurementWrite } from "../domain/permissions";
import {
  REPORTING_FIELDS,
  REPORTING_FIELD_LABELS,
  REPORTING_GRID_QUERY_LABELS,
  SUBMIT_FOR_VALIDATION_LABELS,
  checkReportingCell,
  fieldRefusal,
  fitsStoredNumber,
  isReportingField,
  parseReportingRowKey,
  ratioValue,
  reportingGridQuerySchema,
  reportingRowKey,
  submitForValidationSchema,
  type ReportingField,
  type ReportingGridCell,
  type ReportingGridPayload,
  type ReportingGridPeriod,
  type ReportingGridRow,
} from "../domain/schemas/reporting-grid";
import { parseInput } from "../domain/validation";
import type { ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors";

/**
 * The reporting grid (/reportar): what a person may report in a year, and the batch save that
 * applies a whole grid's edits at once or none of them. Every read-only cell says why, with the
 * same rule the save enforces (decideMeasurementWrite).
 */

/** Roles that report at all (decideMeasurementWrite refuses everyone else cell by cell too). */
function requireReportingRole(ctx: ServiceContext): void {
  if (!canReport(ctx.actor.role)) throw new ForbiddenError("Su perfil no puede reportar avances.");
}

/** Unit heads see their own units (sub-units included); planners and admins every unit. */
const unitScopeOf = (ctx: ServiceContext) => (ctx.actor.role === "unit_head" ? ctx.actor.unitScope : undefined);

export interface ReportingGridOptions {
  /** Another plan than the current one (the bench works on the large plan). */
  planId?: number;
  /** 'YYYY-MM-DD' that picks the default year and period to send (tests); today in Santiago otherwise. */
  today?: string;
}

async function resolvePlan(ctx: ServiceContext, planId: number | undefined) {
  if (planId == null) return requireCurrentPlan(ctx);
  const plan = await findPlanById(ctx.db, planId);
  if (!plan) throw new NotFoundError("El plan no existe.");
  return plan;
}

// --- loader ---------------------------------------------------------------------------------------

export async function loadReportingGrid(ctx: ServiceContext, query: unknown, options: ReportingGridOptions = {}): Promise<ReportingGridPayload> {
  requireReportingRole(ctx);
  const parsed = parseInput(reportingGridQuerySchema, query ?? {}, REPORTING_GRID_QUERY_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const unitScope = unitScopeOf(ctx);
  const unitId = parsed.data.unidad;
  if (unitId != null && unitScope && !unitScope.includes(unitId)) {
    throw new ForbiddenError("Unidad: solo puede reportar las unidades a su cargo.");
  }

  const plan = await resolvePlan(ctx, options.planId);
  const years: number[] = [];
  for (let year = plan.start_year; year <= plan.end_year; year++) years.push(year);
  const today = options.today ?? todayInSantiago();
  const year = parsed.data.anio ?? Math.min(plan.end_year, Math.max(plan.start_year, Number(today.slice(0, 4))));
  if (!years.includes(year)) {
    throw new ValidationError([{ field: "anio", message: `Año: el plan abarca de ${plan.start_year} a ${plan.end_year}` }]);
  }

  const scope: GridIndicatorScope = { planId: plan.id, unitIds: unitScope, unitId };
  // One periodicity at a time: its periods are the columns, and only its indicators are rows.
  const [usedPeriodicities, units] = await Promise.all([listGridPeriodicities(ctx.db, scope), listGridUnits(ctx.db, plan.id, unitScope)]);
  const periodicities = PERIODICITY_ORDER.filter((periodicity) => usedPeriodicities.includes(periodicity));
  const periodicity = periodicityOfView(parsed.data.periodicidad ?? null, periodicities);
  const base = { plan: { id: plan.id, code: plan.code, name: plan.name }, year, years, unitId: unitId ?? null, periodicities, periodicity };
  const unitChoices = units.map((unit) => ({ id: unit.id, name: unit.name }));
  if (periodicity == null) return { ...base, units: unitChoices, periods: [], submitDefaultId: null, rows: [] };

  const [periodRows, indicators] = await Promise.all([
    listYearPeriods(ctx.db, plan.id, year, periodicity),
    listGridIndicators(ctx.db, scope, periodicity),
  ]);
  const periods: ReportingGridPeriod[] = periodRows.map((period) => ({
    id: period.id,
    key: period.key,
    label: periodLabelFromKey(period.key),
    periodicity: period.periodicity,
    status: period.status,
    endDate: period.end_date,
  }));
  const open = periods.filter((period) => period.status === "open");
  const submitDefault = open.filter((period) => period.endDate <= today).pop() ?? open[0] ?? null;

  const { targets, measurements } = await loadGridCells(ctx.db, { planId: plan.id, periodIds: periods.map((period) => period.id), scope });

  // One cell object per (indicator, period) slot, filled from the flat columns. Slots are
  // numbered (indicator id x column count + the period's column), not named: 60,000 string keys
  // cost the large plan more than the rest of the assembly.
  const columnOf = new Map(periods.map((period, index) => [period.id, index]));
  const columnCount = Math.max(1, periods.length);
  const cellsBySlot = new Map<number, ReportingGridCell>();
  const slotOf = (indicatorId: number, periodId: number) => {
    const column = columnOf.get(periodId);
    return column == null ? -1 : indicatorId * columnCount + column;
  };
  const byCode = new Intl.Collator("es", { numeric: true }).compare;
  const rows: ReportingGridRow[] = indicators
    .sort((a, b) => byCode(a.code, b.code))
    .map((indicator) => {
      const cells: Record<string, ReportingGridCell> = {};
      for (const period of periods) {
        const cell: ReportingGridCell = { row: reportingRowKey(indicator.id, period.id), editable: false };
        cells[period.id] = cell;
        cellsBySlot.set(slotOf(indicator.id, period.id), cell);
      }
      return {
        indicatorId: indicator.id,
        code: indicator.code,
        name: indicator.name,
        unitName: indicator.unit_name,
        kind: indicator.kind,
        factor: indicator.factor,
        sexDisaggregated: indicator.sex_disaggregated,
        periodicity: indicator.periodicity,
        unitOfMeasure: indicator.unit_of_measure,
        cells,
      };
    });

  for (let i = 0; i < targets.indicator_id.length; i++) {
    const cell = cellsBySlot.get(slotOf(targets.indicator_id[i], targets.period_id[i]));
    if (cell) cell.target = targets.value[i];
  }
  const m = measurements;
  for (let i = 0; i < m.indicator_id.length; i++) {
    const cell = cellsBySlot.get(slotOf(m.indicator_id[i], m.period_id[i]));
    if (!cell) continue;
    if (m.value[i] != null) cell.value = m.value[i]!;
    if (m.numerator[i] != null) cell.numerator = m.numerator[i]!;
    if (m.denominator[i] != null) cell.denominator = m.denominator[i]!;
    if (m.value_women[i] != null) cell.valueWomen = m.value_women[i]!;
    if (m.value_men[i] != null) cell.valueMen = m.value_men[i]!;
    if (m.comment[i] != null) cell.comment = m.comment[i]!;
    if (m.evidence_url[i] != null) cell.evidenceUrl = m.evidence_url[i]!;
    if (m.review_note[i] != null) cell.reviewNote = m.review_note[i]!;
    cell.state = m.state[i];
    cell.version = m.version[i];
  }

  // The state takes part in the decision, so each cell is decided once its measurement is in.
  const unitOf = new Map(indicators.map((indicator) => [indicator.id, indicator.responsible_unit_id]));
  for (const row of rows) {
    const indicator = { responsibleUnitId: unitOf.get(row.indicatorId)! };
    for (const period of periods) {
      const cell = row.cells[period.id];
      const decision = decideMeasurementWrite(ctx.actor, indicator, period, cell.state ?? null);
      cell.editable = decision.allowed;
      if (!decision.allowed) cell.reason = decision.reason;
    }
  }

  return { ...base, units: unitChoices, periods, submitDefaultId: submitDefault?.id ?? null, rows };
}

// --- batch save -----------------------------------------------------------------------------------

const BATCH_LABELS: Record<string, string> = { changes: "Cambios" };

/** Another writer changed a row between the facts read and the write: roll back and try again. */
class ConcurrentChange extends Error {}
const MAX_ATTEMPTS = 3;

/**
 * Saves a grid's edited cells as drafts: everything is checked first (value, field, permission,
 * periodicity, version) and any problem means nothing is written and every bad cell is
 * answered; otherwise every row and its audit are written by one guarded statement, in
 * one transaction. Three queries whatever the size of the batch (the plan, the facts, the
 * write); a batch with conflicts reads who made them (a fourth) and writes nothing. If another
 * change slips in between the facts and the write, the transaction rolls back and the save is
 * tried again from the facts, where it shows up as a conflict.
 */
export async function saveReportingBatch(ctx: ServiceContext, input: unknown, options: { planId?: number } = {}): Promise<BatchResult> {
  requireReportingRole(ctx);
  const parsed = parseInput(batchRequestSchema, input, BATCH_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const planId = options.planId ?? (await requireCurrentPlan(ctx)).id;
  const byRow = changesByRow(parsed.data.changes);

  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction().execute((trx) => saveAttempt(trx, ctx, planId, byRow));
    } catch (error) {
      if (!(error instanceof ConcurrentChange)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new ConflictError("Otras personas están modificando estas mediciones en este momento; vuelva a guardar en unos segundos.");
      }
    }
  }
}

interface RowPlan {
  row: string;
  changes: CellChange[];
  write: GridMeasurementWrite;
}

/** A row whose version moved since the grid loaded it: every changed cell is a conflict. */
interface StaleRow {
  row: string;
  fact: GridRowFacts;
  changes: CellChange[];
}

type MeasurementAuthor = Awaited<ReturnType<typeof findMeasurementAuthors>>[number];

async function saveAttempt(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  planId: number,
  byRow: Map<string, CellChange[]>,
): Promise<BatchResult> {
  const problems: CellProblem[] = [];
  const keyed: { row: string; indicatorId: number; periodId: number; changes: CellChange[] }[] = [];
  for (const [row, changes] of byRow) {
    const key = parseReportingRowKey(row);
    if (!key) problems.push(...changes.map((change) => problemOf(change, "not_found", "Fila: no corresponde a un indicador y periodo")));
    else keyed.push({ row, ...key, changes });
  }

  const facts = await findGridRowFacts(trx, planId, keyed);
  const factsByRow = new Map(facts.map((fact) => [reportingRowKey(fact.indicator_id, fact.period_id), fact]));

  const plans: RowPlan[] = [];
  const stale: StaleRow[] = [];
  for (const { row, changes } of keyed) {
    const fact = factsByRow.get(row);
    const planned = planRow(ctx, row, fact, changes, problems, stale);
    if (planned) plans.push(planned);
  }
  if (stale.length > 0) {
    // Only now, and only for these rows: who changed them and when.
    const authors = await findMeasurementAuthors(
      trx,
      stale.map(({ fact }) => ({ indicatorId: fact.indicator_id, periodId: fact.period_id })),
    );
    const authorByRow = new Map(authors.map((author) => [reportingRowKey(author.indicator_id, author.period_id), author]));
    for (const { row, fact, changes } of stale) {
      problems.push(...changes.map((change) => conflictOf(ctx, change, fact, authorByRow.get(row))));
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const saved = await saveGridMeasurements(
    trx,
    plans.map((plan) => plan.write),
    { userId: ctx.actor.id, requestId: ctx.requestId },
  );
  const byKey = new Map(saved.map((record) => [reportingRowKey(record.indicator_id, record.period_id), record]));
  const records: SavedRecord[] = [];
  for (const plan of plans) {
    const record = byKey.get(plan.row);
    if (!record) throw new ConcurrentChange();
    records.push({ row: plan.row, version: record.version, fields: { value: record.value, state: "draft" } });
  }
  return { ok: true, saved: plans.reduce((total, plan) => total + plan.changes.length, 0), records };
}

const RATIO_TOO_LARGE = "Valor: el cálculo (numerador / denominador × factor) da un número demasiado grande";

const problemOf = (change: CellChange, kind: CellProblem["kind"], message: string): CellProblem => ({
  row: change.row,
  field: change.field,
  kind,
  message,
});

/** Decides one row: its problems go to `problems`; a row without any comes back ready to write. */
function planRow(
  ctx: ServiceContext,
  row: string,
  fact: GridRowFacts | undefined,
  changes: CellChange[],
  problems: CellProblem[],
  stale: StaleRow[],
): RowPlan | null {
  if (!fact || fact.archived) {
    problems.push(...changes.map((change) => problemOf(change, "not_found", "Indicador o periodo: no existe en este plan")));
    return null;
  }
  if (fact.indicator_periodicity !== fact.period_periodicity) {
    problems.push(
      ...changes.map((change) =>
        problemOf(change, "invalid", `Periodo: ${fact.period_key} no corresponde a la periodicidad del indicador ${fact.indicator_code}`),
      ),
    );
    return null;
  }
  const decision = decideMeasurementWrite(
    ctx.actor,
    { responsibleUnitId: fact.responsible_unit_id },
    { status: fact.period_status, key: fact.period_key },
    fact.state,
  );
  if (!decision.allowed) {
    problems.push(...changes.map((change) => problemOf(change, "forbidden", decision.reason)));
    return null;
  }
  if (changes.some((change) => change.version !== fact.version)) {
    stale.push({ row, fact, changes });
    return null;
  }

  // Merge the edited fields over the measurement as it is now.
  const merged = {
    value: fact.value,
    numerator: fact.numerator,
    denominator: fact.denominator,
    valueWomen: fact.value_women,
    valueMen: fact.value_men,
    comment: fact.comment,
    evidenceUrl: fact.evidence_url,
  } satisfies Record<ReportingField, number | string | null>;
  const indicator = { kind: fact.kind, sexDisaggregated: fact.sex_disaggregated };
  let valid = true;
  for (const change of changes) {
    if (!isReportingField(change.field)) {
      problems.push(problemOf(change, "invalid", `Campo: «${change.field}» no se puede editar en esta grilla`));
      valid = false;
      continue;
    }
    const refusal = fieldRefusal(change.field, indicator);
    if (refusal) {
      problems.push(problemOf(change, "invalid", refusal));
      valid = false;
      continue;
    }
    const checked = checkReportingCell(change.field, change.value);
    if (!checked.ok) {
      problems.push(problemOf(change, "invalid", checked.message));
      valid = false;
      continue;
    }
    (merged as Record<ReportingField, number | string | null>)[change.field] = checked.value;
  }
  if (!valid) return null;

  const numerator = merged.numerator as number | null;
  const denominator = merged.denominator as number | null;
  let value = merged.value as number | null;
  if (fact.kind === "ratio") {
    const missing = (["numerator", "denominator"] as const).filter((field) => merged[field] == null);
    if (missing.length > 0) {
      for (const field of missing) {
        problems.push({ row, field, kind: "invalid", message: `${REPORTING_FIELD_LABELS[field]}: es obligatorio en un indicador de razón` });
      }
      return null;
    }
    value = ratioValue(numerator!, denominator!, fact.factor);
    if (!fitsStoredNumber(value)) {
      problems.push({ row, field: changes[0].field, kind: "invalid", message: RATIO_TOO_LARGE });
      return null;
    }
  } else if (value == null) {
    problems.push({ row, field: "value", kind: "invalid", message: `${REPORTING_FIELD_LABELS.value}: es obligatorio` });
    return null;
  }

  const write: Omit<GridMeasurementWrite, "audit"> = {
    indicatorId: fact.indicator_id,
    periodId: fact.period_id,
    numerator: fact.kind === "ratio" ? numerator : null,
    denominator: fact.kind === "ratio" ? denominator : null,
    value,
    valueWomen: fact.sex_disaggregated ? (merged.valueWomen as number | null) : null,
    valueMen: fact.sex_disaggregated ? (merged.valueMen as number | null) : null,
    comment: merged.comment as string | null,
    evidenceUrl: merged.evidenceUrl as string | null,
    expectedVersion: fact.version,
  };
  return { row, changes, write: { ...write, audit: auditOf(fact, write, changes) } };
}

/**
 * The row's part of the audit, as a diff: the fields the batch touched (and a ratio's computed
 * value), the state when it was not a draft already, and the version the row gets (the one it
 * had is that minus one). A new measurement has no before. Lean on purpose: a save of 1,000
 * cells writes all of them in one change set, and its size is most of the audit's cost.
 */
function auditOf(fact: GridRowFacts, write: Omit<GridMeasurementWrite, "audit">, changes: readonly CellChange[]): GridMeasurementWrite["audit"] {
  const action = fact.period_status === "closed" ? "measurement.save_closed_period" : "measurement.save";
  const after: Record<string, unknown> = {};
  if (fact.version == null) {
    for (const field of REPORTING_FIELDS) if (write[field] != null) after[field] = write[field];
    after.state = "draft";
    after.version = 1;
    return { action, before: null, after };
  }
  const before: Record<string, unknown> = {};
  for (const change of changes) {
    const field = change.field as ReportingField;
    before[field] = fact[FACT_FIELD[field]];
    after[field] = write[field];
  }
  if (fact.kind === "ratio") {
    before.value = fact.value;
    after.value = write.value;
  }
  if (fact.state !== "draft") {
    before.state = fact.state;
    after.state = "draft";
  }
  after.version = fact.version + 1;
  return { action, before, after };
}

const FACT_FIELD: Record<ReportingField, keyof GridRowFacts> = {
  value: "value",
  numerator: "numerator",
  denominator: "denominator",
  valueWomen: "value_women",
  valueMen: "value_men",
  comment: "comment",
  evidenceUrl: "evidence_url",
};

const numberFormat = new Intl.NumberFormat("es-CL", { maximumFractionDigits: 4 });

function describeValue(value: number | string | boolean | null): string {
  if (value == null || value === "") return "vacío";
  if (typeof value === "number") return numberFormat.format(value);
  return `«${String(value)}»`;
}

/**
 * The conflict answer for one cell: what is in the database now and who put it there (the
 * reviewer, when the last change was a validation), with a sentence naming the field.
 */
function conflictOf(ctx: ServiceContext, change: CellChange, fact: GridRowFacts, author: MeasurementAuthor | undefined): CellProblem {
  const label = isReportingField(change.field) ? REPORTING_FIELD_LABELS[change.field] : change.field;
  if (fact.version == null || !author) {
    return {
      ...problemOf(change, "conflict", `${label}: otra persona eliminó esta medición después de que usted abrió la grilla; recargue y vuelva a ingresarla`),
      theirs: { value: null, by: null, at: null, version: null },
    };
  }
  const reviewedLater = author.reviewed_at != null && (author.reported_at == null || author.reviewed_at > author.reported_at);
  const by = reviewedLater ? author.reviewed_by_name : author.reported_by_name;
  const at = author.updated_at.toISOString();
  const theirValue = isReportingField(change.field) ? (fact[FACT_FIELD[change.field]] as number | string | null) : null;
  const who = !reviewedLater && author.reported_by === ctx.actor.id ? "usted, en otra ventana o sesión," : `otra persona (${by ?? "sin nombre"})`;
  return {
    ...problemOf(change, "conflict", `${label}: ${who} lo cambió a ${describeValue(theirValue)} el ${formatTimestamp(at)}; revise y vuelva a guardar`),
    theirs: { value: theirValue, by, at, version: fact.version },
  };
}

// --- submit for validation ------------------------------------------------------------------------

/**
 * "Enviar a validación": the actor's reportable draft and returned values of one period (their
 * own units for unit heads; one unit when asked) become 'submitted'. Open periods only, except
 * for an admin. One update and one audit insert; answers how many were sent (0: nothing to send).
 */
export async function submitForValidation(ctx: ServiceContext, input: unknown, options: { planId?: number } = {}): Promise<{ submitted: number }> {
  requireReportingRole(ctx);
  const parsed = parseInput(submitForValidationSchema, input, SUBMIT_FOR_VALIDATION_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const { periodId, unitId } = parsed.data;
  const unitScope = unitScopeOf(ctx);
  if (unitId != null && unitScope && !unitScope.includes(unitId)) {
    throw new ForbiddenError("Unidad: solo puede enviar a validación las unidades a su cargo.");
  }
  const planId = options.planId ?? (await requireCurrentPlan(ctx)).id;

  return ctx.db.transaction().execute(async (trx) => {
    const period = await findPlanPeriod(trx, planId, periodId);
    if (!period) throw new NotFoundError("El periodo no existe en este plan.");
    if (period.status === "closed" && ctx.actor.role !== "admin") {
      throw new ForbiddenError(`El periodo ${period.key} está cerrado; solo administración puede modificarlo.`);
    }
    const submitted = await submitPeriodMeasurements(trx, { planId, periodId, unitIds: unitScope, unitId });
    await insertAuditEvents(
      trx,
      submitted.map((record) => ({
        userId: ctx.actor.id,
        requestId: ctx.requestId,
        action: "measurement.submit",
        entityType: "measurement",
        entityId: reportingRowKey(record.indicator_id, record.period_id),
        before: { state: record.previous_state, version: record.version - 1 },
        after: { state: "submitted", version: record.version },
      })),
    );
    return { submitted: submitted.length };
  });
}
