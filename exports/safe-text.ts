/**
 * Text typed by people (names, titles, comments, agreements) on its way into a workbook.
 *
 * Formula injection: a cell whose text starts with `=`, `+`, `-`, `@`, tab or CR could be run as a
 * formula by a spreadsheet. exceljs 4.4 writes every JavaScript string as a string cell (`t="s"`
 * with shared strings, `t="str"` without), never with an `<f>` element, whatever its first
 * character: Excel and LibreOffice show it as text and do not evaluate it. So the text is kept as
 * it is: no apostrophe prefix, which an xlsx would store and show literally ("'=1+1"), and
 * exceljs 4.4 cannot write `quotePrefix`. Formulas only ever come from the report builder itself,
 * as `{ formula, result }` objects. (CSV is another matter: see exports/open-data.ts.)
 *
 * What this does: line ends become `\n` (XML parsing would turn a raw CR into LF anyway), the
 * control characters XML cannot hold are dropped (exceljs would drop them silently), and the
 * text is cut at Excel's 32,767 characters per cell, which exceljs does not enforce.
 */

/** The first characters that make a spreadsheet treat typed text as a formula. */
export const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** Excel's limit of characters per cell. */
export const MAX_CELL_TEXT = 32_767;

// Allowed in XML 1.0: tab, LF, CR and everything from 0x20 except DEL (which exceljs also drops).
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function safeText(value: string | null | undefined): string | null {
  if (value == null) return null;
  let text = value.replace(/\r\n?/g, "\n").replace(XML_INVALID, "");
  if (text.length > MAX_CELL_TEXT) text = `${text.slice(0, MAX_CELL_TEXT - 1)}…`;
  return text;
}
