import ExcelJS from "exceljs";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STATUS_LABELS, type Status } from "../../app/domain/scoring";
import { ForbiddenError, ValidationError } from "../../app/services/errors";
import {
  downloadManagementReport,
  getReportOptions,
  prepareManagementReport,
  type ManagementReport,
} from "../../app/services/management-report.server";
import { computeScorecard, settingsOf } from "../../app/services/scorecard.server";
import { findScoringSettings } from "../../db/queries/scorecard";
import { DEMO_PLAN_CODE, DEMO_UNIT_HEAD_UNIT } from "../../db/seed/demo";
import { buildManagementReport, REPORT_SHEETS } from "../../exports/management-report";
import { safeText } from "../../exports/safe-text";
import { streamedXlsxResponse, XLSX_CONTENT_TYPE } from "../../exports/xlsx-stream";
import { openTestDb, type TestDb } from "../support/db";
import { seedDemoWithContexts, type DemoContexts } from "../support/demo-actors";

const TODAY = "2026-01-15";
const INJECTED_NAME = '=HYPERLINK("http://example.com/x","clic")';
const INJECTED_AGREEMENT = "+SUM(1;2) acuerdo que parece fórmula";
const INJECTED_MILESTONE = "@cmd|' /C calc'!A0";

async function toBuffer(report: ManagementReport): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => out.on("end", resolve));
  await buildManagementReport(report.data, out);
  await ended;
  return Buffer.concat(chunks);
}

async function readBack(buffer: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs' own Buffer type lags behind @types/node's.
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function headerOf(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.getRow(1).values as unknown[]).slice(1).map(String);
}

