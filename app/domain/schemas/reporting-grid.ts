import { z } from "zod";
import type { IndicatorKind, MeasurementState, Periodicity, PeriodStatus } from "../../../db/schema";
import { roundDecimal } from "../validation";
import { MEASUREMENT_FIELD_LABELS, measurementInputSchema } from "./reporting";

/**
 * The reporting grid's contract, shared by the client grid and the server: which fields a cell
 * edits, the per-field checks (the very rules of `measurementInputSchema`, so a value the grid
 * accepts is one the single-record form accepts), row keys, and the loader's payload. Pure.
 */

export const REPORTING_FIELDS = ["value", "numerator", "denominator", "valueWomen", "valueMen", "comment", "evidenceUrl"] as const;
export type ReportingField = (typeof REPORTING_FIELDS)[number];

export function isReportingField(field: string): field is ReportingField {
  return (REPORTING_FIELDS as readonly string[]).includes(field);
}

export const REPORTING_FIELD_LABELS: Record<ReportingField, string> = {
  value: MEASUREMENT_FIELD_LABELS.value,
  numerator: MEASUREMENT_FIELD_LABELS.numerator,
  denominator: MEASUREMENT_FIELD_LABELS.denominator,
  valueWomen: MEASUREMENT_FIELD_LABELS.valueWomen,
  valueMen: MEASUREMENT_FIELD_LABELS.valueMen,
  comment: MEASUREMENT_FIELD_LABELS.comment,
  evidenceUrl: MEASUREMENT_FIELD_LABELS.evidenceUrl,
};

/** measurements' numeric(18, 4) holds 14 integer digits; a larger pasted number must not abort the batch. */
const LARGEST_NUMBER = 99_999_999_999_999;
const fits = (value: number | null) => value == null || Math.abs(value) <= LARGEST_NUMBER;
/** Whether a number (a ratio's computed value, say) fits the measurements' numeric(18, 4). */
export const fitsStoredNumber = fits;
const TOO_LARGE = "es demasiado grande (máximo 99.999.999.999.999)";

/** A number as the measurements' numeric(18, 4) keeps it (see roundDecimal). */
export const toStoredDecimal = (value: number | null): number | null => (value == null ? null : roundDecimal(value, 4));

const shape = measurementInputSchema.shape;
const storedNumber = (schema: z.ZodType<number | null>) => schema.refine(fits, TOO_LARGE).transform(toStoredDecimal);

/** One schema per editable field: blank -> null, numbers -> number (4 decimals), texts trimmed. */
export const reportingCellSchemas: Record<ReportingField, z.ZodType<number | string | null>> = {
  value: storedNumber(shape.value),
  numerator: storedNumber(shape.numerator),
  denominator: storedNumber(shape.denominator),
  valueWomen: storedNumber(shape.valueWomen),
  valueMen: storedNumber(shape.valueMen),
  comment: shape.comment,
  evidenceUrl: shape.evidenceUrl,
};

export type CellCheck = { ok: true; value: number | string | null } | { ok: false; message: string };

/** Checks one cell's value; the message names the field ("Valor: debe ser un número"). */
export function checkReportingCell(field: ReportingField, value: unknown): CellCheck {
  const result = reportingCellSchemas[field].safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: `${REPORTING_FIELD_LABELS[field]}: ${result.error.issues[0]?.message ?? "no es válido"}` };
}

/**
 * Why a field does not apply to an indicator (null: it does). A ratio's value is computed from
 * its numerator and denominator; women/men only exist for sex-disaggregated indicators.
 */
export function fieldRefusal(field: ReportingField, indicator: { kind: IndicatorKind; sexDisaggregated: boolean }): string | null {
  const label = REPORTING_FIELD_LABELS[field];
  if (field === "value" && indicator.kind === "ratio") return `${label}: se calcula del numerador y el denominador`;
  if ((field === "numerator" || field === "denominator") && indicator.kind !== "ratio") {
    return `${label}: este indicador no es de razón; ingrese el valor`;
  }
  if ((field === "valueWomen" || field === "valueMen") && !indicator.sexDisaggregated) {
    return `${label}: este indicador no se desagrega por sexo`;
  }
  return null;
}

/** A ratio's value as the server stores it: numerator / denominator x factor, 4 decimals; denominator 0 -> none. */
export function ratioValue(numerator: number, denominator: number, factor: number): number | null {
  return denominator === 0 ? null : toStoredDecimal((numerator / denominator) * factor);
}

