import { z } from "zod";

// Spanish defaults for any message a schema does not spell out itself.
z.config(z.locales.es());

export interface FieldIssue {
  field: string;
  message: string;
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; issues: FieldIssue[] };

/**
 * Parses input with a schema whose messages are written for people; each issue names its
 * field by the label the person sees ("Correo: no es una dirección válida").
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  input: unknown,
  labels: Record<string, string> = {},
): ParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const issues = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join(".") || "_";
    const label = labels[field] ?? labels[String(issue.path[0] ?? "")] ?? field;
    return { field, message: field === "_" ? issue.message : `${label}: ${issue.message}` };
  });
  return { ok: false, issues };
}

/** Optional text from a form: blank becomes null. */
export const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .nullable()
    .transform((value) => (value ? value : null));

/** A number typed by a person: es-CL "1.234,5" or plain "1234.5". */
export function parseLocaleNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, "");
  if (trimmed === "") return null;
  const normalised = trimmed.includes(",") ? trimmed.replace(/\./g, "").replace(",", ".") : trimmed;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(normalised)) return Number.NaN;
  return Number(normalised);
}

/** The message for one field, for showing it next to its input. */
export function issueFor(issues: readonly FieldIssue[] | undefined, field: string): string | undefined {
  return issues?.find((issue) => issue.field === field)?.message;
}
