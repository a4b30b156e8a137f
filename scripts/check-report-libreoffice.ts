/**
 * CI check, where LibreOffice is installed: opens the demo plan's management report in
 * LibreOffice headless, recalculates every formula, and checks that the recalculated compliance
 * equals the number the engine cached in the file (what Excel shows before recalculating).
 *
 * A second copy of the report carries wrong cached results on purpose: LibreOffice must replace
 * them with the engine's numbers, which proves the recalculation really ran (LibreOffice keeps
 * cached results by default; a throwaway profile switches that off).
 *
 *   npx tsx scripts/check-report-libreoffice.ts      (exit 0: agree or LibreOffice absent; 1: disagree)
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";
import { loadManagementReport, parseReportQuery } from "../app/services/management-report.server";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { DEMO_PLAN_CODE, seedDemo } from "../db/seed/demo";
import { compliance, scoredCompliance } from "../app/domain/scoring";
import { buildManagementReport } from "../exports/management-report";
import type { ReportData, ReportIndicator } from "../exports/report-data";

const TOLERANCE = 1e-12; // LibreOffice writes results with 15 significant digits.
const WRONG = 999;

function findSoffice(): string | null {
  const probe = spawnSync("soffice", ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? "soffice" : null;
}

/** Converts xlsx -> xlsx with LibreOffice, forcing recalculation on load (OOXMLRecalcMode 0 = always). */
function recalculate(soffice: string, input: string, outDir: string): string {
  const profile = mkdtempSync(path.join(tmpdir(), "lo-profile-"));
  try {
    mkdirSync(path.join(profile, "user"), { recursive: true });
    writeFileSync(
      path.join(profile, "user", "registrymodifications.xcu"),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
    );
    const run = spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        outDir,
        input,
      ],
      { encoding: "utf8", timeout: 180_000 },
    );
    const output = path.join(outDir, path.basename(input));
    if (run.status !== 0) throw new Error(`LibreOffice falló (${run.status}): ${run.stderr || run.stdout}`);
    return output;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function writeReport(data: ReportData, file: string): Promise<void> {
  const out = createWriteStream(file);
  await buildManagementReport(data, out);
  await finished(out);
}

type Compliance = { code: string; compliance: number | null; score: number | null };

async function readCompliance(file: string): Promise<Compliance[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("Indicadores");
  if (!sheet) throw new Error(`${file}: falta la hoja Indicadores`);
  const number = (cell: ExcelJS.Cell) => {
    const value = cell.value as ExcelJS.CellFormulaValue | null;
    if (value == null || typeof value !== "object" || !("formula" in value)) {
      throw new Error(`${file}: ${cell.address} ya no es una fórmula`);
    }
    // `cell.result`, not `value.result`: exceljs' `cell.value` drops a result of 0.
    const result: unknown = cell.result;
    return typeof result === "number" ? result : null;
  };
  const rows: Compliance[] = [];
  for (let row = 2; row <= sheet.rowCount; row++) {
    rows.push({ code: String(sheet.getCell(row, 4).value), compliance: number(sheet.getCell(row, 14)), score: number(sheet.getCell(row, 15)) });
  }
  return rows;
}

function differences(expected: readonly Compliance[], actual: readonly Compliance[], label: string): string[] {
  if (expected.length !== actual.length) return [`${label}: ${actual.length} filas en vez de ${expected.length}`];
  const problems: string[] = [];
  const same = (a: number | null, b: number | null) => (a == null || b == null ? a === b : Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a)));
  expected.forEach((row, index) => {
    const other = actual[index];
    if (!same(row.compliance, other.compliance)) problems.push(`${label} ${row.code}: cumplimiento ${other.compliance} ≠ ${row.compliance}`);
    if (!same(row.score, other.score)) problems.push(`${label} ${row.code}: puntuado ${other.score} ≠ ${row.score}`);
  });
  return problems;
}

/**
 * The rule's corners, which the demo plan may not reach: targets and actuals of 0, negative
 * values, a target equal to the baseline, a result below the baseline, a missing value. Their
 * cached results come from the engine's own `compliance`.
 */