/** The grid's row key of one indicator in one period: "12:340". */
export const reportingRowKey = (indicatorId: number, periodId: number) => `${indicatorId}:${periodId}`;

const ROW_KEY = /^([1-9]\d{0,9}):([1-9]\d{0,9})$/;
const MAX_ID = 2_147_483_647;

export function parseReportingRowKey(row: string): { indicatorId: number; periodId: number } | null {
  const match = ROW_KEY.exec(row);
  if (!match) return null;
  const indicatorId = Number(match[1]);
  const periodId = Number(match[2]);
  return indicatorId <= MAX_ID && periodId <= MAX_ID ? { indicatorId, periodId } : null;
}

// --- the loader's query and the submit action ---------------------------------------------------

/** A whole number from a URL or a form; blank means absent. */
const optionalInt = (message: string, min: number, max: number) =>
  z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).optional(),
  );

/**
 * `/reportar?anio=2025&unidad=3&periodicidad=quarterly`: all optional. A periodicity the view
 * has no indicators of is not an error: the first one it has is shown (periodicityOfView).
 */
export const reportingGridQuerySchema = z.object({
  anio: optionalInt("no es un año válido", 2000, 2100),
  unidad: optionalInt("no es una unidad válida", 1, MAX_ID),
  periodicidad: z.string().max(20, "no es una periodicidad válida").nullish(),
});

export const REPORTING_GRID_QUERY_LABELS: Record<string, string> = { anio: "Año", unidad: "Unidad", periodicidad: "Periodicidad" };

export const submitForValidationSchema = z.object({
  periodId: z.coerce.number({ error: "no es válido" }).int("no es válido").min(1, "no es válido").max(MAX_ID, "no es válido"),
  /** Only this unit's indicators (the grid's unit filter); every reportable one when absent. */
  unitId: optionalInt("no es una unidad válida", 1, MAX_ID),
});

export const SUBMIT_FOR_VALIDATION_LABELS: Record<string, string> = { periodId: "Periodo", unitId: "Unidad" };

// --- the loader's payload -----------------------------------------------------------------------

export interface ReportingGridPeriod {
  id: number;
  key: string;
  /** "marzo 2025", "1.er trimestre 2025", "Año 2025". */
  label: string;
  periodicity: Periodicity;
  status: PeriodStatus;
  /** 'YYYY-MM-DD' */
  endDate: string;
}

/**
 * One indicator in one period. Absent optional fields are empty (null): the payload of the large
 * plan's 60,000 cells stays lean.
 */
export interface ReportingGridCell {
  /** The row key the save expects: "<indicatorId>:<periodId>". */
  row: string;
  target?: number;
  value?: number;
  numerator?: number;
  denominator?: number;
  valueWomen?: number;
  valueMen?: number;
  comment?: string;
  evidenceUrl?: string;
  /** Absent: not reported yet. */
  state?: MeasurementState;
  /** The validator's observation when the value was returned (or reviewed). */
  reviewNote?: string;
  /** The measurement's version, to send back with each change; absent: no measurement yet (send null). */
  version?: number;
  editable: boolean;
  /** Why the cell is read-only (Spanish, for the tooltip); absent when editable. */
  reason?: string;
}

export interface ReportingGridRow {
  indicatorId: number;
  code: string;
  name: string;
  unitName: string;
  kind: IndicatorKind;
  /** For a ratio: value = numerator / denominator x factor (see `ratioValue`). */
  factor: number;
  sexDisaggregated: boolean;
  periodicity: Periodicity;
  unitOfMeasure: string;
  /** Keyed by period id; only the periods of the indicator's periodicity. */
  cells: Record<string, ReportingGridCell>;
}

export interface ReportingGridPayload {
  plan: { id: number; code: string; name: string };
  year: number;
  years: number[];
  /** The unit filter in force (null: every unit the person may report for). */
  unitId: number | null;
  units: { id: number; name: string }[];
  /** The periodicities of the indicators in view, in the usual order (monthly first): the view's choices. */
  periodicities: Periodicity[];
  /** The one shown (null: no indicators at all). */
  periodicity: Periodicity | null;
  /** The year's periods of that periodicity, by end date. */
  periods: ReportingGridPeriod[];
  /** "Enviar a validación" offers the latest open period that has ended (the one just reported), else the first open one. */
  submitDefaultId: number | null;
  /** The indicators of that periodicity. */
  rows: ReportingGridRow[];
}
