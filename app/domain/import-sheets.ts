import { z } from "zod";
import type { Aggregation, Direction, IndicatorKind, Periodicity, ScoringMethod } from "../../db/schema";
import { indicatorSchema } from "./schemas/indicators";
import { objectiveSchema } from "./schemas/plan-structure";
import { checkReportingCell, type ReportingField } from "./schemas/reporting-grid";
import { parseLocaleNumber, roundDecimal } from "./validation";

/**
 * The Excel import's contract, shared by the template builder (exports/import-template.ts) and
 * the importer (app/services/import.server.ts): the sheets, their Spanish headers and lists, and
 * how one row of a sheet becomes a typed record or a list of problems, each naming its sheet,
 * row, column and what is wrong. The rules are the forms' own schemas (indicatorSchema,
 * objectiveSchema, the reporting cells), so a file accepts what the screens accept. Pure.
 */

export const SHEET_NAMES = {
  instructions: "Instrucciones",
  objectives: "Objetivos",
  indicators: "Indicadores",
  targets: "Metas",
  measurements: "Mediciones",
  lists: "Listas",
} as const;

export type DataSheet = "objectives" | "indicators" | "targets" | "measurements";
export const DATA_SHEETS: readonly DataSheet[] = ["objectives", "indicators", "targets", "measurements"];

/** More data rows than this in one file are refused before any is checked. */
export const MAX_IMPORT_ROWS = 50_000;

/** One problem of the file: "Indicadores, fila 7, Periodicidad: debe ser mensual, …". */
export interface ImportIssue {
  sheet: string;
  /** The Excel row number (the header is row 1); 0 for a problem of the whole file. */
  row: number;
  /** The column's header; "" when the problem is the row or the sheet. */
  column: string;
  /** Spanish, starting with the column's name when there is one. */
  message: string;
}

// --- the choice lists -------------------------------------------------------------------------

export type ListName =
  | "pillars"
  | "units"
  | "objectives"
  | "indicators"
  | "periods"
  | "kinds"
  | "directions"
  | "periodicities"
  | "aggregations"
  | "scoringMethods"
  | "yesNo";

/** The words the template offers for each coded field, in the order of its list. */
export const KIND_CHOICES: Record<IndicatorKind, string> = { value: "Valor", ratio: "Razón" };
export const DIRECTION_CHOICES: Record<Direction, string> = { increase: "Aumentar", decrease: "Disminuir" };
export const PERIODICITY_CHOICES: Record<Periodicity, string> = {
  monthly: "Mensual",
  quarterly: "Trimestral",
  semiannual: "Semestral",
  annual: "Anual",
};
export const AGGREGATION_CHOICES: Record<Aggregation, string> = { sum: "Suma", average: "Promedio", last: "Último valor" };
export const SCORING_METHOD_CHOICES: Record<ScoringMethod, string> = { ratio: "Razón", baseline: "Desde la línea base" };
export const YES = "Sí";
export const NO = "No";

/** Other spellings a person may type for a coded field (compared without case or accents). */
const KIND_ALIASES: Record<string, IndicatorKind> = { razon: "ratio", "razon (numerador / denominador)": "ratio", ratio: "ratio", valor: "value", value: "value" };
const DIRECTION_ALIASES: Record<string, Direction> = { aumentar: "increase", increase: "increase", disminuir: "decrease", decrease: "decrease" };
const PERIODICITY_ALIASES: Record<string, Periodicity> = {
  mensual: "monthly",
  monthly: "monthly",
  trimestral: "quarterly",
  quarterly: "quarterly",
  semestral: "semiannual",
  semiannual: "semiannual",
  anual: "annual",
  annual: "annual",
};
const AGGREGATION_ALIASES: Record<string, Aggregation> = {
  suma: "sum",
  "suma de los periodos": "sum",
  sum: "sum",
  promedio: "average",
  "promedio de los periodos": "average",
  average: "average",
  "ultimo valor": "last",
  ultimo: "last",
  "ultimo valor del ano": "last",
  last: "last",
};
const SCORING_ALIASES: Record<string, ScoringMethod> = {
  razon: "ratio",
  ratio: "ratio",
  "desde la linea base": "baseline",
  "linea base": "baseline",
  baseline: "baseline",
};
const YES_NO_ALIASES: Record<string, boolean> = { si: true, s: true, x: true, true: true, verdadero: true, "1": true, no: false, n: false, false: false, falso: false, "0": false };

