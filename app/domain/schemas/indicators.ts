import { z } from "zod";
import type { Aggregation, Direction, IndicatorKind, MeasurementState, Periodicity, ScoringMethod } from "../../../db/schema";
import { optionalText, parseLocaleNumber } from "../validation";

/** Spanish names of the indicator's enum fields, for forms, lists and the definition. */
export const KIND_LABELS: Record<IndicatorKind, string> = {
  ratio: "Razón (numerador / denominador)",
  value: "Valor",
};

export const DIRECTION_LABELS: Record<Direction, string> = {
  increase: "Aumentar",
  decrease: "Disminuir",
};

export const PERIODICITY_LABELS: Record<Periodicity, string> = {
  monthly: "Mensual",
  quarterly: "Trimestral",
  semiannual: "Semestral",
  annual: "Anual",
};

export const AGGREGATION_LABELS: Record<Aggregation, string> = {
  sum: "Suma de los periodos",
  average: "Promedio de los periodos",
  last: "Último valor del año",
};

export const SCORING_METHOD_LABELS: Record<ScoringMethod, string> = {
  ratio: "Razón: real / meta (o meta / real si se busca disminuir)",
  baseline: "Desde la línea base: (real − línea base) / (meta − línea base)",
};

export const MEASUREMENT_STATE_LABELS: Record<MeasurementState, string> = {
  draft: "Borrador",
  submitted: "Enviado",
  approved: "Aprobado",
  returned: "Devuelto",
};

export const INDICATOR_KINDS = ["ratio", "value"] as const satisfies readonly IndicatorKind[];
export const DIRECTIONS = ["increase", "decrease"] as const satisfies readonly Direction[];
export const PERIODICITIES = ["monthly", "quarterly", "semiannual", "annual"] as const satisfies readonly Periodicity[];
export const AGGREGATIONS = ["sum", "average", "last"] as const satisfies readonly Aggregation[];
export const SCORING_METHODS = ["ratio", "baseline"] as const satisfies readonly ScoringMethod[];

/** The label each field carries on the form; error messages start with it. */
export const INDICATOR_FIELD_LABELS: Record<string, string> = {
  code: "Código",
  name: "Nombre",
  description: "Descripción",
  formula: "Fórmula de cálculo",
  objectiveId: "Objetivo estratégico",
  kind: "Tipo de indicador",
  numeratorLabel: "Numerador",
  denominatorLabel: "Denominador",
  factor: "Factor",
  unitOfMeasure: "Unidad de medida",
  direction: "Sentido esperado",
  periodicity: "Periodicidad",
  aggregation: "Agregación anual",
  scoringMethod: "Cálculo del cumplimiento",
  baselineValue: "Línea base",
  baselineYear: "Año de la línea base",
  weight: "Ponderación",
  responsibleUnitId: "Unidad responsable",
  dataSource: "Fuente de datos",
  verificationMeans: "Medio de verificación",
  axisIds: "Ejes transversales",
  sexDisaggregated: "Desagregado por sexo",
  isPublished: "Publicado en transparencia",
};

const NOT_A_NUMBER = "debe ser un número (por ejemplo 1.234,5)";

/** A number typed by a person (es-CL "1.234,5" or "1234.5") or given as a number; blank is null. */
const localeNumber = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((input, ctx) => {
    if (input == null) return null;
    const number = typeof input === "number" ? input : parseLocaleNumber(input);
    if (number == null) return null;
    if (!Number.isFinite(number)) {
      ctx.addIssue({ code: "custom", message: NOT_A_NUMBER });
      return z.NEVER;
    }
    return number;
  });

const requiredNumber = (missing: string) =>
  localeNumber.transform((value, ctx) => {
    if (value == null) {
      ctx.addIssue({ code: "custom", message: missing });
      return z.NEVER;
    }
    return value;
  });

const entityId = (missing: string) =>
  z.union([z.number(), z.string().trim()], { error: missing }).transform((value, ctx) => {
    const number = typeof value === "number" ? value : /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(number) || number < 1 || number > 2_147_483_647) {
      ctx.addIssue({ code: "custom", message: missing });
      return z.NEVER;
    }
    return number;
  });

/** A checkbox: "on" (what a browser sends), "true" or true is checked; anything else is not. */
const checkbox = z
  .union([z.boolean(), z.string(), z.null()])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true" || value === "1");

const requiredText = (max: number, missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `no puede superar ${max.toLocaleString("es-CL")} caracteres`);

const enumOf = <const T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { error: message });

