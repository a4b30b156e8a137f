import ExcelJS from "exceljs";
import {
  AGGREGATION_CHOICES,
  DATA_SHEETS,
  DIRECTION_CHOICES,
  FIXED_LISTS,
  INSTRUCTIONS,
  KIND_CHOICES,
  LIST_TITLES,
  NO,
  OPEN_LISTS,
  PERIODICITY_CHOICES,
  SCORING_METHOD_CHOICES,
  SHEET_COLUMNS,
  SHEET_NAMES,
  YES,
  type ColumnDef,
  type DataSheet,
  type IndicatorRow,
  type ListName,
  type MeasurementRow,
  type ObjectiveRow,
  type TargetRow,
} from "../app/domain/import-sheets";

/**
 * `plantilla.xlsx`: the import template, empty or filled with a plan's rows. Built from plain
 * data (the service loads it) with exceljs' normal writer, which is the one that writes data
 * validations and a hidden sheet reliably. Sheets: Instrucciones, Objetivos, Indicadores, Metas,
 * Mediciones, and a hidden Listas that feeds the drop-downs (pillars, units, the plan's codes and
 * periods, and the fixed choices). Headers frozen, widths set, code and period columns as text
 * so that Excel does not turn "2025-03" into a date.
 */

type Without<T> = Omit<T, "row">;

export interface ImportTemplateRows {
  objectives: Without<ObjectiveRow>[];
  indicators: Without<IndicatorRow>[];
  targets: Without<TargetRow>[];
  measurements: Without<MeasurementRow>[];
}

export interface ImportTemplateData {
  plan: { code: string; name: string };
  /** Shown in the lists by name; the importer accepts the name or the code. */
  pillars: readonly { code: string; name: string }[];
  units: readonly { code: string; name: string }[];
  objectiveCodes: readonly string[];
  indicatorCodes: readonly string[];
  periodKeys: readonly string[];
  /** The plan's rows, for a filled template; absent for an empty one. */
  rows?: ImportTemplateRows;
}

const REQUIRED_FILL = "FF0F3C73";
const OPTIONAL_FILL = "FF5B7DB1";
/** Drop-downs reach this many rows past the data. */
const SPARE_ROWS = 500;
const MIN_VALIDATED_ROWS = 1000;

// `dataValidations` exists at runtime on every worksheet but is missing from exceljs' typings.
type SheetValidations = { add(range: string, validation: ExcelJS.DataValidation): void };
const validationsOf = (sheet: ExcelJS.Worksheet) => (sheet as unknown as { dataValidations: SheetValidations }).dataValidations;

export async function buildImportTemplate(data: ImportTemplateData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "GORE RMS · Planificación estratégica";
  workbook.title = `Plantilla de importación · ${data.plan.name}`;
  workbook.subject = data.plan.code;

  addInstructions(workbook, data);
  const sheets = new Map<DataSheet, ExcelJS.Worksheet>();
  for (const sheet of DATA_SHEETS) {
    sheets.set(sheet, workbook.addWorksheet(SHEET_NAMES[sheet], { views: [{ state: "frozen", ySplit: 1 }] }));
  }
  const listRanges = addLists(workbook, data);
  const rows = data.rows ?? { objectives: [], indicators: [], targets: [], measurements: [] };
  const records: Record<DataSheet, readonly object[]> = {
    objectives: rows.objectives,
    indicators: rows.indicators.map(indicatorWords),
    targets: rows.targets,
    measurements: rows.measurements,
  };
  for (const sheet of DATA_SHEETS) fillSheet(sheets.get(sheet)!, SHEET_COLUMNS[sheet], records[sheet], listRanges);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Coded fields as the words of the drop-downs. */
function indicatorWords(row: Without<IndicatorRow>): object {
  return {
    ...row,
    kind: KIND_CHOICES[row.kind],
    direction: DIRECTION_CHOICES[row.direction],
    periodicity: PERIODICITY_CHOICES[row.periodicity],
    aggregation: AGGREGATION_CHOICES[row.aggregation],
    scoringMethod: SCORING_METHOD_CHOICES[row.scoringMethod],
    sexDisaggregated: row.sexDisaggregated ? YES : NO,
    isPublished: row.isPublished ? YES : NO,
  };
}

function addInstructions(workbook: ExcelJS.Workbook, data: ImportTemplateData) {
  const sheet = workbook.addWorksheet(SHEET_NAMES.instructions);
  sheet.columns = [{ width: 16 }, { width: 28 }, { width: 13 }, { width: 90 }];
  const title = sheet.addRow([`Plantilla de importación · ${data.plan.name} (${data.plan.code})`]);
  title.font = { bold: true, size: 14 };
  sheet.addRow([]);
  for (const line of INSTRUCTIONS) {
    const row = sheet.addRow([line]);
    sheet.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).alignment = { wrapText: true, vertical: "top" };
    row.height = line.length > 110 ? 30 : 16;
  }
  sheet.getRow(3).font = { bold: true };
  sheet.addRow([]);
  const header = sheet.addRow(["Hoja", "Columna", "Obligatoria", "Qué escribir"]);
  header.font = { bold: true };
  for (const dataSheet of DATA_SHEETS) {
    for (const def of SHEET_COLUMNS[dataSheet]) {
      const row = sheet.addRow([SHEET_NAMES[dataSheet], def.header, def.required ? YES : NO, def.hint]);
      row.getCell(4).alignment = { wrapText: true, vertical: "top" };
    }
  }
}