/** Text compared the way a person means it: no case, no accents, single spaces. */
export function matchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

// --- the columns ------------------------------------------------------------------------------

type CellKind = "text" | "number" | "enum" | "boolean" | "period";

export interface ColumnDef {
  key: string;
  header: string;
  width: number;
  required: boolean;
  kind: CellKind;
  /** The list that feeds the cell's drop-down in the template. */
  list?: ListName;
  /** What the Instrucciones sheet says about the column. */
  hint: string;
}

const column = (key: string, header: string, width: number, kind: CellKind, required: boolean, hint: string, list?: ListName): ColumnDef => ({
  key,
  header,
  width,
  kind,
  required,
  hint,
  list,
});

export const SHEET_COLUMNS: Record<DataSheet, readonly ColumnDef[]> = {
  objectives: [
    column("pillar", "Pilar", 22, "text", true, "Nombre o código de un pilar del plan.", "pillars"),
    column("code", "Código", 14, "text", true, "Código único del objetivo en el plan (letras sin tilde, números, punto, guion). Si ya existe, el objetivo se modifica."),
    column("title", "Título", 60, "text", true, "Enunciado del objetivo estratégico."),
    column("description", "Descripción", 50, "text", false, "Texto libre."),
    column("weight", "Ponderación", 13, "number", true, "Peso del objetivo dentro de su pilar (0 o más)."),
    column("ownerUnit", "Unidad responsable", 40, "text", false, "Nombre o código de una unidad.", "units"),
  ],
  indicators: [
    column("objective", "Objetivo", 14, "text", true, "Código de un objetivo del plan o de la hoja Objetivos.", "objectives"),
    column("code", "Código", 14, "text", true, "Código único del indicador en el plan. Si ya existe, el indicador se modifica."),
    column("name", "Nombre", 50, "text", true, "Nombre del indicador."),
    column("kind", "Tipo", 12, "enum", true, "Valor, o Razón (numerador / denominador × factor).", "kinds"),
    column("numeratorLabel", "Descripción del numerador", 30, "text", false, "Obligatoria en un indicador de razón."),
    column("denominatorLabel", "Descripción del denominador", 30, "text", false, "Obligatoria en un indicador de razón."),
    column("factor", "Factor", 10, "number", false, "Multiplica la razón (100 para porcentajes). Vacío: 1."),
    column("unitOfMeasure", "Unidad de medida", 16, "text", true, "Por ejemplo %, personas, días."),
    column("direction", "Sentido", 13, "enum", true, "Aumentar o Disminuir.", "directions"),
    column("periodicity", "Periodicidad", 14, "enum", true, "Mensual, Trimestral, Semestral o Anual.", "periodicities"),
    column("aggregation", "Agregación", 14, "enum", true, "Cómo se resume el año: Suma, Promedio o Último valor.", "aggregations"),
    column("scoringMethod", "Cálculo del cumplimiento", 22, "enum", false, "Razón (real / meta) o Desde la línea base. Vacío: Razón.", "scoringMethods"),
    column("baselineValue", "Línea base", 12, "number", false, "Valor de partida; obligatorio si el cumplimiento se calcula desde la línea base."),
    column("baselineYear", "Año línea base", 14, "number", false, "Año de la línea base (1990 a 2100)."),
    column("weight", "Ponderación", 13, "number", true, "Peso del indicador dentro de su objetivo (0 o más)."),
    column("responsibleUnit", "Unidad responsable", 40, "text", true, "Nombre o código de la unidad que reporta el indicador.", "units"),
    column("sexDisaggregated", "Desagregado por sexo", 12, "boolean", false, "Sí o No. Vacío: No.", "yesNo"),
    column("isPublished", "Publicado", 11, "boolean", false, "Sí o No: si aparece en transparencia y datos abiertos. Vacío: No.", "yesNo"),
    column("description", "Descripción", 40, "text", false, "Texto libre."),
    column("formula", "Fórmula de cálculo", 40, "text", false, "Texto libre."),
    column("dataSource", "Fuente de datos", 30, "text", false, "Texto libre."),
    column("verificationMeans", "Medio de verificación", 30, "text", false, "Texto libre."),
  ],
  targets: [
    column("indicator", "Indicador", 14, "text", true, "Código de un indicador del plan o de la hoja Indicadores.", "indicators"),
    column("period", "Periodo", 12, "period", true, "Clave del periodo: 2025-03 (mes), 2025-Q1 o 2025-T1 (trimestre), 2025-S1 (semestre), 2025 (año); de la periodicidad del indicador.", "periods"),
    column("value", "Meta", 14, "number", true, "Número."),
  ],
  measurements: [
    column("indicator", "Indicador", 14, "text", true, "Código de un indicador del plan o de la hoja Indicadores.", "indicators"),
    column("period", "Periodo", 12, "period", true, "Clave del periodo, como en la hoja Metas.", "periods"),
    column("value", "Valor", 14, "number", false, "Obligatorio en un indicador de valor; en uno de razón se calcula y esta columna se ignora."),
    column("numerator", "Numerador", 14, "number", false, "Solo en indicadores de razón (obligatorio en ellos)."),
    column("denominator", "Denominador", 14, "number", false, "Solo en indicadores de razón (obligatorio en ellos)."),
    column("valueWomen", "Valor mujeres", 14, "number", false, "Solo en indicadores desagregados por sexo."),
    column("valueMen", "Valor hombres", 14, "number", false, "Solo en indicadores desagregados por sexo."),
    column("comment", "Comentario", 40, "text", false, "Texto libre."),
    column("evidenceUrl", "Medio de verificación", 40, "text", false, "Enlace que empieza con http:// o https://."),
  ],
};

