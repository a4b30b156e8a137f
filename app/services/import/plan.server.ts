import { loadImportFacts } from "../../../db/queries/import";
import { byPlace, bySheetAndRow } from "../../domain/import-order";
import { declaredCodes } from "../../domain/import-references";
import { DATA_SHEETS, parseImportRows, type RawWorkbook } from "../../domain/import-sheets";
import type { ServiceContext } from "../context.server";
import { planIndicators } from "./plan-indicators.server";
import { planMeasurements } from "./plan-measurements.server";
import { planObjectives } from "./plan-objectives.server";
import { planTargets } from "./plan-targets.server";
import { ImportPlanner } from "./planner.server";
import type { Executor, PlannedImport } from "./types";

const unique = (values: readonly string[]) => [...new Set(values)];

/**
 * Every row of the workbook checked against the database: the facts for all the file's keys are
 * loaded in one go (`lock` holds them for the apply), then each sheet is planned in order — the
 * indicators after the objectives they name, the targets and measurements after their indicators.
 */
export async function planImport(db: Executor, ctx: ServiceContext, planId: number, workbook: RawWorkbook, options: { lock: boolean }): Promise<PlannedImport> {
  const parsed = parseImportRows(workbook);
  const rows = parsed.rows;
  const declared = declaredCodes(workbook);
  const facts = await loadImportFacts(
    db,
    planId,
    {
      objectiveCodes: unique([...rows.objectives.map((row) => row.code), ...rows.indicators.map((row) => row.objective)]),
      indicatorCodes: unique([...rows.indicators.map((row) => row.code), ...rows.targets.map((row) => row.indicator), ...rows.measurements.map((row) => row.indicator)]),
      sheetIndicatorCodes: unique([...declared.indicators]),
      targetSlots: rows.targets.map((row) => [row.indicator, row.period] as const),
      measurementSlots: rows.measurements.map((row) => [row.indicator, row.period] as const),
    },
    options,
  );
  const planner = new ImportPlanner(ctx, facts, rows, declared);
  planObjectives(planner);
  planIndicators(planner);
  planTargets(planner);
  planMeasurements(planner);
  const issues = [...parsed.issues, ...planner.issues];
  if (DATA_SHEETS.every((sheet) => !workbook[sheet])) {
    issues.push({ sheet: "", row: 0, column: "", message: "El archivo no tiene ninguna de las hojas Objetivos, Indicadores, Metas o Mediciones de la plantilla." });
  } else if (DATA_SHEETS.every((sheet) => (workbook[sheet]?.rows.length ?? 0) === 0)) {
    issues.push({ sheet: "", row: 0, column: "", message: "El archivo no tiene filas de datos: complete al menos una hoja de la plantilla." });
  }
  return { rows: planner.rows.sort(bySheetAndRow), issues: issues.sort(byPlace), counts: planner.counts, writes: planner.writes, audits: planner.audits };
}
