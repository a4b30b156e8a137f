import { DATA_SHEETS, SHEET_COLUMNS, SHEET_NAMES, type ImportIssue } from "./import-sheets";

/** The preview lists rows and problems as the workbook shows them: by sheet, row and column. */

const sheetOrder = new Map<string, number>(DATA_SHEETS.map((sheet, index) => [SHEET_NAMES[sheet], index]));
const columnOrder = new Map<string, number>(
  DATA_SHEETS.flatMap((sheet) => SHEET_COLUMNS[sheet].map((def, index) => [`${SHEET_NAMES[sheet]}|${def.header}`, index] as const)),
);

export const bySheetAndRow = (a: { sheet: string; row: number }, b: { sheet: string; row: number }) =>
  (sheetOrder.get(a.sheet) ?? -1) - (sheetOrder.get(b.sheet) ?? -1) || a.row - b.row;

export const byPlace = (a: ImportIssue, b: ImportIssue) =>
  bySheetAndRow(a, b) || (columnOrder.get(`${a.sheet}|${a.column}`) ?? -1) - (columnOrder.get(`${b.sheet}|${b.column}`) ?? -1);