export const headerOf = (sheet: DataSheet, key: string): string => SHEET_COLUMNS[sheet].find((col) => col.key === key)?.header ?? key;

// --- the typed rows ---------------------------------------------------------------------------

interface RowRef {
  /** The Excel row number. */
  row: number;
}

export interface ObjectiveRow extends RowRef {
  pillar: string;
  code: string;
  title: string;
  description: string | null;
  weight: number;
  ownerUnit: string | null;
}

export interface IndicatorRow extends RowRef {
  objective: string;
  code: string;
  name: string;
  description: string | null;
  formula: string | null;
  kind: IndicatorKind;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  factor: number;
  unitOfMeasure: string;
  direction: Direction;
  periodicity: Periodicity;
  aggregation: Aggregation;
  scoringMethod: ScoringMethod;
  baselineValue: number | null;
  baselineYear: number | null;
  weight: number;
  responsibleUnit: string;
  dataSource: string | null;
  verificationMeans: string | null;
  sexDisaggregated: boolean;
  isPublished: boolean;
}

export interface TargetRow extends RowRef {
  indicator: string;
  period: string;
  value: number;
}

export interface MeasurementRow extends RowRef {
  indicator: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  valueWomen: number | null;
  valueMen: number | null;
  comment: string | null;
  evidenceUrl: string | null;
}

export interface ImportRows {
  objectives: ObjectiveRow[];
  indicators: IndicatorRow[];
  targets: TargetRow[];
  measurements: MeasurementRow[];
}

/** One sheet as read from the workbook: the header row's cells and every non-blank row after it. */
export interface RawSheet {
  header: readonly unknown[];
  rows: readonly { row: number; cells: readonly unknown[] }[];
}

export type RawWorkbook = Partial<Record<DataSheet, RawSheet>>;

// --- cells ------------------------------------------------------------------------------------

type Plain = string | number | boolean | Date | null;

/** A marker for a cell that holds a formula error (#N/A, #DIV/0!, …). */
class CellError {
  constructor(readonly code: string) {}
}

