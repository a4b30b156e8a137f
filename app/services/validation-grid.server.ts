import { z } from "zod";
import { insertAuditEvents } from "../../db/queries/audit";
import {
  applyReview,
  listValidationRows,
  loadValidationFilterChoices,
  lockMeasurementsForReview,
  type MeasurementKey,
  type ReviewFacts,
} from "../../db/queries/validation-grid";
import type { IndicatorKind, MeasurementState, PeriodStatus, Periodicity } from "../../db/schema";
import type { BatchResult, CellProblem, SavedRecord } from "../domain/grid-batch";
import { periodLabel } from "../domain/period-labels";
import { MEASUREMENT_STATE_LABELS } from "../domain/schemas/indicators";
import { parseReportingRowKey } from "../domain/schemas/reporting-grid";
import { compliance, measuredValue, statusOf, type ScoringSettings, type Status } from "../domain/scoring";
import { optionalText, parseInput } from "../domain/validation";
import { requireCapability, type ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";
import { settingsOf } from "./scorecard.server";
import { ConflictError, ValidationError } from "./errors";

/**
 * The validation grid (`/validar`): planners and the committee see the values sent to validation
 * with their target and compliance, and approve or return them, one or thousands at once, all
 * or none, with the same version rule as every grid.
 */

export const VALIDATION_STATES = ["submitted", "returned", "approved"] as const;
export type ValidationState = (typeof VALIDATION_STATES)[number];

/** A filter left blank in the URL ("?unidad=") is no filter. */
const blankIsAbsent = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const validationQuerySchema = z.object({
  periodo: z.preprocess(
    blankIsAbsent,
    z
      .string()
      .trim()
      .regex(/^\d{4}(-\d{2}|-Q[1-4]|-S[12])?$/, "no es un periodo válido")
      .optional(),
  ),
  unidad: z.preprocess(blankIsAbsent, z.coerce.number({ error: "no es válida" }).int("no es válida").positive("no es válida").optional()),
  estado: z.preprocess(
    blankIsAbsent,
    z.enum(VALIDATION_STATES, { error: "debe ser enviado, devuelto o aprobado" }).default("submitted"),
  ),
});

const VALIDATION_QUERY_LABELS: Record<string, string> = { periodo: "Periodo", unidad: "Unidad", estado: "Estado" };

export const MAX_REVIEW_ITEMS = 5000;

export const reviewRequestSchema = z
  .object({
    decision: z.enum(["approve", "return"], { error: "debe ser aprobar o devolver" }),
    note: optionalText(2000, "no puede superar 2.000 caracteres"),
    items: z
      .array(
        z.object({
          row: z.string().trim().min(1, "falta la fila").max(100, "fila no válida"),
          version: z.coerce.number({ error: "falta la versión" }).int("versión no válida").positive("versión no válida"),
        }),
        { error: "no se recibieron las mediciones" },
      )
      .min(1, "elija al menos una medición")
      .max(MAX_REVIEW_ITEMS, `no se pueden revisar más de ${MAX_REVIEW_ITEMS.toLocaleString("es-CL")} mediciones a la vez`),
  })
  .superRefine((input, ctx) => {
    if (input.decision === "return" && !input.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "es obligatoria al devolver" });
    }
  });

export type ReviewRequest = z.input<typeof reviewRequestSchema>;

const REVIEW_LABELS: Record<string, string> = { decision: "Decisión", note: "Observación", items: "Mediciones" };

export interface ValidationGridRow {
  /** "<indicatorId>:<periodId>": the key the review sends back. */
  row: string;
  indicatorId: number;
  periodId: number;
  code: string;
  name: string;
  unitName: string;
  periodKey: string;
  periodLabel: string;
  kind: IndicatorKind;
  unitOfMeasure: string;
  target: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Raw compliance of this period's value against its target (1 = 100 %); null when not computable. */
  compliance: number | null;
  status: Status;
  evidenceUrl: string | null;
  comment: string | null;
  reportedBy: string | null;
  /** ISO timestamp. */
  submittedAt: string | null;
  state: MeasurementState;
  reviewNote: string | null;
  version: number;
}

