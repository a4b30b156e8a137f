import ExcelJS from "exceljs";
import { DATA_SHEETS, matchKey, MAX_IMPORT_ROWS, plainCell, SHEET_NAMES, type RawWorkbook } from "../../domain/import-sheets";
import { ValidationError } from "../errors";
import { inspectXlsx } from "../xlsx-inspect.server";

/**
 * The uploaded file: refused unless it is an xlsx of sane size (by content, before anything
 * inflates it), then read by exceljs into the raw rows of the data sheets.
 */

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_MEGABYTES = MAX_UPLOAD_BYTES / 1024 / 1024;
/** What exceljs may be asked to build, counted on the XML before it does (the data rows are capped after). */
const MAX_WORKSHEET_ROWS = 2 * MAX_IMPORT_ROWS;
const MAX_WORKSHEET_CELLS = 1_500_000;

export const fileRefusal = (message: string) => new ValidationError([{ field: "archivo", message }]);

/** Size and content of an upload, checked before it is stored. */
export function checkUpload(bytes: Buffer): void {
  if (bytes.length > MAX_UPLOAD_BYTES) throw fileRefusal(`El archivo supera ${MAX_UPLOAD_MEGABYTES} MB.`);
  if (bytes.length === 0) throw fileRefusal("El archivo está vacío.");
  checkContent(bytes);
}

export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean || "archivo.xlsx";
}

function checkContent(bytes: Buffer) {
  const inspected = inspectXlsx(bytes);
  if (!inspected.ok) throw fileRefusal(inspected.message);
  if (inspected.worksheetRows > MAX_WORKSHEET_ROWS || inspected.worksheetCells > MAX_WORKSHEET_CELLS) {
    throw fileRefusal(`El archivo tiene más de ${MAX_IMPORT_ROWS.toLocaleString("es-CL")} filas de datos; divídalo en varios archivos.`);
  }
}

/**
 * The data sheets of the workbook, found by name (case and accents ignored): header cells and
 * every non-blank row. The content is checked again first (the stored bytes are re-read at
 * apply); a file exceljs cannot read is refused with a message, never with a crash.
 */
export async function readWorkbook(bytes: Buffer): Promise<RawWorkbook> {
  checkContent(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw fileRefusal("El archivo no se pudo leer como libro de Excel: está dañado o no es un .xlsx válido.");
  }
  const raw: RawWorkbook = {};
  let dataRows = 0;
  for (const sheet of DATA_SHEETS) {
    const worksheet = workbook.worksheets.find((candidate) => matchKey(candidate.name) === matchKey(SHEET_NAMES[sheet]));
    if (!worksheet) continue;
    const rows: { row: number; cells: unknown[] }[] = [];
    let header: unknown[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells = (row.values as unknown[]).slice(1);
      if (rowNumber === 1) header = cells;
      else if (cells.some((cell) => plainCell(cell) != null)) rows.push({ row: rowNumber, cells });
    });
    dataRows += rows.length;
    if (header.length > 0 || rows.length > 0) raw[sheet] = { header, rows };
  }
  if (dataRows > MAX_IMPORT_ROWS) {
    throw fileRefusal(
      `El archivo tiene ${dataRows.toLocaleString("es-CL")} filas de datos; el máximo es ${MAX_IMPORT_ROWS.toLocaleString("es-CL")}. Divídalo en varios archivos.`,
    );
  }
  return raw;
}