/**
 * What exceljs gives for a cell, reduced to a plain value: rich text to its text, a formula to
 * its cached result, a web link to its address, blank text to null. A formula is never evaluated.
 */
export function plainCell(value: unknown): Plain | CellError {
  if (value == null) return null;
  if (typeof value === "string") {
    const text = value.replace(/\r\n?/g, "\n").trim();
    return text === "" ? null : text;
  }
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.richText)) {
      return plainCell(record.richText.map((part: { text?: unknown }) => (typeof part?.text === "string" ? part.text : "")).join(""));
    }
    if ("formula" in record || "sharedFormula" in record) return plainCell(record.result);
    if (typeof record.error === "string") return new CellError(record.error);
    // A link typed as a hyperlink cell ("Acta" pointing at https://…): the address is the value.
    if (typeof record.hyperlink === "string" && /^https?:\/\//i.test(record.hyperlink)) return plainCell(record.hyperlink);
    if ("text" in record) return plainCell(record.text);
  }
  return null;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** A period key as the plan stores it: `2025-T1` and `2025-q1` become `2025-Q1`, a date its month. */
export function normalizePeriodKey(value: Plain): string | null {
  if (value == null) return null;
  if (value instanceof Date) return isoDay(value).slice(0, 7);
  const text = String(value).trim().toUpperCase().replace(/\s+/g, "");
  const month = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (month) return `${month[1]}-${month[2].padStart(2, "0")}`;
  return text.replace(/^(\d{4})-T([1-4])$/, "$1-Q$2");
}

const PERIOD_KEY = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-S[12])?$/;

const NOT_A_NUMBER = "debe ser un número (por ejemplo 1234,5)";

interface CellOutcome {
  value: string | number | boolean | null;
  /** A problem found before the schema runs (a formula error, a yes/no that is neither). */
  problem?: string;
}

function readCell(columnDef: ColumnDef, raw: unknown): CellOutcome {
  const plain = plainCell(raw);
  if (plain instanceof CellError) return { value: null, problem: `la celda tiene un error de fórmula (${plain.code})` };
  switch (columnDef.kind) {
    case "text":
      if (plain instanceof Date) return { value: isoDay(plain) };
      if (typeof plain === "boolean") return { value: plain ? YES : NO };
      return { value: plain == null ? null : String(plain) };
    case "enum":
      return { value: plain == null ? null : plain instanceof Date ? isoDay(plain) : String(plain) };
    case "number": {
      if (plain == null || typeof plain === "number") return { value: plain };
      if (typeof plain === "string") {
        const parsed = parseLocaleNumber(plain);
        return parsed != null && Number.isFinite(parsed) ? { value: parsed } : { value: null, problem: NOT_A_NUMBER };
      }
      return { value: null, problem: NOT_A_NUMBER };
    }
    case "boolean": {
      if (plain == null) return { value: false };
      if (typeof plain === "boolean") return { value: plain };
      const answer = YES_NO_ALIASES[matchKey(String(plain))];
      return answer == null ? { value: null, problem: "debe ser Sí o No" } : { value: answer };
    }
    case "period": {
      const key = normalizePeriodKey(plain);
      if (key != null && !PERIOD_KEY.test(key)) {
        return { value: null, problem: `«${String(plain)}» no es una clave de periodo (2025-03, 2025-Q1, 2025-S1 o 2025)` };
      }
      return { value: key };
    }
  }
}

// --- headers ----------------------------------------------------------------------------------

/**
 * Where each column of the sheet is, by its header (any order, case and accents ignored); a
 * required column without its header is a problem of row 1. Unknown headers are ignored.
 */
function locateColumns(sheet: DataSheet, header: readonly unknown[]): { index: Map<string, number>; issues: ImportIssue[] } {
  const byHeader = new Map<string, number>();
  header.forEach((cell, position) => {
    const plain = plainCell(cell);
    if (plain == null || plain instanceof CellError) return;
    const key = matchKey(String(plain).replace(/\*/g, ""));
    if (!byHeader.has(key)) byHeader.set(key, position);
  });
  const index = new Map<string, number>();
  const issues: ImportIssue[] = [];
  for (const def of SHEET_COLUMNS[sheet]) {
    const position = byHeader.get(matchKey(def.header));
    if (position != null) index.set(def.key, position);
    else if (def.required) {
      issues.push({ sheet: SHEET_NAMES[sheet], row: 1, column: def.header, message: `Falta la columna «${def.header}» en la fila de encabezados` });
    }
  }
  return { index, issues };
}

