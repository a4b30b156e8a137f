import { z } from "zod";
import { parseLocaleNumber, roundDecimal } from "../validation";
import { parseRecordId } from "../grid-batch";

/**
 * The planning grid (`/plan/metas`): one row per indicator with its weight, responsible unit and
 * a target per period. Two kinds of record travel in a batch: the indicator itself (row
 * "i<indicatorId>") and one target (row "<indicatorId>:<periodId>"). Pure: the client grid
 * checks each cell with these schemas before sending, and the server checks them again.
 */

export const TARGETS_GRID_LABELS = {
  weight: "Ponderación",
  responsibleUnitId: "Unidad responsable",
  value: "Meta",
} as const;

export type IndicatorGridField = "weight" | "responsibleUnitId";
export type TargetGridField = "value";

export const INDICATOR_GRID_FIELDS: readonly IndicatorGridField[] = ["weight", "responsibleUnitId"];
export const TARGET_GRID_FIELDS: readonly TargetGridField[] = ["value"];

/** A filter left blank in the URL ("?anio=") is no filter. */
const blankIsAbsent = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const targetsGridQuerySchema = z.object({
  anio: z.preprocess(
    blankIsAbsent,
    z.coerce
      .number({ error: "debe ser un año" })
      .int("debe ser un año")
      .min(2000, "debe ser un año entre 2000 y 2100")
      .max(2100, "debe ser un año entre 2000 y 2100")
      .optional(),
  ),
});

export const TARGETS_GRID_QUERY_LABELS: Record<string, string> = { anio: "Año" };

const NOT_A_NUMBER = "debe ser un número";

/** A number as the grid holds it, or as typed (es-CL "1.234,5" or "1234.5"); blank is null. */
const cellNumber = z.union([z.number({ error: NOT_A_NUMBER }), z.string(), z.null()], { error: NOT_A_NUMBER }).transform((input, ctx) => {
  if (input == null) return null;
  const number = typeof input === "number" ? input : parseLocaleNumber(input);
  if (number != null && !Number.isFinite(number)) {
    ctx.addIssue({ code: "custom", message: NOT_A_NUMBER });
    return z.NEVER;
  }
  return number;
});

/** Weights are numeric(9, 3): at least 0 and below a million. */
export const indicatorWeightCellSchema = cellNumber.pipe(
  z
    .number({ error: "es obligatoria" })
    .min(0, "no puede ser negativa")
    .max(999_999.999, "es demasiado grande")
    .transform((value) => roundDecimal(value, 3)),
);

/** The id of a unit; the server also checks that it exists and is active. */
export const responsibleUnitCellSchema = z.coerce
  .number({ error: "elija una unidad" })
  .int("elija una unidad")
  .positive("elija una unidad")
  .max(2_147_483_647, "elija una unidad");

/** Targets are numeric(18, 4); blank (null) removes the target. */
export const targetValueCellSchema = cellNumber.pipe(
  z
    .number()
    .refine((value) => Math.abs(value) < 1e14, "es demasiado grande")
    .transform((value) => roundDecimal(value, 4))
    .nullable(),
);

export const INDICATOR_CELL_SCHEMAS: Record<IndicatorGridField, z.ZodType<number>> = {
  weight: indicatorWeightCellSchema,
  responsibleUnitId: responsibleUnitCellSchema,
};

export type TargetsGridRowKey = { kind: "indicator"; indicatorId: number } | { kind: "target"; indicatorId: number; periodId: number };

export const indicatorRowKey = (indicatorId: number) => `i${indicatorId}`;
export const targetRowKey = (indicatorId: number, periodId: number) => `${indicatorId}:${periodId}`;

/** Reads a row key of the planning grid; null when it is neither form. */
export function parseTargetsGridRow(row: string): TargetsGridRowKey | null {
  if (row.startsWith("i")) {
    const id = row.slice(1);
    const indicatorId = parseRecordId(id);
    return indicatorId == null ? null : { kind: "indicator", indicatorId };
  }
  const [indicator, period, extra] = row.split(":");
  const indicatorId = parseRecordId(indicator);
  const periodId = parseRecordId(period);
  if (extra !== undefined || indicatorId == null || periodId == null) return null;
  return { kind: "target", indicatorId, periodId };
}

export type CellCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/** Checks one cell with its schema; the message names the field ("Meta: debe ser un número"). */
export function checkCell<T>(schema: z.ZodType<T>, value: unknown, label: string): CellCheck<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: `${label}: ${result.error.issues[0]?.message ?? "no es válido"}` };
}