/** Body rows of a table sheet as objects keyed by header. */
function tableRows(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.Cell>[] {
  const headers = headerOf(sheet);
  const rows: Record<string, ExcelJS.Cell>[] = [];
  for (let number = 2; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    rows.push(Object.fromEntries(headers.map((header, index) => [header, row.getCell(index + 1)])));
  }
  return rows;
}

// `cell.result`, not `cell.value.result`: exceljs' `cell.value` drops a cached result of 0.
const resultOf = (cell: ExcelJS.Cell): unknown => cell.result;

describe("the management report (Excel)", () => {
  let testDb: TestDb;
  let contexts: DemoContexts;
  let planId: number;
  let workbook: ExcelJS.Workbook;
  let report: ManagementReport;

  beforeAll(async () => {
    testDb = await openTestDb();
    contexts = await seedDemoWithContexts(testDb.db);
    const db = testDb.db;
    planId = (await db.selectFrom("plans").select("id").where("code", "=", DEMO_PLAN_CODE).executeTakeFirstOrThrow()).id;
    // Text typed by people that a spreadsheet would run if it were written as a formula.
    const first = await db.selectFrom("indicators").select("id").where("plan_id", "=", planId).orderBy("id").executeTakeFirstOrThrow();
    await db.updateTable("indicators").set({ name: INJECTED_NAME }).where("id", "=", first.id).execute();
    const agreement = await db.selectFrom("agreements").select("id").orderBy("id").executeTakeFirstOrThrow();
    await db.updateTable("agreements").set({ text: INJECTED_AGREEMENT }).where("id", "=", agreement.id).execute();
    const milestone = await db.selectFrom("milestones").select("id").orderBy("id").executeTakeFirstOrThrow();
    await db.updateTable("milestones").set({ title: INJECTED_MILESTONE }).where("id", "=", milestone.id).execute();

    report = await prepareManagementReport(contexts.planner, { periodo: "2024-12" }, { today: TODAY });
    workbook = await readBack(await toBuffer(report));
  });
  afterAll(() => testDb.close());

  it("has the five sheets with their header rows, frozen, filtered and set up for printing", () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([...REPORT_SHEETS]);
    const indicators = workbook.getWorksheet("Indicadores")!;
    expect(headerOf(indicators).slice(0, 17)).toEqual([
      "Pilar", "Cód. objetivo", "Objetivo", "Código", "Indicador", "Unidad de medida", "Unidad responsable", "Sentido",
      "Método de cálculo", "Línea base", "Ponderación", "Meta", "Valor", "Cumplimiento", "Cumplimiento puntuado", "Estado", "Validación",
    ]);
    // The year's months up to the cut-off follow, by their Spanish names.
    expect(headerOf(indicators)).toContain("diciembre 2024");
    expect(headerOf(workbook.getWorksheet("Datos")!)).toEqual([
      "Cód. pilar", "Cód. objetivo", "Código indicador", "Indicador", "Unidad responsable", "Periodicidad", "Periodo",
      "Fecha de término", "Meta", "Valor", "Numerador", "Denominador", "Estado de la medición",
    ]);
    expect(headerOf(workbook.getWorksheet("Plan de acción")!)).toContain("Avance esperado");
    expect(headerOf(workbook.getWorksheet("Comité")!)).toContain("Acuerdo");
    for (const name of ["Indicadores", "Plan de acción", "Comité", "Datos"]) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" });
      expect(sheet.headerFooter.oddFooter).toContain("Página &P de &N");
      expect(sheet.getColumn(1).width).toBeGreaterThan(5);
    }
    expect(workbook.creator).toBe("GORE RMS");
    expect(workbook.title).toContain("Reporte de gestión");
    expect(workbook.subject).toContain("diciembre 2024");
    expect(workbook.created).toBeInstanceOf(Date);
  });

  it("shows the dashboard's numbers: plan score, pillars and each indicator's compliance, as formulas with results", async () => {
    const settings = settingsOf(await findScoringSettings(testDb.db, planId));
    const { model } = await computeScorecard(testDb.db, planId, settings, { periodKey: "2024-12", today: TODAY });

    const summary = workbook.getWorksheet("Resumen")!;
    const labels = new Map<string, number>();
    summary.eachRow((row, number) => labels.set(String(row.getCell(1).value), number));
    const planRow = summary.getRow(labels.get("Plan")! + 1);
    expect(planRow.getCell(4).value).toBe(model.plan.score);
    expect(planRow.getCell(5).value).toBe(capitalised(STATUS_LABELS[model.plan.status]));
    expect(planRow.getCell(6).value).toBe(model.plan.coverage);
    expect(planRow.getCell(4).numFmt).toBe("0.0%");
    for (const pillar of model.pillars) {
      const row = summary.getRow(labels.get(`${pillar.code} ${pillar.name}`)!);
      expect(row.getCell(4).value).toBe(pillar.score);
      expect(row.getCell(5).value).toBe(capitalised(STATUS_LABELS[pillar.status]));
      // The status cell is filled with its colour, and says the word too.
      expect((row.getCell(5).fill as ExcelJS.FillPattern).fgColor?.argb).toBeTruthy();
    }
    for (const status of ["green", "yellow", "red", "none"] as Status[]) {
      expect(summary.getRow(labels.get(capitalised(STATUS_LABELS[status]))!).getCell(2).value).toBe(model.statusCounts[status]);
    }
    expect(summary.getCell("B5").value).toBeInstanceOf(Date);
    expect(summary.getCell("B5").numFmt).toBe("dd-mm-yyyy");
    expect(summary.getCell("B5").value).toEqual(new Date(Date.UTC(2026, 0, 15))); // the day of issue
    expect(summary.getRow(labels.get("Hitos atrasados")!).getCell(2).value).toBe(model.overdueMilestones.length);

    const scored = model.pillars.flatMap((p) => p.objectives.flatMap((o) => o.indicators));
    const rows = tableRows(workbook.getWorksheet("Indicadores")!);
    expect(rows).toHaveLength(scored.length);
    let withCompliance = 0;
    for (const [index, indicator] of scored.entries()) {
      const row = rows[index];
      expect(row["Código"].value).toBe(indicator.code);
      expect(row["Meta"].value ?? null).toBe(indicator.target);
      expect(row["Valor"].value ?? null).toBe(indicator.actual);
      const compliance = row["Cumplimiento"];
      expect(compliance.type).toBe(ExcelJS.ValueType.Formula);
      expect(compliance.formula).toMatch(/^IF\(OR\(M\d+="",L\d+=""\)/);
      expect(resultOf(compliance) ?? null).toBe(indicator.compliance);
      expect(compliance.numFmt).toBe("0.0%");
      expect(row["Cumplimiento puntuado"].formula).toContain("MIN(N");
      expect(resultOf(row["Cumplimiento puntuado"]) ?? null).toBe(indicator.score);
      expect(row["Estado"].value).toBe(capitalised(STATUS_LABELS[indicator.status]));
      if (indicator.compliance != null) withCompliance += 1;
    }
    expect(withCompliance).toBeGreaterThan(20);
    // The baseline rule is written as the engine applies it.
    expect(rows.some((row) => String(row["Cumplimiento"].formula).includes("MAX(0,"))).toBe(true);
  });

  it("lays out the year's data in long format and the action plan and committee with their dates", async () => {
    const datos = tableRows(workbook.getWorksheet("Datos")!);
    const expected = report.data.indicators.reduce((total, indicator) => total + indicator.periods.length, 0);
    expect(datos).toHaveLength(expected);
    expect(datos[0]["Fecha de término"].value).toBeInstanceOf(Date);
    expect(datos[0]["Fecha de término"].numFmt).toBe("dd-mm-yyyy");
    expect(datos.every((row) => String(row["Periodo"].value).startsWith("2024"))).toBe(true);
    expect(datos.find((row) => row["Valor"].value != null)!["Valor"].numFmt).toBe("#,##0.00");

    const plan = tableRows(workbook.getWorksheet("Plan de acción")!);
    const commitments = await testDb.db.selectFrom("commitments").select("id").where("plan_id", "=", planId).execute();
    const milestones = await testDb.db
      .selectFrom("milestones")
      .innerJoin("commitments", "commitments.id", "milestones.commitment_id")
      .select("milestones.id")
      .where("commitments.plan_id", "=", planId)
      .execute();
    expect(plan.filter((row) => row["Tipo"].value === "Compromiso")).toHaveLength(commitments.length);
    expect(plan.filter((row) => row["Tipo"].value === "Hito")).toHaveLength(milestones.length);
    expect(plan.filter((row) => row["Tipo"].value === "Hito" && row["Atrasado"].value === "Sí").length).toBe(
      report.data.summary.overdueMilestones.length,
    );
    const commitment = plan.find((row) => row["Tipo"].value === "Compromiso")!;
    expect(commitment["Inicio"].value).toBeInstanceOf(Date);
    expect(typeof commitment["Avance esperado"].value).toBe("number");
    expect(commitment["Nivel de cumplimiento"].value).toMatch(/^(No iniciado|Limitado|Sustancial|Completo)$/);

    const committee = tableRows(workbook.getWorksheet("Comité")!);
    expect(committee).toHaveLength(6);
    expect(committee[0]["Fecha de la sesión"].value).toBeInstanceOf(Date);
  });

  it("keeps text that looks like a formula as text", () => {
    const injected = [
      tableRows(workbook.getWorksheet("Indicadores")!).find((row) => row["Indicador"].value === INJECTED_NAME)?.["Indicador"],
      tableRows(workbook.getWorksheet("Datos")!).find((row) => row["Indicador"].value === INJECTED_NAME)?.["Indicador"],
      tableRows(workbook.getWorksheet("Comité")!).find((row) => row["Acuerdo"].value === INJECTED_AGREEMENT)?.["Acuerdo"],
      tableRows(workbook.getWorksheet("Plan de acción")!).find((row) => row["Título"].value === INJECTED_MILESTONE)?.["Título"],
    ];
    for (const cell of injected) {
      expect(cell).toBeDefined();
      expect(cell!.type).toBe(ExcelJS.ValueType.String);
      expect(cell!.formula).toBeUndefined();
    }
    // The only formulas in the workbook are the report's own compliance columns.
    let formulas = 0;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) {
            formulas += 1;
            expect(sheet.name).toBe("Indicadores");
            expect(cell.formula).not.toMatch(/HYPERLINK|SUM|cmd/);
          }
        }),
      );
    }
    expect(formulas).toBe(report.data.indicators.length * 2);
  });

  it("safeText normalises line ends and drops what XML cannot hold, and leaves formula-like text alone", () => {
    expect(safeText("=1+1")).toBe("=1+1");
    expect(safeText("\t=1+1")).toBe("\t=1+1");
    expect(safeText("línea 1\r\nlínea 2\rlínea 3")).toBe("línea 1\nlínea 2\nlínea 3");
    expect(safeText("a\u0000b\u0007c\u007F")).toBe("abc");
    expect(safeText("x".repeat(40_000))!.length).toBe(32_767);
    expect(safeText(null)).toBeNull();
  });

  it("narrows the rows by pillar and by unit", async () => {
    const pillar = await testDb.db.selectFrom("pillars").select(["id", "code"]).where("plan_id", "=", planId).orderBy("position").executeTakeFirstOrThrow();
    const byPillar = await prepareManagementReport(contexts.planner, { periodo: "2024-12", pilar: String(pillar.id) }, { today: TODAY });
    expect(byPillar.data.indicators.length).toBeGreaterThan(0);
    expect(byPillar.data.indicators.length).toBeLessThan(report.data.indicators.length);
    expect(byPillar.data.indicators.every((indicator) => indicator.pillarCode === pillar.code)).toBe(true);
    expect(byPillar.data.summary.pillars).toHaveLength(1);
    const pillarBook = await readBack(await toBuffer(byPillar));
    expect(tableRows(pillarBook.getWorksheet("Indicadores")!)).toHaveLength(byPillar.data.indicators.length);
    expect(tableRows(pillarBook.getWorksheet("Plan de acción")!).length).toBeLessThan(
      tableRows(workbook.getWorksheet("Plan de acción")!).length,
    );

    const unit = await testDb.db.selectFrom("units").select("id").where("code", "=", DEMO_UNIT_HEAD_UNIT).executeTakeFirstOrThrow();
    const owned = await testDb.db
      .selectFrom("indicators")
      .select("id")
      .where("plan_id", "=", planId)
      .where("responsible_unit_id", "=", unit.id)
      .where("archived_at", "is", null)
      .execute();
    const byUnit = await prepareManagementReport(contexts.planner, { periodo: "2024-12", unidad: String(unit.id) }, { today: TODAY });
    expect(byUnit.data.indicators).toHaveLength(owned.length);
    const unitBook = await readBack(await toBuffer(byUnit));
    expect(tableRows(unitBook.getWorksheet("Indicadores")!)).toHaveLength(owned.length);
    expect(unitBook.getWorksheet("Resumen")!.getCell("B7").value).toContain("Unidad:");
  });

  it("refuses a unit head, and explains a bad filter in Spanish", async () => {
    await expect(getReportOptions(contexts.unit_head)).rejects.toBeInstanceOf(ForbiddenError);
    const options = await getReportOptions(contexts.committee);
    expect(options.periods.map((period) => period.key)).toContain("2024-12");
    expect(options.pillars).toHaveLength(3);
    const refused = prepareManagementReport(contexts.unit_head, { periodo: "2024-12" });
    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refused).rejects.toMatchObject({ status: 403, message: "Su perfil no puede descargar reportes de gestión." });

    const bad = await prepareManagementReport(contexts.planner, { periodo: "diciembre", pilar: "abc" }).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).status).toBe(422);
    expect((bad as ValidationError).issues.map((issue) => issue.message)).toEqual([
      "Periodo: no es un periodo válido (por ejemplo 2024-12, 2024-Q4 o 2024)",
      "Pilar: no es válido",
    ]);
    await expect(prepareManagementReport(contexts.planner, { periodo: "2031-01" })).rejects.toThrow("Periodo: 2031-01 no existe");
    await expect(prepareManagementReport(contexts.planner, { eje: "999999" })).rejects.toThrow("Eje transversal: no existe en este plan");
  });

  it("streams the download with its headers and records who exported what", async () => {
    const before = await testDb.db.selectFrom("audit_events").select("id").where("action", "=", "report.export").execute();
    const response = await downloadManagementReport(contexts.committee, { periodo: "2024-12", reportados: "1" });
    expect(response.headers.get("Content-Type")).toBe(XLSX_CONTENT_TYPE);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="reporte-gestion-2024-12.xlsx"');
    const downloaded = await readBack(await response.arrayBuffer());
    expect(downloaded.getWorksheet("Resumen")!.getCell("B6").value).toBe("Validados y reportados aún no validados");

    const events = await testDb.db
      .selectFrom("audit_events")
      .select(["user_id", "entity_type", "entity_id", "after"])
      .where("action", "=", "report.export")
      .orderBy("id")
      .execute();
    expect(events).toHaveLength(before.length + 1);
    const last = events[events.length - 1];
    expect(last.user_id).toBe(contexts.committee.actor.id);
    expect(last).toMatchObject({ entity_type: "plan", entity_id: String(planId) });
    expect(last.after).toMatchObject({ periodo: "2024-12", reportados: true, pilar: null });
  });
});

describe("a streamed workbook that fails half way", () => {
  it("aborts the download instead of handing over a file that looks complete", async () => {
    const response = streamedXlsxResponse("roto.xlsx", async (out) => {
      out.write(Buffer.from("PK"));
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error("falla al escribir");
    });
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });
});

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