// --- rows -------------------------------------------------------------------------------------

const objectiveShape = objectiveSchema.shape;

const targetValue = z
  .number({ error: "es obligatoria" })
  .refine((value) => Math.abs(value) < 1e14, "es demasiado grande")
  .transform((value) => roundDecimal(value, 4));

const reference = (max: number) =>
  z.string({ error: "es obligatorio" }).trim().min(1, "es obligatorio").max(max, `no puede superar ${max} caracteres`);

const objectiveRowSchema = z.object({
  pillar: reference(300),
  code: objectiveShape.code,
  title: objectiveShape.title,
  description: objectiveShape.description,
  weight: objectiveShape.weight,
  ownerUnit: reference(300).nullable(),
});

const targetRowSchema = z.object({ indicator: reference(40), period: reference(10), value: targetValue });

const MEASUREMENT_FIELDS = ["value", "numerator", "denominator", "valueWomen", "valueMen", "comment", "evidenceUrl"] as const satisfies readonly ReportingField[];

/** Turns each sheet's raw rows into typed rows, or problems naming sheet, row and column. */
export function parseImportRows(workbook: RawWorkbook): { rows: ImportRows; issues: ImportIssue[] } {
  const rows: ImportRows = { objectives: [], indicators: [], targets: [], measurements: [] };
  const issues: ImportIssue[] = [];
  for (const sheet of DATA_SHEETS) {
    const raw = workbook[sheet];
    if (!raw) continue;
    const located = locateColumns(sheet, raw.header);
    issues.push(...located.issues);
    if (located.issues.length > 0) continue;
    for (const { row, cells } of raw.rows) {
      const input: Record<string, string | number | boolean | null> = {};
      const cellIssues: ImportIssue[] = [];
      for (const def of SHEET_COLUMNS[sheet]) {
        const position = located.index.get(def.key);
        const outcome = readCell(def, position == null ? null : cells[position]);
        input[def.key] = outcome.value;
        if (outcome.problem) cellIssues.push(issueAt(sheet, row, def.key, outcome.problem));
      }
      const parsed = parseRow(sheet, row, input);
      // A cell already refused keeps its own message, not the schema's "es obligatorio" for its null.
      const refused = new Set(cellIssues.map((issue) => issue.column));
      const rowIssues = [...cellIssues, ...parsed.issues.filter((issue) => !refused.has(issue.column))];
      if (rowIssues.length > 0) issues.push(...rowIssues);
      else if (parsed.record) (rows[sheet] as RowRef[]).push(parsed.record);
    }
  }
  issues.push(...duplicateIssues(rows));
  return { rows, issues };
}

function issueAt(sheet: DataSheet, row: number, key: string, message: string): ImportIssue {
  const header = headerOf(sheet, key);
  return { sheet: SHEET_NAMES[sheet], row, column: header, message: `${header}: ${message}` };
}

function zodIssues(sheet: DataSheet, row: number, error: z.ZodError, keyOf: (field: string) => string = (field) => field): ImportIssue[] {
  const seen = new Set<string>();
  const issues: ImportIssue[] = [];
  for (const issue of error.issues) {
    const key = keyOf(String(issue.path[0] ?? ""));
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issueAt(sheet, row, key, issue.message));
  }
  return issues;
}

type RowOutcome = { record: RowRef | null; issues: ImportIssue[] };