function edgeCases(template: ReportIndicator, settings: ReportData["settings"]): ReportIndicator[] {
  const cases: [string, Pick<ReportIndicator, "direction" | "scoringMethod" | "baseline">, number | null, number | null][] = [
    ["AUM-META-0", { direction: "increase", scoringMethod: "ratio", baseline: null }, 5, 0],
    ["AUM-SOBRE", { direction: "increase", scoringMethod: "ratio", baseline: null }, 130, 100],
    ["DIS-REAL-0", { direction: "decrease", scoringMethod: "ratio", baseline: null }, 0, 10],
    ["DIS-NORMAL", { direction: "decrease", scoringMethod: "ratio", baseline: null }, 12.5, 10],
    ["NEGATIVO", { direction: "increase", scoringMethod: "ratio", baseline: null }, -3, 10],
    ["LB-IGUAL-SI", { direction: "increase", scoringMethod: "baseline", baseline: 50 }, 55, 50],
    ["LB-IGUAL-NO", { direction: "decrease", scoringMethod: "baseline", baseline: 50 }, 55, 50],
    ["LB-BAJO", { direction: "increase", scoringMethod: "baseline", baseline: 50 }, 40, 60],
    ["LB-DIS", { direction: "decrease", scoringMethod: "baseline", baseline: 20 }, 14.2, 8],
    ["LB-NEGATIVOS", { direction: "increase", scoringMethod: "baseline", baseline: -4.5 }, -1.25, 2],
    ["LB-SIN-BASE", { direction: "increase", scoringMethod: "baseline", baseline: null }, 7, 9],
    ["SIN-VALOR", { direction: "increase", scoringMethod: "ratio", baseline: null }, null, 9],
    ["SIN-META", { direction: "decrease", scoringMethod: "ratio", baseline: null }, 3, null],
  ];
  return cases.map(([code, rule, actual, target]) => {
    const raw =
      actual != null && target != null
        ? compliance({ direction: rule.direction, scoringMethod: rule.scoringMethod, baselineValue: rule.baseline }, actual, target, { explain: false })
            .compliance
        : null;
    return { ...template, ...rule, code, actual, target, compliance: raw, score: raw == null ? null : scoredCompliance(raw, settings) };
  });
}

async function main(): Promise<number> {
  const soffice = findSoffice();
  if (!soffice) {
    console.log("LibreOffice no está instalado; se omite la verificación del reporte con LibreOffice.");
    return 0;
  }
  const workDir = mkdtempSync(path.join(tmpdir(), "reporte-lo-"));
  const db = createDb({ kind: "pglite" });
  try {
    await migrateToLatest(db);
    await seedDemo(db);
    const plan = await db.selectFrom("plans").select("id").where("code", "=", DEMO_PLAN_CODE).executeTakeFirstOrThrow();
    const problems: string[] = [];
    const queries: Record<string, string>[] = [{ periodo: "2024-12" }, { periodo: "2025-Q3", reportados: "1" }];
    for (const query of queries) {
      const { data } = await loadManagementReport(db, plan.id, parseReportQuery(query));
      const label = `periodo ${query.periodo}`;
      const engine: Compliance[] = data.indicators.map((i) => ({ code: i.code, compliance: i.compliance, score: i.score }));

      const genuine = path.join(workDir, `reporte-${query.periodo}.xlsx`);
      await writeReport(data, genuine);
      const cached = await readCompliance(genuine);
      problems.push(...differences(engine, cached, `${label} (valor guardado)`));

      const stale = path.join(workDir, `reporte-${query.periodo}-valores-viejos.xlsx`);
      await writeReport({ ...data, indicators: data.indicators.map((i) => ({ ...i, compliance: WRONG, score: WRONG })) }, stale);
      const outDir = path.join(workDir, `lo-${query.periodo}`);
      mkdirSync(outDir);
      const recalculatedGenuine = await readCompliance(recalculate(soffice, genuine, outDir));
      const recalculatedStale = await readCompliance(recalculate(soffice, stale, outDir));
      problems.push(...differences(cached, recalculatedGenuine, `${label} (recalculado)`));
      problems.push(...differences(engine, recalculatedStale, `${label} (recalculado desde valores viejos)`));
      const computed = engine.filter((row) => row.compliance != null).length;
      console.log(`${label}: ${engine.length} indicadores, ${computed} con cumplimiento; recalculado con LibreOffice.`);
    }
    const { data } = await loadManagementReport(db, plan.id, parseReportQuery({ periodo: "2024-12" }));
    const corners = { ...data, indicators: edgeCases(data.indicators[0], data.settings) };
    const cornersFile = path.join(workDir, "reporte-casos-limite.xlsx");
    await writeReport({ ...corners, indicators: corners.indicators.map((i) => ({ ...i, compliance: WRONG, score: WRONG })) }, cornersFile);
    const cornersDir = path.join(workDir, "lo-casos-limite");
    mkdirSync(cornersDir);
    const engineCorners = corners.indicators.map((i) => ({ code: i.code, compliance: i.compliance, score: i.score }));
    problems.push(...differences(engineCorners, await readCompliance(recalculate(soffice, cornersFile, cornersDir)), "caso límite"));
    console.log(`casos límite de la regla: ${engineCorners.length} indicadores recalculados.`);

    if (problems.length > 0) {
      console.error(`El cumplimiento recalculado por LibreOffice no coincide con el del motor (${problems.length}):`);
      for (const problem of problems.slice(0, 30)) console.error(`  ${problem}`);
      return 1;
    }
    console.log("Reporte de gestión verificado con LibreOffice: fórmulas y valores guardados coinciden.");
    return 0;
  } finally {
    await db.destroy();
    rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