const indicatorFields = z.object({
  code: requiredText(40, "es obligatorio").regex(
    /^[\p{L}\p{N}._-]*$/u,
    "solo puede tener letras, números, puntos y guiones, sin espacios"
  ),
  name: requiredText(300, "es obligatorio"),
  description: optionalText(4000, "no puede superar 4.000 caracteres"),
  formula: optionalText(2000, "no puede superar 2.000 caracteres"),
  objectiveId: entityId("elija un objetivo estratégico"),
  kind: enumOf(INDICATOR_KINDS, "debe ser razón o valor"),
  numeratorLabel: optionalText(300, "no puede superar 300 caracteres"),
  denominatorLabel: optionalText(300, "no puede superar 300 caracteres"),
  factor: localeNumber
    .transform((value) => value ?? 1)
    .refine((value) => value > 0, "debe ser mayor que 0")
    .refine((value) => value < 100_000_000, "es demasiado grande"),
  unitOfMeasure: requiredText(40, "es obligatoria"),
  direction: enumOf(DIRECTIONS, "debe ser aumentar o disminuir"),
  periodicity: enumOf(PERIODICITIES, "debe ser mensual, trimestral, semestral o anual"),
  aggregation: enumOf(AGGREGATIONS, "debe ser suma, promedio o último valor"),
  scoringMethod: enumOf(SCORING_METHODS, "debe ser razón o desde la línea base"),
  baselineValue: localeNumber.refine((value) => value == null || Math.abs(value) < 1e14, "es demasiado grande"),
  baselineYear: z
    .union([z.number(), z.string().trim(), z.null()])
    .optional()
    .transform((value, ctx) => {
      if (value == null || value === "") return null;
      const year = typeof value === "number" ? value : /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isInteger(year) || year < 1990 || year > 2100) {
        ctx.addIssue({ code: "custom", message: "debe ser un año entre 1990 y 2100" });
        return z.NEVER;
      }
      return year;
    }),
  weight: requiredNumber("es obligatoria")
    .refine((value) => value >= 0, "no puede ser negativa")
    .refine((value) => value < 1_000_000, "es demasiado grande"),
  responsibleUnitId: entityId("elija la unidad responsable"),
  dataSource: optionalText(1000, "no puede superar 1.000 caracteres"),
  verificationMeans: optionalText(1000, "no puede superar 1.000 caracteres"),
  axisIds: z
    .union([z.array(z.union([z.string(), z.number()])), z.string(), z.number(), z.null()])
    .optional()
    .transform((value) => (value == null ? [] : Array.isArray(value) ? value : [value]))
    .pipe(z.array(entityId("hay un eje que no es válido")))
    .transform((ids) => [...new Set(ids)].sort((a, b) => a - b)),
  sexDisaggregated: checkbox,
  isPublished: checkbox,
});

/** The fields the cross-field rules read: those rules still run when other fields are wrong. */
const crossFields = indicatorFields.pick({
  kind: true,
  numeratorLabel: true,
  denominatorLabel: true,
  scoringMethod: true,
  baselineValue: true,
});

/**
 * An indicator's whole definition as the form sends it. Each message is written for the
 * person filling the form; parseInput prefixes it with the field's label.
 */
export const indicatorSchema = indicatorFields.superRefine(
  (input, ctx) => {
    if (input.kind === "ratio") {
      if (!input.numeratorLabel) {
        ctx.addIssue({ code: "custom", path: ["numeratorLabel"], message: "es obligatorio en un indicador de razón" });
      }
      if (!input.denominatorLabel) {
        ctx.addIssue({ code: "custom", path: ["denominatorLabel"], message: "es obligatorio en un indicador de razón" });
      }
    }
    if (input.scoringMethod === "baseline" && input.baselineValue == null) {
      ctx.addIssue({
        code: "custom",
        path: ["baselineValue"],
        message: "es obligatoria cuando el cumplimiento se calcula desde la línea base",
      });
    }
  },
  { when: (payload) => crossFields.safeParse(payload.value).success }
);

export type IndicatorInput = z.output<typeof indicatorSchema>;

/** The fields of the form, as plain strings or flags: what the edit page starts from. */
export type IndicatorFormValues = Record<
  Exclude<keyof IndicatorInput, "axisIds" | "sexDisaggregated" | "isPublished">,
  string
> & {
  axisIds: string[];
  sexDisaggregated: boolean;
  isPublished: boolean;
};

/** The indicator list's filters as they travel in the URL: ?q=&pilar=&objetivo=&eje=&unidad=&estado=&archivados=&pagina= */
export const LIST_PARAM_KEYS = ["q", "pilar", "objetivo", "eje", "unidad", "estado", "archivados", "pagina"] as const;

export type IndicatorListParams = Record<(typeof LIST_PARAM_KEYS)[number], string>;

/** The form field of one period's target in the year's targets form; errors name it too. */
export const targetField = (periodId: number) => `target-${periodId}`;

/** One target typed into the targets form: blank means "leave it as it is". */
export const targetEntrySchema = z.object({
  periodId: entityId("periodo no válido"),
  value: localeNumber.refine((value) => value == null || Math.abs(value) < 1e14, "es demasiado grande"),
});

/** A number in the indicator's own unit: "72,5 %", "1.234 personas". */
export function formatIndicatorValue(value: number | null | undefined, unit: string, maxDigits = 2): string {
  if (value == null || !Number.isFinite(value)) return "—";
  const text = new Intl.NumberFormat("es-CL", { maximumFractionDigits: maxDigits }).format(value);
  return unit ? `${text} ${unit}` : text;
}

/** A plain number for a form field, es-CL style ("1234,5": no thousands separator to trip over). */
export function numberForInput(value: number | null | undefined): string {
  if (value == null) return "";
  return String(Number(value.toFixed(4))).replace(".", ",");
}