function parseRow(sheet: DataSheet, row: number, input: Record<string, string | number | boolean | null>): RowOutcome {
  switch (sheet) {
    case "objectives":
      return parseObjective(row, input);
    case "indicators":
      return parseIndicator(row, input);
    case "targets": {
      const parsed = targetRowSchema.safeParse(input);
      return parsed.success ? { record: { row, ...parsed.data }, issues: [] } : { record: null, issues: zodIssues(sheet, row, parsed.error) };
    }
    case "measurements":
      return parseMeasurement(row, input);
  }
}

function parseObjective(row: number, input: Record<string, string | number | boolean | null>): RowOutcome {
  const parsed = objectiveRowSchema.safeParse(input);
  if (!parsed.success) return { record: null, issues: zodIssues("objectives", row, parsed.error) };
  const record: ObjectiveRow = { row, ...parsed.data };
  return { record, issues: [] };
}

/** Spanish words of the coded fields to their codes; an unknown word goes on and the schema refuses it. */
function coded<T extends string>(value: string | number | boolean | null, aliases: Record<string, T>): string | null {
  if (value == null) return null;
  return aliases[matchKey(String(value))] ?? String(value);
}

function parseIndicator(row: number, input: Record<string, string | number | boolean | null>): RowOutcome {
  const references = z.object({ objective: reference(20), responsibleUnit: reference(300) }).safeParse(input);
  // The form's own schema, with placeholders for the ids the importer resolves by code.
  const definition = indicatorSchema.safeParse({
    code: input.code,
    name: input.name,
    description: input.description,
    formula: input.formula,
    objectiveId: 1,
    kind: coded(input.kind, KIND_ALIASES),
    numeratorLabel: input.numeratorLabel,
    denominatorLabel: input.denominatorLabel,
    factor: input.factor,
    unitOfMeasure: input.unitOfMeasure,
    direction: coded(input.direction, DIRECTION_ALIASES),
    periodicity: coded(input.periodicity, PERIODICITY_ALIASES),
    aggregation: coded(input.aggregation, AGGREGATION_ALIASES),
    scoringMethod: coded(input.scoringMethod, SCORING_ALIASES) ?? "ratio",
    baselineValue: input.baselineValue,
    baselineYear: input.baselineYear,
    weight: input.weight,
    responsibleUnitId: 1,
    dataSource: input.dataSource,
    verificationMeans: input.verificationMeans,
    axisIds: [],
    sexDisaggregated: input.sexDisaggregated === true,
    isPublished: input.isPublished === true,
  });
  const issues = [
    ...(references.success ? [] : zodIssues("indicators", row, references.error)),
    ...(definition.success ? [] : zodIssues("indicators", row, definition.error)),
  ];
  if (!references.success || !definition.success) return { record: null, issues };
  const { objectiveId: _objectiveId, responsibleUnitId: _unitId, axisIds: _axisIds, ...fields } = definition.data;
  const record: IndicatorRow = { row, ...fields, ...references.data };
  return { record, issues: [] };
}

function parseMeasurement(row: number, input: Record<string, string | number | boolean | null>): RowOutcome {
  const keys = z.object({ indicator: reference(40), period: reference(10) }).safeParse(input);
  const issues: ImportIssue[] = keys.success ? [] : zodIssues("measurements", row, keys.error);
  const fields: Record<string, number | string | null> = {};
  for (const field of MEASUREMENT_FIELDS) {
    const checked = checkReportingCell(field, input[field]);
    if (checked.ok) fields[field] = checked.value;
    else issues.push({ sheet: SHEET_NAMES.measurements, row, column: headerOf("measurements", field), message: `${headerOf("measurements", field)}: ${afterLabel(checked.message)}` });
  }
  if (!keys.success || issues.length > 0) return { record: null, issues };
  const record: MeasurementRow = {
    row,
    ...keys.data,
    value: fields.value as number | null,
    numerator: fields.numerator as number | null,
    denominator: fields.denominator as number | null,
    valueWomen: fields.valueWomen as number | null,
    valueMen: fields.valueMen as number | null,
    comment: fields.comment as string | null,
    evidenceUrl: fields.evidenceUrl as string | null,
  };
  return { record, issues: [] };
}

/** The reporting cells' messages start with their own label; the sheet's header replaces it. */
const afterLabel = (message: string) => message.slice(message.indexOf(": ") + 2);

