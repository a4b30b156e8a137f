import { parseLocaleNumber } from "./validation";

/**
 * How an editing grid reads what a person typed or pasted into a cell, and how it shows a value.
 * Pure: used by the client grid for typing and pasting, and by tests. Numbers are es-CL first
 * ("1.234,5"), plain ("1234.5") also understood; dates are stored 'YYYY-MM-DD' and shown
 * 'DD-MM-YYYY'; blank is always null.
 */

export type CellKind = "number" | "text" | "select" | "date";

export interface CellOption {
  value: string | number;
  label: string;
}

/** The value of a cell as the grid keeps it (already parsed). */
export type CellValue = number | string | null;

/** A parse never throws: either the value, or the problem in Spanish without the field's name. */
export type CellParse = { ok: true; value: CellValue } | { ok: false; problem: string };

export const NOT_A_NUMBER = "debe ser un número (por ejemplo 1.234,5)";
export const NOT_A_DATE = "debe ser una fecha válida (dd-mm-aaaa)";
export const NOT_AN_OPTION = "no es una de las opciones";

/** "1.234,5" | "1234.5" | "1.234" (es-CL thousands) | "" -> number | null; anything else is a problem (see parseLocaleNumber). */
export function parseCellNumber(text: string): CellParse {
  const value = parseLocaleNumber(text);
  if (value == null) return { ok: true, value: null };
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: NOT_A_NUMBER };
}

// Building an Intl.NumberFormat costs far more than using one: keep one per precision.
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(decimals: number | undefined): Intl.NumberFormat {
  const key = decimals == null ? "auto" : String(decimals);
  let format = numberFormats.get(key);
  if (!format) {
    format =
      decimals == null
        ? new Intl.NumberFormat("es-CL", { maximumFractionDigits: 4 })
        : new Intl.NumberFormat("es-CL", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, format);
  }
  return format;
}

/** 1234.5 -> "1.234,5" (es-CL); `decimals` fixes the shown decimals; null -> "". */
export function formatCellNumber(value: number | null | undefined, decimals?: number): string {
  if (value == null || !Number.isFinite(value)) return "";
  return numberFormat(decimals).format(value);
}

/**
 * The text an editor starts with: every decimal kept (the display may round) and no thousands
 * dots, so confirming an untouched editor never changes the number. 1234.5678 -> "1234,5678".
 */
export function numberEditText(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return "";
  return String(value).replace(".", ",");
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST_DATE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

function isoIfReal(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** 'YYYY-MM-DD', 'DD-MM-YYYY', 'DD/MM/YYYY' or 'DD.MM.YYYY' -> 'YYYY-MM-DD'; "" -> null. */
export function parseCellDate(text: string): CellParse {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: null };
  const iso = ISO_DATE.exec(trimmed);
  const dayFirst = iso ? null : DAY_FIRST_DATE.exec(trimmed);
  const parts = iso
    ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
    : dayFirst
      ? { year: Number(dayFirst[3]), month: Number(dayFirst[2]), day: Number(dayFirst[1]) }
      : null;
  const value = parts && isoIfReal(parts.year, parts.month, parts.day);
  return value ? { ok: true, value } : { ok: false, problem: NOT_A_DATE };
}

/** 'YYYY-MM-DD' -> 'DD-MM-YYYY' without going through Date (no time zone can shift it); null -> "". */
export function formatCellDate(value: string | null | undefined): string {
  if (!value) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : value;
}

/** Case, accents and surrounding spaces do not matter when matching a typed or pasted option. */
function comparable(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase();
}

/** A pasted option may be its label ("Aprobado") or its value ("approved"). */
export function parseCellOption(text: string, options: readonly CellOption[]): CellParse {
  const wanted = comparable(text);
  if (wanted === "") return { ok: true, value: null };
  const match =
    options.find((option) => comparable(option.label) === wanted) ?? options.find((option) => comparable(String(option.value)) === wanted);
  return match ? { ok: true, value: match.value } : { ok: false, problem: NOT_AN_OPTION };
}

export function formatCellOption(value: CellValue | undefined, options: readonly CellOption[]): string {
  if (value == null) return "";
  return options.find((option) => option.value === value)?.label ?? String(value);
}

/** Trimmed text; blank -> null. */
export function parseCellText(text: string): CellParse {
  const trimmed = text.trim();
  return { ok: true, value: trimmed === "" ? null : trimmed };
}

/** Reads typed or pasted text for a cell of the given kind. */
export function parseCellInput(kind: CellKind, text: string, options: readonly CellOption[] = []): CellParse {
  switch (kind) {
    case "number":
      return parseCellNumber(text);
    case "date":
      return parseCellDate(text);
    case "select":
      return parseCellOption(text, options);
    case "text":
      return parseCellText(text);
  }
}

export interface CellFormat {
  decimals?: number;
  options?: readonly CellOption[];
}

/** How a cell shows its value. */
export function formatCellValue(kind: CellKind, value: CellValue | undefined, format: CellFormat = {}): string {
  if (value == null) return "";
  switch (kind) {
    case "number":
      return typeof value === "number" ? formatCellNumber(value, format.decimals) : String(value);
    case "date":
      return formatCellDate(String(value));
    case "select":
      return formatCellOption(value, format.options ?? []);
    case "text":
      return String(value);
  }
}

/** The text an editor starts with for a value: numbers unrounded, dates as shown. */
export function cellEditText(kind: CellKind, value: CellValue | undefined, format: CellFormat = {}): string {
  if (value == null) return "";
  if (kind === "number" && typeof value === "number") return numberEditText(value);
  return formatCellValue(kind, value, format);
}

/** Values a grid compares to decide whether an edit changed anything. */
export function sameCellValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}
