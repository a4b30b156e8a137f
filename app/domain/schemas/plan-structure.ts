import { z } from "zod";
import type { DefinitionKind, PlanStatus } from "../../../db/schema";
import { optionalText, parseLocaleNumber } from "../validation";

/**
 * What a planner types when building the plan: the plan itself and its scoring settings,
 * strategic definitions, pillars, cross-cutting axes and objectives. Messages name no field;
 * parseInput prefixes each with the label the form shows (the *_LABELS maps below).
 */

export const DEFAULT_GREEN_THRESHOLD = 95;
export const DEFAULT_YELLOW_THRESHOLD = 75;
export const DEFAULT_SCORE_CAP = 100;

export const DEFINITION_KINDS = ["mission", "vision", "value", "principle", "other"] as const satisfies readonly DefinitionKind[];
export const DEFINITION_KIND_LABELS: Record<DefinitionKind, string> = {
  mission: "Misión",
  vision: "Visión",
  value: "Valor",
  principle: "Principio",
  other: "Otro",
};

export const PLAN_STATUSES = ["draft", "active", "archived"] as const satisfies readonly PlanStatus[];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: "Borrador",
  active: "Activo",
  archived: "Archivado",
};

const required = "es obligatorio";
const tooLong = (max: number) => `no puede superar ${max.toLocaleString("es-CL")} caracteres`;

const requiredText = (max: number) =>
  z.string({ error: required }).trim().min(1, required).max(max, tooLong(max));

/** Short identifiers (plan, pillar, axis and objective codes): no spaces, no accents. */
const code = (max: number) =>
  requiredText(max).regex(/^[A-Za-z0-9._-]*$/, "use solo letras sin tilde, números, punto, guion o guion bajo");

/**
 * A number typed by a person (es-CL "0,4" or "0.4") or given by code. Blank is "es obligatorio",
 * not zero: a weight of 0 must be typed on purpose.
 */
const numberInput = z
  .union([z.number(), z.string()], {
    error: (issue) => (issue.input == null ? required : "debe ser un número"),
  })
  .transform((value, ctx) => {
    const parsed = typeof value === "number" ? value : parseLocaleNumber(value);
    if (parsed === null) {
      ctx.addIssue({ code: "custom", message: required });
      return z.NEVER;
    }
    if (!Number.isFinite(parsed)) {
      ctx.addIssue({ code: "custom", message: "debe ser un número" });
      return z.NEVER;
    }
    return parsed;
  });

const year = numberInput.pipe(
  z.number().int("debe ser un año sin decimales").min(2000, "debe estar entre 2000 y 2100").max(2100, "debe estar entre 2000 y 2100"),
);

const weight = numberInput.pipe(
  z.number().min(0, "no puede ser negativo").max(1_000_000, "no puede superar 1.000.000"),
);

const threshold = numberInput.pipe(z.number().min(0, "no puede ser negativo").max(1000, "no puede superar 1.000"));
const scoreCap = numberInput.pipe(z.number().min(100, "debe ser al menos 100").max(1000, "no puede superar 1.000"));

const color = z
  .string({ error: required })
  .trim()
  .regex(/^#[0-9A-Fa-f]{6}$/, "debe ser un color en formato #RRGGBB")
  .transform((value) => value.toUpperCase());

/** A row id typed or chosen in a form; blank gives null, which the caller decides on. */
function toId(value: unknown, ctx: z.RefinementCtx): number | null {
  const text = value == null ? "" : String(value).trim();
  if (text === "") return null;
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) {
    ctx.addIssue({ code: "custom", message: "no es una opción válida" });
    return z.NEVER;
  }
  return id;
}

const idOf =
  z.union([z.number(), z.string()], { error: required }).transform((value, ctx) => {
    const id = toId(value, ctx);
    if (id === null) {
      ctx.addIssue({ code: "custom", message: required });
      return z.NEVER;
    }
    return id;
  });

const optionalId = z
  .union([z.number(), z.string(), z.null()], { error: "no es una opción válida" })
  .optional()
  .transform((value, ctx) => toId(value, ctx));

/** Checkbox groups send one value, many, or none. */
const idList = z
  .union([z.array(z.union([z.number(), z.string()])), z.number(), z.string()], { error: "no es una opción válida" })
  .optional()
  .transform((value, ctx) => {
    const values = value == null ? [] : Array.isArray(value) ? value : [value];
    const ids: number[] = [];
    for (const item of values) {
      const id = toId(item, ctx);
      if (id !== null && !ids.includes(id)) ids.push(id);
    }
    return ids;
  });

// --- plan ------------------------------------------------------------------------------------