/**
 * The most rows the grid shows at once. Values waiting for validation stay far below it; the
 * approved values of a large plan's every year would not, and the person narrows by period or unit.
 */
export const MAX_VALIDATION_ROWS = 2000;

export interface ValidationGridPayload {
  filters: { periodo: string | null; unidad: number | null; estado: ValidationState };
  rows: ValidationGridRow[];
  /** More rows match than the grid shows (MAX_VALIDATION_ROWS): these are those of the latest periods. */
  truncated: boolean;
  periods: { key: string; label: string; periodicity: Periodicity; year: number; status: PeriodStatus }[];
  units: { id: number; name: string }[];
  settings: ScoringSettings;
}

/** The grid's rows for the filters (values sent to validation, by default), in two queries. */
export async function loadValidationGrid(
  ctx: ServiceContext,
  query: unknown,
  options: { rowLimit?: number } = {},
): Promise<ValidationGridPayload> {
  const rowLimit = options.rowLimit ?? MAX_VALIDATION_ROWS;
  requireCapability(ctx, "measurement.validate");
  const parsed = parseInput(validationQuerySchema, query ?? {}, VALIDATION_QUERY_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const filters = parsed.data;
  const plan = await requireCurrentPlan(ctx);
  const [found, choices] = await Promise.all([
    listValidationRows(ctx.db, {
      planId: plan.id,
      state: filters.estado,
      periodKey: filters.periodo,
      unitId: filters.unidad,
      // One more than shown tells whether there are more, without counting them.
      limit: rowLimit + 1,
    }),
    loadValidationFilterChoices(ctx.db, plan.id),
  ]);
  if (filters.periodo && !choices.periods.some((period) => period.key === filters.periodo)) {
    throw new ValidationError([{ field: "periodo", message: `Periodo: ${filters.periodo} no existe en este plan` }]);
  }
  const settings = settingsOf(choices);
  const truncated = found.length > rowLimit;
  // The rows come oldest period first: the one too many is the oldest.
  const rows = truncated ? found.slice(found.length - rowLimit) : found;
  return {
    filters: { periodo: filters.periodo ?? null, unidad: filters.unidad ?? null, estado: filters.estado },
    truncated,
    rows: rows.map((row) => {
      const actual = measuredValue(row.kind, row.factor, row).value;
      const raw =
        actual == null || row.target == null
          ? null
          : compliance(
              { direction: row.direction, scoringMethod: row.scoring_method, baselineValue: row.baseline_value },
              actual,
              row.target,
              { explain: false },
            ).compliance;
      return {
        row: measurementRowKey(row.indicator_id, row.period_id),
        indicatorId: row.indicator_id,
        periodId: row.period_id,
        code: row.code,
        name: row.name,
        unitName: row.unit_name,
        periodKey: row.period_key,
        periodLabel: periodLabel(row.period_periodicity, row.period_year, row.period_number),
        kind: row.kind,
        unitOfMeasure: row.unit_of_measure,
        target: row.target,
        value: row.value,
        numerator: row.numerator,
        denominator: row.denominator,
        compliance: raw,
        status: statusOf(raw, settings),
        evidenceUrl: row.evidence_url,
        comment: row.comment,
        reportedBy: row.reported_by_name,
        submittedAt: row.submitted_at,
        state: row.state,
        reviewNote: row.review_note,
        version: row.version,
      };
    }),
    periods: choices.periods.map((period) => ({
      key: period.key,
      label: periodLabel(period.periodicity, period.year, period.number),
      periodicity: period.periodicity,
      year: period.year,
      status: period.status,
    })),
    units: choices.units,
    settings,
  };
}

const REVIEWED_STATE = { approve: "approved", return: "returned" } as const;
const STATE_FIELD = "state";

/**
 * Approves or returns measurements sent to validation. Everything is checked first — each
 * measurement exists in the plan, is still `submitted`, and is at the version the grid loaded —
 * and then all of them change in one statement with one multi-row audit insert, or none does.
 * Problems are keyed by row, on the field "state". A return needs an observation.
 */
export async function reviewMeasurements(ctx: ServiceContext, input: unknown): Promise<BatchResult> {
  requireCapability(ctx, "measurement.validate");
  const parsed = parseInput(reviewRequestSchema, input, REVIEW_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const { decision, note, items } = parsed.data;
  const plan = await requireCurrentPlan(ctx);

  const problems: CellProblem[] = [];
  const wanted = new Map<string, MeasurementKey & { version: number }>();
  for (const item of items) {
    if (wanted.has(item.row)) continue;
    const key = parseMeasurementRow(item.row);
    if (key) wanted.set(item.row, { ...key, version: item.version });
    else problems.push(notFound(item.row));
  }

  return ctx.db.transaction().execute(async (trx) => {
    const facts = await lockMeasurementsForReview(trx, plan.id, [...wanted.values()]);
    const factOf = new Map(facts.map((fact) => [measurementRowKey(fact.indicator_id, fact.period_id), fact]));
    const accepted: ReviewFacts[] = [];
    for (const [row, item] of wanted) {
      const fact = factOf.get(row);
      if (!fact) problems.push(notFound(row));
      else if (fact.version !== item.version) problems.push(conflict(row, fact));
      else if (decision === "return" && fact.period_status === "closed" && ctx.actor.role !== "admin") {
        // Approving after the close is the normal flow; a value returned in a closed period could
        // not be corrected by its unit and would stay out of the official scores.
        problems.push({
          row,
          field: STATE_FIELD,
          kind: "forbidden",
          message: `Estado: el periodo ${fact.period_key} está cerrado; para devolver la medición, administración debe reabrirlo`,
        });
      }
      else if (fact.state !== "submitted") {
        problems.push({
          row,
          field: STATE_FIELD,
          kind: "invalid",
          message: `Estado: la medición de ${fact.code} en ${fact.period_key} ya no está enviada a validación (está ${MEASUREMENT_STATE_LABELS[fact.state].toLowerCase()})`,
        });
      } else accepted.push(fact);
    }
    if (problems.length > 0) return { ok: false, problems };

    const state = REVIEWED_STATE[decision];
    const updated = await applyReview(trx, { measurementIds: accepted.map((fact) => fact.id), state, note, reviewerId: ctx.actor.id });
    if (updated !== accepted.length) {
      throw new ConflictError("Otra persona revisó estas mediciones al mismo tiempo; recargue la página y vuelva a intentarlo.");
    }
    await insertAuditEvents(
      trx,
      accepted.map((fact) => ({
        userId: ctx.actor.id,
        requestId: ctx.requestId,
        action: decision === "approve" ? "measurement.approve" : "measurement.return",
        entityType: "measurement",
        entityId: measurementRowKey(fact.indicator_id, fact.period_id),
        before: { state: fact.state, review_note: fact.review_note, version: fact.version },
        after: { state, review_note: note, version: fact.version + 1 },
      })),
    );
    const records: SavedRecord[] = accepted.map((fact) => ({
      row: measurementRowKey(fact.indicator_id, fact.period_id),
      version: fact.version + 1,
      fields: { state, reviewNote: note },
    }));
    return { ok: true, saved: records.length, records };
  });
}

export const measurementRowKey = (indicatorId: number, periodId: number) => `${indicatorId}:${periodId}`;

// Same "indicator:period" key as the reporting grid, with the same bounds.
const parseMeasurementRow = (row: string): MeasurementKey | null => parseReportingRowKey(row);

function notFound(row: string): CellProblem {
  return { row, field: STATE_FIELD, kind: "not_found", message: "Estado: la medición no existe en este plan" };
}

function conflict(row: string, fact: ReviewFacts): CellProblem {
  const by = fact.updated_by_name;
  return {
    row,
    field: STATE_FIELD,
    kind: "conflict",
    message: `Estado: ${by ?? "otra persona"} modificó la medición de ${fact.code} en ${fact.period_key} después de que usted la cargó`,
    theirs: { value: fact.state, by, at: fact.updated_at.toISOString(), version: fact.version },
  };
}
