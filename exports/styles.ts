import type { Fill, Font, PageSetup, Style } from "exceljs";
import type { Status } from "../app/domain/scoring";

/**
 * The looks of the workbooks: es-CL formats, fills, fonts, print setup.
 *
 * Every cell gets one of the style objects below, never a fresh one: exceljs' style manager
 * remembers a style by object identity (a WeakMap), so a shared object costs one lookup per cell,
 * while a new object is rendered to XML and searched for by that text, per cell. Treat them as
 * constants: never assign `cell.numFmt`, `cell.font`… on a cell that holds one (that mutates the
 * shared object).
 */
export type CellStyle = Partial<Style>;

/**
 * Number formats are stored in the file in the invariant form (`#,##0.00`, `.` decimal); Excel and
 * LibreOffice display them with the reader's separators, so a Spanish (Chile) Excel shows
 * 1.234,50 and 85,3 %.
 */
export const NUM_FMT = {
  decimal: "#,##0.00",
  integer: "#,##0",
  percent: "0.0%",
  date: "dd-mm-yyyy",
} as const;

const solid = (argb: string): Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
const HEADER_FONT: Partial<Font> = { bold: true, color: { argb: "FFFFFFFF" } };
const BOLD: Partial<Font> = { bold: true };
const thin = { style: "thin" as const, color: { argb: "FF9FB3C8" } };

export const STYLE = {
  text: {} as CellStyle,
  /** For empty cells only (the writer gives it to them): exceljs then writes no element at all. */
  blank: {} as CellStyle,
  wrapped: { alignment: { wrapText: true, vertical: "top" } } as CellStyle,
  decimal: { numFmt: NUM_FMT.decimal } as CellStyle,
  integer: { numFmt: NUM_FMT.integer } as CellStyle,
  percent: { numFmt: NUM_FMT.percent } as CellStyle,
  date: { numFmt: NUM_FMT.date } as CellStyle,
  /** A date read as a value beside its label, not as a column of figures. */
  dateLeft: { numFmt: NUM_FMT.date, alignment: { horizontal: "left" } } as CellStyle,
  header: {
    font: HEADER_FONT,
    fill: solid("FF1F4E79"),
    alignment: { wrapText: true, vertical: "middle" },
    border: { top: thin, left: thin, bottom: thin, right: thin },
  } as CellStyle,
  title: { font: { bold: true, size: 14, color: { argb: "FF1F4E79" } } } as CellStyle,
  section: { font: { bold: true, size: 12, color: { argb: "FF1F4E79" } } } as CellStyle,
  label: { font: BOLD } as CellStyle,
  note: { font: { italic: true, color: { argb: "FF595959" } } } as CellStyle,
  /** A late milestone or agreement ("Sí" in the "Atrasado" column). */
  late: { font: { bold: true, color: { argb: "FF9C0006" } } } as CellStyle,
} as const;

/** The semáforo as the report writes it: the word, always, and the colour of its fill. */
export const STATUS_WORDS: Record<Status, string> = {
  green: "Cumplido",
  yellow: "En riesgo",
  red: "No cumplido",
  none: "Sin datos",
};

// Excel's own "good / neutral / bad" pairs: readable in colour and in black and white.
export const STATUS_STYLE: Record<Status, CellStyle> = {
  green: { fill: solid("FFC6EFCE"), font: { color: { argb: "FF006100" } } },
  yellow: { fill: solid("FFFFEB9C"), font: { color: { argb: "FF9C5700" } } },
  red: { fill: solid("FFFFC7CE"), font: { color: { argb: "FF9C0006" } } },
  none: { fill: solid("FFE7E6E6"), font: { color: { argb: "FF404040" } } },
};

/**
 * Landscape A4, as wide as one page and as long as it takes. The streaming writer writes the
 * "fit to page" switch when the sheet is created, so this goes to `addWorksheet`, never later.
 */
export const PRINT_SETUP: Partial<PageSetup> = {
  orientation: "landscape",
  paperSize: 9 as PageSetup["paperSize"], // A4 (a const enum in the typings)
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
};

/** The printed footer: a fixed title on the left, "Página 3 de 7" on the right (`&P`, `&N`). */
export function pageFooter(title: string): string {
  // `&` starts a code in headers and footers; `&&` is a literal ampersand.
  return `&L${title.replace(/&/g, "&&")}&RPágina &P de &N`;
}