/** The hidden Listas sheet: one column per list; answers the range formula of each non-empty list. */
function addLists(workbook: ExcelJS.Workbook, data: ImportTemplateData): Map<ListName, string> {
  const sheet = workbook.addWorksheet(SHEET_NAMES.lists, { state: "hidden" });
  const values: Record<ListName, readonly string[]> = {
    pillars: data.pillars.map((pillar) => pillar.name),
    units: data.units.map((unit) => unit.name),
    objectives: data.objectiveCodes,
    indicators: data.indicatorCodes,
    periods: data.periodKeys,
    kinds: FIXED_LISTS.kinds ?? [],
    directions: FIXED_LISTS.directions ?? [],
    periodicities: FIXED_LISTS.periodicities ?? [],
    aggregations: FIXED_LISTS.aggregations ?? [],
    scoringMethods: FIXED_LISTS.scoringMethods ?? [],
    yesNo: FIXED_LISTS.yesNo ?? [],
  };
  const ranges = new Map<ListName, string>();
  (Object.keys(values) as ListName[]).forEach((list, index) => {
    const columnNumber = index + 1;
    const letter = sheet.getColumn(columnNumber).letter;
    sheet.getColumn(columnNumber).width = 24;
    sheet.getCell(1, columnNumber).value = LIST_TITLES[list];
    sheet.getCell(1, columnNumber).font = { bold: true };
    values[list].forEach((value, row) => {
      sheet.getCell(row + 2, columnNumber).value = value;
    });
    if (values[list].length > 0) ranges.set(list, `${SHEET_NAMES.lists}!$${letter}$2:$${letter}$${values[list].length + 1}`);
  });
  return ranges;
}

function fillSheet(sheet: ExcelJS.Worksheet, columns: readonly ColumnDef[], rows: readonly object[], listRanges: Map<ListName, string>) {
  sheet.columns = columns.map((def) => ({
    key: def.key,
    width: def.width,
    // Codes and period keys stay text as typed ("2025-03" is not a date, "1.10" is not 1.1).
    style: def.kind === "period" || (def.kind === "text" && (def.key === "code" || def.list != null)) ? { numFmt: "@" } : {},
  }));
  const header = sheet.getRow(1);
  columns.forEach((def, index) => {
    const cell = header.getCell(index + 1);
    cell.value = def.header;
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: def.required ? REQUIRED_FILL : OPTIONAL_FILL } };
    cell.alignment = { vertical: "middle", wrapText: true };
  });
  header.height = 30;
  for (const record of rows) {
    const values = record as Record<string, unknown>;
    sheet.addRow(columns.map((def) => values[def.key] ?? null));
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  const lastRow = Math.max(MIN_VALIDATED_ROWS, rows.length + SPARE_ROWS) + 1;
  columns.forEach((def, index) => {
    const range = def.list ? listRanges.get(def.list) : undefined;
    if (!def.list || !range) return;
    const letter = sheet.getColumn(index + 1).letter;
    const open = OPEN_LISTS.has(def.list);
    validationsOf(sheet).add(`${letter}2:${letter}${lastRow}`, {
      type: "list",
      allowBlank: !def.required,
      formulae: [range],
      showErrorMessage: true,
      // Codes may be new ones defined in this file: Excel only warns about them.
      errorStyle: open ? "information" : "stop",
      errorTitle: `${def.header}: valor fuera de la lista`,
      error: open ? "No es un código del plan; debe estar definido en este archivo." : "Elija un valor de la lista.",
    });
  });
}
