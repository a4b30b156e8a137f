import { z } from "zod";

const optionalId = z
  .union([z.literal(""), z.coerce.number().int().positive()])
  .optional()
  .transform((value) => (value === "" || value == null ? undefined : value));

/** The dashboard's filters as they come in the URL (?periodo=2024-12&unidad=3&eje=2&reportados=1). */
export const scorecardFiltersSchema = z.object({
  periodo: z
    .string()
    .trim()
    .regex(/^[0-9]{4}(-[0-9]{2}|-Q[1-4]|-S[12])?$/, "no es un periodo válido (por ejemplo 2024-12, 2024-Q4 o 2024)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  unidad: optionalId,
  eje: optionalId,
  pilar: optionalId,
  objetivo: optionalId,
  reportados: z
    .union([z.literal("1"), z.literal("0"), z.literal(""), z.literal("on")])
    .optional()
    .transform((value) => value === "1" || value === "on"),
});

export const SCORECARD_FILTER_LABELS: Record<string, string> = {
  periodo: "Periodo",
  unidad: "Unidad",
  eje: "Eje transversal",
  pilar: "Pilar",
  objetivo: "Objetivo",
  reportados: "Incluir reportados",
};
