import { z } from "zod";
import type { MilestoneState } from "../../../db/schema";
import { optionalText, parseLocaleNumber } from "../validation";
import { MILESTONE_STATES } from "./reporting";
import { parseRecordId } from "../grid-batch";

/**
 * The milestones grid (`/plan-de-accion/hitos`): one row per milestone ("<milestoneId>").
 * Pure: the client grid checks each cell with these schemas before sending, and the server
 * checks them again, then the whole record once merged (`milestoneRecordIssue`).
 */

export type MilestoneGridField = "progress" | "state" | "dueDate" | "evidenceUrl" | "comment";

export const MILESTONE_GRID_FIELDS: readonly MilestoneGridField[] = ["progress", "state", "dueDate", "evidenceUrl", "comment"];

export const MILESTONE_GRID_LABELS: Record<MilestoneGridField, string> = {
  progress: "Avance (%)",
  state: "Estado",
  dueDate: "Fecha comprometida",
  evidenceUrl: "Medio de verificación",
  comment: "Comentario",
};

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  pending: "Pendiente",
  in_progress: "En curso",
  done: "Cumplido",
  cancelled: "Cancelado",
};

/** A filter left blank in the URL ("?unidad=") is no filter. */
const blankIsAbsent = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const milestonesGridQuerySchema = z.object({
  compromiso: z.preprocess(blankIsAbsent, z.coerce.number({ error: "no es válido" }).int("no es válido").positive("no es válido").optional()),
  unidad: z.preprocess(blankIsAbsent, z.coerce.number({ error: "no es válida" }).int("no es válida").positive("no es válida").optional()),
});

export const MILESTONES_GRID_QUERY_LABELS: Record<string, string> = { compromiso: "Compromiso", unidad: "Unidad" };

const NOT_A_NUMBER = "debe ser un número";

/** Progress as the grid holds it (a number) or as typed (es-CL "12,5"); stored with two decimals. */
export const progressCellSchema = z
  .union([z.number({ error: NOT_A_NUMBER }), z.string(), z.null()], { error: NOT_A_NUMBER })
  .transform((input, ctx) => {
    const number = input == null ? null : typeof input === "number" ? input : parseLocaleNumber(input);
    if (number == null) {
      ctx.addIssue({ code: "custom", message: "es obligatorio" });
      return z.NEVER;
    }
    if (!Number.isFinite(number)) {
      ctx.addIssue({ code: "custom", message: NOT_A_NUMBER });
      return z.NEVER;
    }
    if (number < 0 || number > 100) {
      ctx.addIssue({ code: "custom", message: "debe estar entre 0 y 100" });
      return z.NEVER;
    }
    return Number(number.toFixed(2));
  });

export const stateCellSchema = z.enum(MILESTONE_STATES, { error: "debe ser pendiente, en curso, cumplido o cancelado" });

/** A calendar date 'YYYY-MM-DD' (no time zone can move it). */
export const dueDateCellSchema = z
  .string({ error: "debe ser una fecha" })
  .trim()
  .refine(isCalendarDate, "debe ser una fecha válida (AAAA-MM-DD)");

export const evidenceUrlCellSchema = optionalText(1000, "no puede superar 1.000 caracteres").refine(
  (value) => value == null || /^https?:\/\/\S+$/.test(value),
  "debe ser un enlace que empiece con http:// o https://",
);

export const commentCellSchema = optionalText(2000, "no puede superar 2.000 caracteres");

export const MILESTONE_CELL_SCHEMAS: {
  progress: z.ZodType<number>;
  state: z.ZodType<MilestoneState>;
  dueDate: z.ZodType<string>;
  evidenceUrl: z.ZodType<string | null>;
  comment: z.ZodType<string | null>;
} = {
  progress: progressCellSchema,
  state: stateCellSchema,
  dueDate: dueDateCellSchema,
  evidenceUrl: evidenceUrlCellSchema,
  comment: commentCellSchema,
};

export function isMilestoneGridField(field: string): field is MilestoneGridField {
  return (MILESTONE_GRID_FIELDS as readonly string[]).includes(field);
}


/** The milestone id of a row key ("57"); null when it is not one. */
export function parseMilestoneRow(row: string): number | null {
  return parseRecordId(row);
}

/**
 * The rule across fields, on the record as it will be stored (the same one as
 * milestoneProgressSchema): a milestone done has progress 100. The issue goes on the field the
 * person changed: the state when it was set to done, else the progress.
 */
export function milestoneRecordIssue(
  merged: { state: MilestoneState; progress: number },
  changed: ReadonlySet<MilestoneGridField>,
): { field: MilestoneGridField; message: string } | null {
  if (merged.state !== "done" || merged.progress === 100) return null;
  const field: MilestoneGridField = changed.has("state") || !changed.has("progress") ? "state" : "progress";
  return { field, message: `${MILESTONE_GRID_LABELS[field]}: un hito cumplido debe tener avance 100` };
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