/** A code (or indicator and period) twice in one sheet: both rows would write the same record. */
function duplicateIssues(rows: ImportRows): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const check = <T extends RowRef>(sheet: DataSheet, list: readonly T[], keyOf: (row: T) => string, column: string, describe: (row: T) => string) => {
    const first = new Map<string, number>();
    for (const item of list) {
      const key = keyOf(item);
      const earlier = first.get(key);
      if (earlier == null) first.set(key, item.row);
      else issues.push(issueAt(sheet, item.row, column, `${describe(item)} ya aparece en la fila ${earlier} de esta hoja`));
    }
  };
  check("objectives", rows.objectives, (row) => row.code, "code", (row) => `el objetivo ${row.code}`);
  check("indicators", rows.indicators, (row) => row.code, "code", (row) => `el indicador ${row.code}`);
  check("targets", rows.targets, (row) => `${row.indicator}\u0000${row.period}`, "period", (row) => `la meta de ${row.indicator} en ${row.period}`);
  check("measurements", rows.measurements, (row) => `${row.indicator}\u0000${row.period}`, "period", (row) => `la medición de ${row.indicator} en ${row.period}`);
  return issues;
}

// --- the template -----------------------------------------------------------------------------

/** The fixed lists of the template; the plan's own (pillars, units, codes, periods) come with the data. */
export const FIXED_LISTS: Partial<Record<ListName, readonly string[]>> = {
  kinds: Object.values(KIND_CHOICES),
  directions: Object.values(DIRECTION_CHOICES),
  periodicities: Object.values(PERIODICITY_CHOICES),
  aggregations: Object.values(AGGREGATION_CHOICES),
  scoringMethods: Object.values(SCORING_METHOD_CHOICES),
  yesNo: [YES, NO],
};

export const LIST_TITLES: Record<ListName, string> = {
  pillars: "Pilares",
  units: "Unidades",
  objectives: "Objetivos",
  indicators: "Indicadores",
  periods: "Periodos",
  kinds: "Tipos",
  directions: "Sentidos",
  periodicities: "Periodicidades",
  aggregations: "Agregaciones",
  scoringMethods: "Cálculo del cumplimiento",
  yesNo: "Sí / No",
};

/**
 * Lists whose values are the plan's existing codes: the file may add new ones in its own
 * sheets, so Excel only warns about a value outside the list instead of refusing it.
 */
export const OPEN_LISTS: ReadonlySet<ListName> = new Set(["objectives", "indicators"]);

export const INSTRUCTIONS: readonly string[] = [
  "Cómo usar esta plantilla",
  "1. Complete las hojas Objetivos, Indicadores, Metas y Mediciones. Puede dejar vacía (o borrar) la hoja que no necesite.",
  "2. No cambie los encabezados de la fila 1; el orden de las columnas sí puede cambiar. Las columnas obligatorias tienen el encabezado en azul oscuro.",
  "3. Los objetivos y los indicadores se reconocen por su código: si el código ya existe en el plan se modifica; si no, se crea. Cada fila reemplaza el registro completo: una celda vacía deja ese dato vacío.",
  "4. Las metas y las mediciones se reconocen por indicador y periodo. El periodo debe existir en el plan y corresponder a la periodicidad del indicador: 2025-03 (mensual), 2025-Q1 o 2025-T1 (trimestral), 2025-S1 (semestral), 2025 (anual).",
  "5. Las mediciones se guardan como borrador a nombre de quien importa. Una medición ya enviada a validación o aprobada no se puede cambiar por importación.",
  "6. En periodos cerrados solo administración puede cambiar metas y mediciones.",
  "7. Los números pueden escribirse como número de Excel o como texto (1234,5). Sí / No para las columnas de marca.",
  "8. Suba el archivo en Importar: verá primero una vista previa con cada fila que se creará o modificará y cada error (hoja, fila y columna). Nada se guarda hasta que presione Aplicar, y si hay un solo error no se guarda nada.",
  "Límites: 10 MB por archivo y 50.000 filas de datos.",
];
