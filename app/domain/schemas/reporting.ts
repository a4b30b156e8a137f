import { z } from "zod";
import { optionalText, parseLocaleNumber } from "../validation";

const id = (what: string) => z.coerce.number({ error: `${what} no es válido` }).int(`${what} no es válido`).positive(`${what} no es válido`);

/** A number that may be left blank: a number, or text read as es-CL or plain (parseLocaleNumber). */
const optionalNumber = z
  .union([z.number(), z.string().trim(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value == null || value === "") return null;
    const number = typeof value === "number" ? value : parseLocaleNumber(value);
    if (!Number.isFinite(number)) {
      ctx.addIssue({ code: "custom", message: "debe ser un número" });
      return z.NEVER;
    }
    return number;
  });

const evidenceUrl = optionalText(1000, "no puede superar 1.000 caracteres").refine(
  (value) => value == null || /^https?:\/\/\S+$/.test(value),
  "debe ser un enlace que empiece con http:// o https://",
);

export const measurementInputSchema = z.object({
  indicatorId: id("El indicador"),
  periodId: id("El periodo"),
  value: optionalNumber,
  numerator: optionalNumber.refine((v) => v == null || v >= 0, "no puede ser negativo"),
  denominator: optionalNumber.refine((v) => v == null || v >= 0, "no puede ser negativo"),
  valueWomen: optionalNumber,
  valueMen: optionalNumber,
  comment: optionalText(2000, "no puede superar 2.000 caracteres"),
  evidenceUrl,
  version: z.coerce.number().int().positive().optional(),
});

export const MEASUREMENT_FIELD_LABELS: Record<string, string> = {
  indicatorId: "Indicador",
  periodId: "Periodo",
  value: "Valor",
  numerator: "Numerador",
  denominator: "Denominador",
  valueWomen: "Valor mujeres",
  valueMen: "Valor hombres",
  comment: "Comentario",
  evidenceUrl: "Medio de verificación",
};

export const MILESTONE_STATES = ["pending", "in_progress", "done", "cancelled"] as const;

export const milestoneProgressSchema = z
  .object({
    milestoneId: id("El hito"),
    progress: z.coerce
      .number({ error: "debe ser un número" })
      .min(0, "debe estar entre 0 y 100")
      .max(100, "debe estar entre 0 y 100"),
    state: z.enum(MILESTONE_STATES, { error: "debe ser pendiente, en curso, cumplido o cancelado" }),
    evidenceUrl,
    comment: optionalText(2000, "no puede superar 2.000 caracteres"),
    version: z.coerce.number().int().positive().optional(),
  })
  .refine((input) => input.state !== "done" || input.progress === 100, {
    message: "un hito cumplido debe tener avance 100",
    path: ["progress"],
  });

export const MILESTONE_FIELD_LABELS: Record<string, string> = {
  milestoneId: "Hito",
  progress: "Avance (%)",
  state: "Estado",
  evidenceUrl: "Medio de verificación",
  comment: "Comentario",
};

export const targetInputSchema = z.object({
  indicatorId: id("El indicador"),
  periodId: id("El periodo"),
  value: z.coerce.number({ error: "debe ser un número" }).refine(Number.isFinite, "debe ser un número"),
});

export const TARGET_FIELD_LABELS: Record<string, string> = { indicatorId: "Indicador", periodId: "Periodo", value: "Meta" };
