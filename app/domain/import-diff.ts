import { roundDecimal } from "./validation";
import { NO, YES } from "./import-sheets";

/**
 * How the importer's preview tells what a row changes: "Meta: 10 → 12", one line per column
 * whose value differs from the database. Texts compare without line-ending or edge-space noise.
 */

const numberText = new Intl.NumberFormat("es-CL", { maximumFractionDigits: 4 });

/** A value as the preview shows it: numbers in Chilean format, texts quoted and cut at 40 characters. */
export function shown(value: unknown): string {
  if (value == null || value === "") return "vacío";
  if (typeof value === "number") return numberText.format(value);
  if (typeof value === "boolean") return value ? YES : NO;
  const text = String(value).replace(/\s+/g, " ");
  return `«${text.length > 40 ? `${text.slice(0, 39)}…` : text}»`;
}

const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  ((a ?? "").replace(/\r\n?/g, "\n").trim() || null) === ((b ?? "").replace(/\r\n?/g, "\n").trim() || null);

/** Rounded as the database column stores it, so an unchanged value does not read as a change. */
export const round = (value: number | null, digits: number) => (value == null ? null : roundDecimal(value, digits));

export interface FieldDiff<Next, Before> {
  label: string;
  next: (row: Next) => unknown;
  before: (fact: Before) => unknown;
  show?: (value: unknown) => string;
}

export function diffFields<Next, Before>(fields: readonly FieldDiff<Next, Before>[], next: Next, before: Before): string[] {
  const changes: string[] = [];
  for (const field of fields) {
    const a = field.before(before);
    const b = field.next(next);
    const equal = typeof a === "string" || typeof b === "string" ? sameText(a as string | null, b as string | null) : (a ?? null) === (b ?? null);
    if (!equal) {
      const show = field.show ?? shown;
      changes.push(`${field.label}: ${show(a)} → ${show(b)}`);
    }
  }
  return changes;
}
