import ExcelJS from "exceljs";
import { PassThrough, Readable, type Writable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { PRINT_SETUP, STYLE, pageFooter, type CellStyle } from "./styles";

/**
 * Workbooks written row by row with exceljs' streaming writer: memory stays flat however large
 * the plan, and the download starts before the last row is written. Builders describe their
 * sheets as `SheetSpec`s (plain values and shared styles); `writeSheet` lays them out.
 */

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type XlsxWriter = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;
export type CellValue = ExcelJS.CellValue;

export interface DocumentProperties {
  title: string;
  subject: string;
  creator: string;
  created: Date;
  keywords?: string;
}

/**
 * `styled: false` writes the same cells with no styles at all (the benchmark's yardstick).
 * Shared strings: every text cell is then a spec-conformant `t="s"`, and repeated names
 * (a 60,000-row data sheet repeats each indicator's) are stored once.
 */
export function openWorkbookWriter(out: Writable, properties: DocumentProperties, options: { styled: boolean }): XlsxWriter {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: options.styled, useSharedStrings: true });
  // Read into docProps/core.xml when the workbook is committed. (exceljs drops `company`.)
  writer.creator = properties.creator;
  writer.lastModifiedBy = properties.creator;
  writer.created = properties.created;
  writer.modified = properties.created;
  writer.title = properties.title;
  writer.subject = properties.subject;
  if (properties.keywords) writer.keywords = properties.keywords;
  return writer;
}

export interface SheetColumn {
  header: string;
  /** In characters, as Excel counts them. */
  width: number;
  /** The style of the column's body cells (a shared object from ./styles). */
  style: CellStyle;
}

export interface SheetRow {
  values: readonly CellValue[];
  /** Per-cell styles where a cell differs from its column (a status fill, a section title). */
  styles?: readonly (CellStyle | undefined)[];
}

export interface SheetSpec {
  name: string;
  columns: readonly SheetColumn[];
  /**
   * A table: its header in row 1, frozen, filtered and repeated on every printed page. Otherwise
   * (a summary made of several blocks) the rows carry their own labels and styles.
   */
  table: boolean;
  rows: Iterable<SheetRow>;
}

export interface WriteOptions {
  styled: boolean;
  footerTitle: string;
}

/** Rows written between two pauses that let the compressor and the reader of `out` run. */
const ROWS_PER_TURN = 500;

export async function writeSheet(writer: XlsxWriter, spec: SheetSpec, out: Writable, options: WriteOptions): Promise<void> {
  const width = spec.columns.length;
  // Views and page setup can only be given here: the streaming writer writes them at once.
  const sheet = writer.addWorksheet(spec.name, {
    views: spec.table ? [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2" }] : undefined,
    pageSetup: spec.table ? { ...PRINT_SETUP, printTitlesRow: "1:1" } : PRINT_SETUP,
    headerFooter: { oddFooter: pageFooter(options.footerTitle) },
  });
  // Widths go out with the first row: set them before it.
  sheet.columns = spec.columns.map((column) => ({ width: column.width }));
  let rowNumber = 0;
  if (spec.table) {
    const header = sheet.addRow(spec.columns.map((column) => column.header));
    if (options.styled) {
      for (let index = 1; index <= width; index++) header.getCell(index).style = STYLE.header;
    }
    header.commit();
    rowNumber = 1;
  }
  for (const row of spec.rows) {
    const written = sheet.addRow(row.values as CellValue[]);
    if (options.styled) {
      const { values, styles } = row;
      for (let index = 0; index < width; index++) {
        if (values[index] === undefined) continue; // no cell at all
        // Every cell gets a shared style object, blanks too: a cell left with its own fresh
        // style object costs exceljs a style lookup by XML text. A blank's style writes nothing.
        written.getCell(index + 1).style = styles?.[index] ?? (values[index] === null ? STYLE.blank : spec.columns[index].style);
      }
    }
    written.commit();
    rowNumber += 1;
    if (rowNumber % ROWS_PER_TURN === 0) await letOutputCatchUp(out);
  }
  if (spec.table) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(rowNumber, 1), column: width } };
  sheet.commit();
}

/**
 * Gives the event loop a turn (the request stays one among many) and, when the reader of `out`
 * is behind, waits for it instead of piling the rest of the file up in memory.
 */
export async function letOutputCatchUp(out: Writable): Promise<void> {
  await nextTurn();
  if (out.destroyed) throw new Error("La descarga se interrumpió antes de terminar.");
  if (out.writableNeedDrain) await drained(out);
}

function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off("drain", onDrain);
      out.off("close", onClose);
      out.off("error", onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error("La descarga se interrumpió antes de terminar."));
    const onError = (error: Error) => settle(error);
    out.on("drain", onDrain);
    out.on("close", onClose);
    out.on("error", onError);
  });
}

/**
 * A download that streams as it is built. `build` must not be awaited here: the writer only
 * finishes once someone reads the body (awaiting first would wait for a reader that never
 * comes). Everything that can fail for a reason the person should read (permissions, filters,
 * the database) must have happened before this is called; an error while writing aborts the
 * download instead of handing over a truncated file that looks complete.
 */
export function streamedXlsxResponse(fileName: string, build: (out: Writable) => Promise<void>): Response {
  const body = new PassThrough();
  build(body).catch((error: unknown) => {
    console.error(`No se pudo terminar ${fileName}:`, error);
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return new Response(Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** 'YYYY-MM-DD' as the Date exceljs turns into that day's serial number (midnight UTC, no zone shift). */
export function excelDate(isoDate: string | null | undefined): Date | null {
  if (!isoDate) return null;
  return new Date(Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))));
}

/** A column as wide as its longest text (header included), within bounds. */
export function fitWidth(header: string, texts: Iterable<string | null | undefined>, bounds: { min: number; max: number }): number {
  let longest = header.length;
  for (const text of texts) if (text && text.length > longest) longest = text.length;
  return Math.min(bounds.max, Math.max(bounds.min, longest + 2));
}