const planFields = {
  name: requiredText(200),
  description: optionalText(4000, tooLong(4000)),
  startYear: year,
  endYear: year,
  greenThreshold: threshold.default(DEFAULT_GREEN_THRESHOLD),
  yellowThreshold: threshold.default(DEFAULT_YELLOW_THRESHOLD),
  scoreCap: scoreCap.default(DEFAULT_SCORE_CAP),
};

interface PlanRules {
  startYear: number;
  endYear: number;
  greenThreshold: number;
  yellowThreshold: number;
}

const validYear = (value: number) => Number.isInteger(value) && value >= 2000 && value <= 2100;

function checkPlanRules(plan: PlanRules, ctx: z.RefinementCtx) {
  // A year already refused on its own says enough; comparing it would only add noise.
  if (validYear(plan.startYear) && validYear(plan.endYear)) {
    if (plan.endYear < plan.startYear) {
      ctx.addIssue({ code: "custom", path: ["endYear"], message: "no puede ser anterior al año de inicio" });
    } else if (plan.endYear - plan.startYear >= 20) {
      ctx.addIssue({ code: "custom", path: ["endYear"], message: "el plan no puede durar más de 20 años" });
    }
  }
  if (plan.yellowThreshold > plan.greenThreshold) {
    ctx.addIssue({ code: "custom", path: ["yellowThreshold"], message: "no puede ser mayor que el umbral verde" });
  }
}

export const planCreateSchema = z
  .object({ code: code(40), ...planFields })
  .superRefine(checkPlanRules);

export const planSettingsSchema = z
  .object({
    ...planFields,
    status: z.enum(PLAN_STATUSES, { error: "debe ser borrador, activo o archivado" }),
  })
  .superRefine(checkPlanRules);

export type PlanCreateInput = z.infer<typeof planCreateSchema>;
export type PlanSettingsInput = z.infer<typeof planSettingsSchema>;

export const PLAN_FIELD_LABELS: Record<string, string> = {
  code: "Código",
  name: "Nombre",
  description: "Descripción",
  startYear: "Año de inicio",
  endYear: "Año de término",
  status: "Estado",
  greenThreshold: "Umbral verde (%)",
  yellowThreshold: "Umbral amarillo (%)",
  scoreCap: "Tope de cumplimiento (%)",
};

// --- strategic definitions -------------------------------------------------------------------

export const definitionSchema = z.object({
  kind: z.enum(DEFINITION_KINDS, { error: "debe ser misión, visión, valor, principio u otro" }),
  title: optionalText(200, tooLong(200)),
  body: requiredText(4000),
});

export type DefinitionInput = z.infer<typeof definitionSchema>;

export const DEFINITION_FIELD_LABELS: Record<string, string> = {
  kind: "Tipo",
  title: "Título",
  body: "Texto",
};

// --- pillars and axes ------------------------------------------------------------------------

export const pillarSchema = z.object({
  code: code(20),
  name: requiredText(120),
  actionLine: optionalText(120, tooLong(120)),
  governance: optionalText(120, tooLong(120)),
  description: optionalText(4000, tooLong(4000)),
  weight,
  color,
});

export type PillarInput = z.infer<typeof pillarSchema>;

export const PILLAR_FIELD_LABELS: Record<string, string> = {
  code: "Código",
  name: "Nombre",
  actionLine: "Línea del plan de acción",
  governance: "Gobernanza",
  description: "Descripción",
  weight: "Peso",
  color: "Color",
};

export const axisSchema = z.object({
  code: code(20),
  name: requiredText(120),
  description: optionalText(2000, tooLong(2000)),
  color,
});

export type AxisInput = z.infer<typeof axisSchema>;

export const AXIS_FIELD_LABELS: Record<string, string> = {
  code: "Código",
  name: "Nombre",
  description: "Descripción",
  color: "Color",
};

// --- objectives ------------------------------------------------------------------------------

export const objectiveSchema = z.object({
  code: code(20),
  title: requiredText(300),
  description: optionalText(4000, tooLong(4000)),
  pillarId: idOf,
  weight,
  ownerUnitId: optionalId,
  axisIds: idList,
});

export type ObjectiveInput = z.infer<typeof objectiveSchema>;

export const OBJECTIVE_FIELD_LABELS: Record<string, string> = {
  code: "Código",
  title: "Título",
  description: "Descripción",
  pillarId: "Pilar",
  weight: "Peso",
  ownerUnitId: "Unidad responsable",
  axisIds: "Ejes transversales",
};

// --- URL parameters --------------------------------------------------------------------------

/** A row id from the URL (`/plan/pilares/12`, `?plan=3`): a positive int4, or null. */
export function parseIdParam(value: string | null | undefined): number | null {
  if (value == null || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= 2_147_483_647 ? id : null;
}
