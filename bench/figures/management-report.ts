import type { Kysely } from "kysely";
import { Writable } from "node:stream";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { loadManagementReport, parseReportQuery } from "../../app/services/management-report.server";
import type { Database } from "../../db/schema";
import { buildManagementReport, managementReportSheets, reportProperties } from "../../exports/management-report";
import type { ReportData } from "../../exports/report-data";
import { openWorkbookWriter, writeSheet, type SheetSpec } from "../../exports/xlsx-stream";
import { medianMs, round, type Figures } from "../support";

/**
 * The management report of the whole large plan (issue 7: < 10 s, < 300 MB, < 1.5 × exceljs).
 * - "management report (large plan)": what a download costs, written to a stream that discards
 *   it: the scorecard and the other reads, then every sheet with its styles.
 * - "peak memory": the download's peak above what the process held before (peakRssDeltaMb).
 * - "same cells, exceljs streaming, no styles": the yardstick. The same sheets, rows and cell
 *   values (formulas with their results, dates, shared strings), already built in memory, written
 *   by exceljs' streaming writer with `useStyles: false` and no style calls.
 * - the ratio: the report against the yardstick, both from data already loaded (the reads are
 *   the scorecard's own figure); what the report's layout and styles add to exceljs' writing.
 */
export async function managementReportFigures(db: Kysely<Database>, planId: number): Promise<Figures> {
  const filters = parseReportQuery({}); // as the dashboard opens: latest closed period, whole plan
  const download = async () => {
    const { data } = await loadManagementReport(db, planId, filters);
    await buildManagementReport(data, discard());
  };
  // Memory first, before the timing runs have grown the heap (see peakRssDeltaMb).
  const peak = await peakRssDeltaMb(download);
  const whole = await medianMs(download, 3, 1);

  const { data } = await loadManagementReport(db, planId, filters);
  const styled = await medianMs(() => buildManagementReport(data, discard()), 3, 1);
  const cells = materialised(data);
  const plain = await medianMs(() => writePlain(data, cells), 3, 1);
  return {
    "management report (large plan)": { value: round(whole), unit: "ms", budget: 10_000 },
    "management report peak memory": { value: round(peak), unit: "MB", budget: 300 },
    "same cells, exceljs streaming, no styles": { value: round(plain), unit: "ms", budget: 10_000 },
    "management report / plain streaming": { value: round(styled / plain, 2), unit: "x", budget: 1.5 },
  };
}

/** A stream that takes everything and keeps nothing. */
function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

/** The report's sheets with every row built up front: the yardstick writes values only. */
function materialised(data: ReportData): SheetSpec[] {
  return managementReportSheets(data).map((sheet) => ({ ...sheet, rows: [...sheet.rows].map((row) => ({ values: row.values })) }));
}

async function writePlain(data: ReportData, sheets: readonly SheetSpec[]): Promise<void> {
  const out = discard();
  const writer = openWorkbookWriter(out, reportProperties(data), { styled: false });
  for (const sheet of sheets) await writeSheet(writer, sheet, out, { styled: false, footerTitle: "GORE RMS · Reporte de gestión" });
  await writer.commit();
}

/**
 * The download's peak memory above what the process held before it, sampled every 20 ms. RSS
 * alone can read 0 when earlier work left the heap with room to spare (pages V8 keeps), so this
 * is the larger of the RSS increase and the increase of memory in use (heap, external, array
 * buffers), measured after a full collection when one can be asked for.
 */
async function peakRssDeltaMb(fn: () => Promise<unknown>): Promise<number> {
  collectGarbage();
  const inUse = () => {
    const memory = process.memoryUsage();
    return { rss: memory.rss, live: memory.heapUsed + memory.external + memory.arrayBuffers };
  };
  const before = inUse();
  let peakRss = before.rss;
  let peakLive = before.live;
  const sample = () => {
    const now = inUse();
    peakRss = Math.max(peakRss, now.rss);
    peakLive = Math.max(peakLive, now.live);
  };
  const timer = setInterval(sample, 20);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  sample();
  return Math.max(peakRss - before.rss, peakLive - before.live) / 2 ** 20;
}

/** A full garbage collection, without starting node with --expose-gc (best effort). */
function collectGarbage(): void {
  try {
    v8.setFlagsFromString("--expose-gc");
    (runInNewContext("gc") as () => void)();
  } catch {
    // No collection: the baseline then includes some garbage, and the figure errs low by that.
  }
}
