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

// A NUL, or half of a surrogate pair (a broken paste): PostgreSQL can store neither as text or JSON.
// eslint-disable-next-line no-control-regex -- the NUL is exactly what this looks for
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Optional text from a form: blank becomes null. */
export const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .refine((value) => !UNSTORABLE_TEXT.test(value), "tiene caracteres que no se pueden guardar; vuelva a escribirlo")
    .optional()
    .nullable()
    .transform((value) => (value ? value : null));

// "1.234" or "12.345.678": dot-grouped thousands as es-CL writes them (and as the app shows
// them), so a shown number typed or pasted back is the same number. Plain "1.5" or "1234.5" has
// no group of exactly three digits after every dot and stays a decimal.
const DOT_THOUSANDS = /^[+-]?[1-9]\d{0,2}(\.\d{3})+$/;
// "1,234.5": English grouping. Without this check the comma would be read as the decimal mark.
const COMMA_THOUSANDS_DOT_DECIMAL = /^[+-]?[1-9]\d{0,2}(,\d{3})+\.\d+$/;

/**
 * A number typed or pasted by a person, read the same way in every form, grid and import:
 * es-CL "1.234,5" and "1.234" (thousands), plain "1234.5", English "1,234.5". Blank gives null;
 * anything else, or an ambiguous mix of marks ("1.2,3.4", "1,234,5"), gives NaN.
 */
export function parseLocaleNumber(text: string): number | null {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return null;
  if (DOT_THOUSANDS.test(compact)) return Number(compact.replace(/\./g, ""));
  if (COMMA_THOUSANDS_DOT_DECIMAL.test(compact)) return Number(compact.replace(/,/g, ""));
  if (compact.includes(",") && compact.lastIndexOf(".") > compact.lastIndexOf(",")) return Number.NaN;
  if ((compact.match(/,/g) ?? []).length > 1) return Number.NaN;
  const normalised = compact.includes(",") ? compact.replace(/\./g, "").replace(",", ".") : compact;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(normalised)) return Number.NaN;
  return Number(normalised);
}

const decimalPatterns = new Map<number, RegExp>();
/** "12.34567" with more than `places` decimals: whole part and decimals (one pattern per precision, built once). */
function moreDecimalsThan(places: number): RegExp {
  let pattern = decimalPatterns.get(places);
  if (!pattern) decimalPatterns.set(places, (pattern = new RegExp(`^(\\d+)\\.(\\d{${places + 1},})$`)));
  return pattern;
}

/**
 * A number rounded to `places` decimals as PostgreSQL's numeric(p, places) rounds the decimal a
 * person typed (half away from zero: 2,00005 -> 2,0001), not the binary double that `toFixed`
 * would round (2.0000). Rounded before the write, the grid, the row and its audit all hold the
 * one value that was stored.
 */
export function roundDecimal(value: number, places: number): number {
  const text = String(Math.abs(value));
  // Exponent forms are below 1e-6 or from 1e21 up: the first round to 0, the second never fit a column.
  const match = moreDecimalsThan(places).exec(text);
  if (!match) return text.includes("e") ? Number(value.toFixed(places)) : value;
  const [, whole, decimals] = match;
  let kept = BigInt(whole + decimals.slice(0, places));
  if (decimals[places] >= "5") kept += 1n;
  const digits = kept.toString().padStart(places + 1, "0");
  const rounded = Number(places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`);
  return value < 0 ? -rounded : rounded;
}

/** The message for one field, for showing it next to its input. */
export function issueFor(issues: readonly FieldIssue[] | undefined, field: string): string | undefined {
  return issues?.find((issue) => issue.field === field)?.message;
}
