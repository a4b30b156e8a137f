import { randomBytes } from "node:crypto";
import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHEET_COLUMNS, SHEET_NAMES } from "../../app/domain/import-sheets";
import { ForbiddenError, ValidationError } from "../../app/services/errors";
import { applyImport, getImportPage, getImportTemplate, previewImport, uploadImport } from "../../app/services/import.server";
import { createPillar } from "../../app/services/plan-elements.server";
import { createPlan } from "../../app/services/plan-structure.server";
import type { ServiceContext } from "../../app/services/context.server";
import { DEMO_PLAN_CODE } from "../../db/seed/demo";
import { openTestDb, type TestDb } from "../support/db";
import { countAuditEvents, seedDemoWithContexts, type DemoContexts, countAuditedRecords } from "../support/demo-actors";
import { countingDb } from "../support/query-counter";

type Sheets = Record<string, unknown[][]>;

/** A workbook with the given sheets, each an array of rows (the first one the headers). */
async function workbookOf(sheets: Sheets): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const headers = (sheet: keyof typeof SHEET_COLUMNS) => SHEET_COLUMNS[sheet].map((column) => column.header);

/** A zip written by hand (stored or deflated entries), so the test controls every declared size. */
function zipOf(entries: { name: string; data: Buffer; deflate?: boolean; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const body = entry.deflate ? deflateRawSync(entry.data) : entry.data;
    const name = Buffer.from(entry.name, "utf8");
    const size = entry.declaredSize ?? entry.data.length;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x800, 6);
    header.writeUInt16LE(entry.deflate ? 8 : 0, 8);
    header.writeUInt32LE(crc32(entry.data), 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(entry.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(entry.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(header, name, body);
    centrals.push(central, name);
    offset += header.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
const WORKBOOK = Buffer.from('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');

describe("import from Excel", () => {
  let testDb: TestDb;
  let contexts: DemoContexts;
  let demoPlanId: number;

  beforeAll(async () => {
    testDb = await openTestDb();
    contexts = await seedDemoWithContexts(testDb.db);
    demoPlanId = (await testDb.db.selectFrom("plans").select("id").where("code", "=", DEMO_PLAN_CODE).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => testDb.close());

  const upload = (ctx: ServiceContext, bytes: Buffer, options: { name?: string; planId?: number } = {}) =>
    uploadImport(ctx, { name: options.name ?? "plantilla.xlsx", bytes }, { planId: options.planId });

  /** The refusal's message, for files refused as a whole. */
  async function refusal(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => issue.message).join(" · ");
  }

  /** An empty plan with the demo plan's pillars (units are shared by every plan). */
  async function planLikeDemo(code: string): Promise<number> {
    const { id } = await createPlan(contexts.planner, { code, name: `Plan importado ${code}`, startYear: 2023, endYear: 2026 });
    const pillars = await testDb.db.selectFrom("pillars").selectAll().where("plan_id", "=", demoPlanId).orderBy("position").execute();
    for (const pillar of pillars) {
      await createPillar(contexts.planner, id, { code: pillar.code, name: pillar.name, weight: pillar.weight, color: pillar.color });
    }
    return id;
  }

  it("gives planners a template with its sheets, frozen headers, widths and drop-downs fed by a hidden Listas sheet", async () => {
    const template = await getImportTemplate(contexts.planner);
    expect(template.fileName).toBe(`plantilla-${DEMO_PLAN_CODE}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Instrucciones", "Objetivos", "Indicadores", "Metas", "Mediciones", "Listas"]);
    expect(workbook.getWorksheet("Listas")!.state).toBe("hidden");
    for (const sheet of ["objectives", "indicators", "targets", "measurements"] as const) {
      const worksheet = workbook.getWorksheet(SHEET_NAMES[sheet])!;
      expect((worksheet.getRow(1).values as unknown[]).slice(1)).toEqual(headers(sheet));
      expect(worksheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(worksheet.getColumn(1).width).toBe(SHEET_COLUMNS[sheet][0].width);
      expect(worksheet.rowCount).toBe(1);
    }
    const indicators = workbook.getWorksheet("Indicadores")!;
    const lists = workbook.getWorksheet("Listas")!;
    const listColumn = (title: string) => {
      const column = (lists.getRow(1).values as unknown[]).indexOf(title);
      return (lists.getColumn(column).values as unknown[]).slice(2);
    };
    const periodicity = indicators.getCell(`${indicators.getColumn(headers("indicators").indexOf("Periodicidad") + 1).letter}2`).dataValidation;
    expect(periodicity).toMatchObject({ type: "list", errorStyle: "stop" });
    expect(periodicity.formulae[0]).toMatch(/^Listas!\$[A-Z]+\$2:\$[A-Z]+\$5$/);
    expect(listColumn("Periodicidades")).toEqual(["Mensual", "Trimestral", "Semestral", "Anual"]);
    expect(listColumn("Pilares")).toEqual(["Modernización", "Transparencia", "Participación"]);
    expect(listColumn("Sentidos")).toEqual(["Aumentar", "Disminuir"]);
    expect(listColumn("Agregaciones")).toEqual(["Suma", "Promedio", "Último valor"]);
    expect(listColumn("Tipos")).toEqual(["Valor", "Razón"]);
    const units = await testDb.db.selectFrom("units").select("name").where("is_active", "=", true).execute();
    expect(listColumn("Unidades")).toHaveLength(units.length);
    const unitValidation = indicators.getCell(`${indicators.getColumn(headers("indicators").indexOf("Unidad responsable") + 1).letter}900`).dataValidation;
    expect(unitValidation).toMatchObject({ type: "list" });
    const instructions = workbook.getWorksheet("Instrucciones")!;
    expect(String(instructions.getCell("A1").value)).toContain("Plantilla de importación");
  });

  it("is only for planners and admins: everyone else gets 403", async () => {
    const bytes = await workbookOf({ Metas: [headers("targets")] });
    for (const role of ["unit_head", "committee", "viewer"] as const) {
      const ctx = contexts[role];
      await expect(getImportPage(ctx)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getImportTemplate(ctx)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(upload(ctx, bytes)).rejects.toThrow("Solo planificación y administración pueden importar desde Excel.");
      await expect(previewImport(ctx, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(ForbiddenError);
      await expect(applyImport(ctx, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(getImportPage(contexts.admin)).resolves.toMatchObject({ plan: { code: DEMO_PLAN_CODE }, maxMegabytes: 10 });
    // Someone else's upload is not there for another person.
    const mine = await upload(contexts.planner, await workbookOf({ Metas: [headers("targets"), ["M1.1", "2026-Q4", 1]] }));
    await expect(applyImport(contexts.admin, mine.uploadId)).rejects.toThrow("La carga no existe");
  });

  it("round-trips the demo plan: its filled template imported into an empty plan gives the same plan", async () => {
    const filled = await getImportTemplate(contexts.planner, { filled: true });
    expect(filled.fileName).toBe(`plantilla-${DEMO_PLAN_CODE}-con-datos.xlsx`);
    const planId = await planLikeDemo("IMPORTADO");
    const auditBefore = await countAuditedRecords(testDb.db);

    const preview = await upload(contexts.planner, filled.bytes, { name: filled.fileName, planId });
    expect(preview.issues).toEqual([]);
    expect(preview.ok).toBe(true);
    const live = async (table: "objectives" | "indicators") =>
      (await testDb.db.selectFrom(table).select("id").where("plan_id", "=", demoPlanId).where("archived_at", "is", null).execute()).length;
    expect(preview.counts.objectives).toEqual({ crear: await live("objectives"), modificar: 0, "sin cambios": 0 });
    expect(preview.counts.indicators).toEqual({ crear: await live("indicators"), modificar: 0, "sin cambios": 0 });
    expect(preview.rows.every((row) => row.action === "crear")).toBe(true);
    expect(preview.rows[0]).toMatchObject({ sheet: "Objetivos", row: 2, action: "crear" });

    // Nothing is written by the preview.
    expect(await testDb.db.selectFrom("objectives").select("id").where("plan_id", "=", planId).execute()).toEqual([]);

    const applied = await applyImport(contexts.planner, preview.uploadId);
    expect(applied).toMatchObject({ ok: true, plan: { code: "IMPORTADO" } });

    const objectivesOf = (id: number) =>
      testDb.db
        .selectFrom("objectives as o")
        .innerJoin("pillars as p", "p.id", "o.pillar_id")
        .select(["o.code", "o.title", "o.description", "o.weight", "o.owner_unit_id", "p.code as pillar"])
        .where("o.plan_id", "=", id)
        .where("o.archived_at", "is", null)
        .orderBy("o.code")
        .execute();
    expect(await objectivesOf(planId)).toEqual(await objectivesOf(demoPlanId));

    const indicatorsOf = (id: number) =>
      testDb.db
        .selectFrom("indicators as i")
        .innerJoin("objectives as o", "o.id", "i.objective_id")
        .select([
          "o.code as objective",
          "i.code",
          "i.name",
          "i.description",
          "i.formula",
          "i.kind",
          "i.numerator_label",
          "i.denominator_label",
          "i.factor",
          "i.unit_of_measure",
          "i.direction",
          "i.periodicity",
          "i.aggregation",
          "i.scoring_method",
          "i.baseline_value",
          "i.baseline_year",
          "i.weight",
          "i.responsible_unit_id",
          "i.data_source",
          "i.verification_means",
          "i.sex_disaggregated",
          "i.is_published",
        ])
        .where("i.plan_id", "=", id)
        .where("i.archived_at", "is", null)
        .orderBy("i.code")
        .execute();
    const imported = await indicatorsOf(planId);
    expect(imported).toEqual(await indicatorsOf(demoPlanId));
    expect(imported.length).toBeGreaterThan(30);

    const targetsOf = (id: number) =>
      testDb.db
        .selectFrom("targets as t")
        .innerJoin("indicators as i", "i.id", "t.indicator_id")
        .innerJoin("periods as p", "p.id", "t.period_id")
        .select(["i.code", "p.key", "t.value"])
        .where("i.plan_id", "=", id)
        .where("i.archived_at", "is", null)
        .orderBy("i.code")
        .orderBy("p.key")
        .execute();
    const targets = await targetsOf(planId);
    expect(targets).toEqual(await targetsOf(demoPlanId));
    expect(targets.length).toBe(preview.counts.targets.crear);

    const measurementsOf = (id: number) =>
      testDb.db
        .selectFrom("measurements as m")
        .innerJoin("indicators as i", "i.id", "m.indicator_id")
        .innerJoin("periods as p", "p.id", "m.period_id")
        .select(["i.code", "p.key", "m.value", "m.numerator", "m.denominator", "m.value_women", "m.value_men", "m.comment", "m.evidence_url"])
        .where("i.plan_id", "=", id)
        .where("i.archived_at", "is", null)
        .orderBy("i.code")
        .orderBy("p.key")
        .execute();
    expect(await measurementsOf(planId)).toEqual(await measurementsOf(demoPlanId));
    const states = await testDb.db
      .selectFrom("measurements as m")
      .innerJoin("indicators as i", "i.id", "m.indicator_id")
      .select(["m.state", "m.reported_by"])
      .distinct()
      .where("i.plan_id", "=", planId)
      .execute();
    expect(states).toEqual([{ state: "draft", reported_by: contexts.planner.actor.id }]);

    // Every record written is audited (in change sets, one per kind and action), and the import itself.
    const written = Object.values(preview.counts).reduce((sum, count) => sum + count.crear + count.modificar, 0);
    expect(await countAuditedRecords(testDb.db)).toBe(auditBefore + written + 1);
    const summary = await testDb.db
      .selectFrom("audit_events")
      .select(["action", "entity_id", "after"])
      .where("entity_type", "=", "import")
      .executeTakeFirstOrThrow();
    expect(summary).toMatchObject({ action: "import.apply", entity_id: preview.uploadId, after: { sha256: preview.sha256, plan_code: "IMPORTADO" } });
    await expect(applyImport(contexts.planner, preview.uploadId)).rejects.toThrow("ya se aplicó");

    // The same file again, into the plan it came from: nothing to do, and approved values unchanged are no problem.
    const again = await upload(contexts.planner, filled.bytes);
    expect(again.issues).toEqual([]);
    expect(again.rows.every((row) => row.action === "sin cambios")).toBe(true);
  });

  it("lists every bad row with its sheet, row, column and a Spanish message, and writes nothing", async () => {
    const approved = await testDb.db
      .selectFrom("measurements as m")
      .innerJoin("indicators as i", "i.id", "m.indicator_id")
      .innerJoin("periods as p", "p.id", "m.period_id")
      .select(["i.code", "p.key", "m.value", "i.kind"])
      .where("m.state", "=", "approved")
      .where("i.kind", "=", "value")
      .where("i.plan_id", "=", demoPlanId)
      .orderBy("m.id")
      .executeTakeFirstOrThrow();
    const quarterly = await testDb.db
      .selectFrom("indicators")
      .select("code")
      .where("plan_id", "=", demoPlanId)
      .where("periodicity", "=", "quarterly")
      .orderBy("code")
      .executeTakeFirstOrThrow();
    // A ratio in an open period with nothing approved yet: its computed value is checked too.
    const ratio = await testDb.db
      .selectFrom("indicators as i")
      .innerJoin("periods as p", (join) => join.onRef("p.plan_id", "=", "i.plan_id").onRef("p.periodicity", "=", "i.periodicity"))
      .leftJoin("measurements as m", (join) => join.onRef("m.indicator_id", "=", "i.id").onRef("m.period_id", "=", "p.id"))
      .select(["i.code", "p.key"])
      .where("i.plan_id", "=", demoPlanId)
      .where("i.kind", "=", "ratio")
      .where("i.archived_at", "is", null)
      .where("p.status", "=", "open")
      .where("m.id", "is", null)
      .orderBy("i.code")
      .orderBy("p.key")
      .executeTakeFirstOrThrow();
    const indicatorRow = (code: string, objective: string, unit: string, kind = "Valor") => [
      objective, code, `Indicador ${code}`, kind, null, null, null, "personas", "Aumentar", "Trimestral", "Suma", null, null, null, 1, unit, "No", "No",
    ];
    const bytes = await workbookOf({
      Objetivos: [
        headers("objectives"),
        ["Modernización", "OE-N1", null, null, 1, null], // 2: no title
        ["Modernización", "OE-N2", "Objetivo dos", null, "mucho", null], // 3: weight not a number
        ["Pilar inventado", "OE-N3", "Objetivo tres", null, 1, null], // 4: unknown pillar
        ["MOD", "OE-N4", "Objetivo cuatro", null, 1, "Unidad inventada"], // 5: unknown unit
        ["mod", "OE-N5", "Objetivo cinco", null, 1, "DTI"], // 6: fine (pillar by code, any case; unit by code)
        ["Modernización", "OE-N5", "Objetivo cinco otra vez", null, 1, null], // 7: duplicate code
      ],
      Indicadores: [
        headers("indicators"),
        indicatorRow("IN-1", "OE-NADA", "DTI"), // 2: unknown objective
        indicatorRow("IN-2", "OE-N5", "Unidad inventada"), // 3: unknown unit
        indicatorRow("IN-3", "OE-N5", "DTI", "Porcentaje"), // 4: bad kind
        indicatorRow("IN-4", "OE-N5", "DTI", "Razón"), // 5: ratio without numerator and denominator labels
        indicatorRow("IN-5", "OE-N5", "DTI"), // 6: fine
        indicatorRow("IN-5", "OE-N5", "DTI"), // 7: duplicate code
      ],
      Metas: [
        headers("targets"),
        ["NO-EXISTE", "2025-Q1", 10], // 2: unknown indicator
        [quarterly.code, "2025-03", 10], // 3: a monthly period for a quarterly indicator
        [quarterly.code, "2031-Q1", 10], // 4: a period outside the plan
        [quarterly.code, "2026-Q1", "diez"], // 5: not a number
        ["IN-5", "2026-T2", 12], // 6: fine (an indicator of this file; T for trimestre)
        [quarterly.code, null, 3], // 7: missing period
      ],
      Mediciones: [
        headers("measurements"),
        [approved.code, approved.key, (approved.value ?? 0) + 1], // 2: an approved measurement
        ["IN-5", "2026-Q2", null, 4, 5], // 3: numerator and denominator on a value indicator, no value
        [ratio.code, ratio.key, null, 99_999_999_999_999, 0.0001], // 4: a ratio too large to store
      ],
    });
    const objectivesBefore = await testDb.db.selectFrom("objectives").select("id").execute();
    const preview = await upload(contexts.planner, bytes);
    expect(preview.ok).toBe(false);
    const issues = preview.issues.map(({ sheet, row, column, message }) => `${sheet}|${row}|${column}|${message}`);
    expect(issues).toEqual([
      "Objetivos|2|Título|Título: es obligatorio",
      "Objetivos|3|Ponderación|Ponderación: debe ser un número (por ejemplo 1234,5)",
      "Objetivos|4|Pilar|Pilar: «Pilar inventado» no es un pilar de este plan",
      "Objetivos|5|Unidad responsable|Unidad responsable: «Unidad inventada» no es una unidad registrada",
      "Objetivos|7|Código|Código: el objetivo OE-N5 ya aparece en la fila 6 de esta hoja",
      "Indicadores|2|Objetivo|Objetivo: «OE-NADA» no es un objetivo de este plan ni está en la hoja Objetivos",
      "Indicadores|3|Unidad responsable|Unidad responsable: «Unidad inventada» no es una unidad registrada",
      "Indicadores|4|Tipo|Tipo: debe ser razón o valor",
      "Indicadores|5|Descripción del numerador|Descripción del numerador: es obligatorio en un indicador de razón",
      "Indicadores|5|Descripción del denominador|Descripción del denominador: es obligatorio en un indicador de razón",
      "Indicadores|7|Código|Código: el indicador IN-5 ya aparece en la fila 6 de esta hoja",
      "Metas|2|Indicador|Indicador: «NO-EXISTE» no es un indicador de este plan ni está en la hoja Indicadores",
      `Metas|3|Periodo|Periodo: 2025-03 es un periodo mensual y el indicador ${quarterly.code} es trimestral`,
      "Metas|4|Periodo|Periodo: 2031-Q1 no es un periodo de este plan",
      "Metas|5|Meta|Meta: debe ser un número (por ejemplo 1234,5)",
      "Metas|7|Periodo|Periodo: es obligatorio",
      `Mediciones|2|Valor|Valor: la medición de ${approved.code} en ${approved.key} ya fue aprobada; no se puede cambiar por importación`,
      "Mediciones|3|Valor|Valor: es obligatorio",
      "Mediciones|3|Numerador|Numerador: este indicador no es de razón; ingrese el valor",
      "Mediciones|3|Denominador|Denominador: este indicador no es de razón; ingrese el valor",
      "Mediciones|4|Numerador|Numerador: el cálculo (numerador / denominador × factor) da un número demasiado grande",
    ]);
    // The good rows are previewed too.
    expect(preview.rows).toContainEqual({ sheet: "Objetivos", row: 6, key: "OE-N5", action: "crear", changes: [] });
    expect(preview.rows).toContainEqual({ sheet: "Metas", row: 6, key: "IN-5 · 2026-Q2", action: "crear", changes: [] });

    const result = await applyImport(contexts.planner, preview.uploadId);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.preview.issues).toHaveLength(issues.length);
    expect(await testDb.db.selectFrom("objectives").select("id").execute()).toHaveLength(objectivesBefore.length);
  });

  it("names a missing column, a closed period and a sheet-less workbook", async () => {
    const missing = await upload(contexts.planner, await workbookOf({ Metas: [["Indicador", "Periodo"], ["M1.1", "2026-Q1"]] }));
    expect(missing.issues).toEqual([{ sheet: "Metas", row: 1, column: "Meta", message: "Falta la columna «Meta» en la fila de encabezados" }]);

    const closed = await testDb.db
      .selectFrom("targets as t")
      .innerJoin("indicators as i", "i.id", "t.indicator_id")
      .innerJoin("periods as p", "p.id", "t.period_id")
      .select(["i.code", "p.key", "t.value"])
      .where("p.status", "=", "closed")
      .where("i.plan_id", "=", demoPlanId)
      .orderBy("t.id")
      .executeTakeFirstOrThrow();
    const bytes = await workbookOf({ Metas: [headers("targets"), [closed.code, closed.key, closed.value + 1]] });
    const planner = await upload(contexts.planner, bytes);
    expect(planner.issues).toEqual([
      { sheet: "Metas", row: 2, column: "Meta", message: `Meta: El periodo ${closed.key} está cerrado; solo administración puede modificar sus metas.` },
    ]);
    const admin = await upload(contexts.admin, bytes);
    expect(admin.issues).toEqual([]);
    expect(admin.rows).toEqual([
      { sheet: "Metas", row: 2, key: `${closed.code} · ${closed.key}`, action: "modificar", changes: [expect.stringMatching(/^Meta: .+ → .+$/)] },
    ]);

    const sheetless = await upload(contexts.planner, await workbookOf({ Hoja1: [["a"], [1]] }));
    expect(sheetless.issues).toEqual([
      { sheet: "", row: 0, column: "", message: "El archivo no tiene ninguna de las hojas Objetivos, Indicadores, Metas o Mediciones de la plantilla." },
    ]);
  });

  it("refuses files that are not xlsx by their content, whatever their name", async () => {
    expect(await refusal(upload(contexts.planner, Buffer.from("Indicador;Periodo;Meta\nM1.1;2026-Q1;3\n", "utf8")))).toBe(
      "El archivo no es un libro de Excel (.xlsx), aunque su nombre lo diga.",
    );
    expect(await refusal(upload(contexts.planner, randomBytes(4096)))).toBe("El archivo no es un libro de Excel (.xlsx), aunque su nombre lo diga.");
    const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(600)]);
    expect(await refusal(upload(contexts.planner, ole2))).toContain("un .xls antiguo");
    const plainZip = zipOf([{ name: "hola.txt", data: Buffer.from("hola") }]);
    expect(await refusal(upload(contexts.planner, plainZip))).toBe("El archivo es un zip, pero no un libro de Excel (.xlsx).");
    // A zip with the right names but no real workbook inside: exceljs fails, the request does not.
    const hollow = zipOf([
      { name: "[Content_Types].xml", data: CONTENT_TYPES },
      { name: "xl/workbook.xml", data: Buffer.from("<esto no es xml") },
    ]);
    const message = await refusal(upload(contexts.planner, hollow));
    expect(message).toMatch(/no se pudo leer|ninguna de las hojas/);
    expect(await refusal(upload(contexts.planner, Buffer.alloc(0)))).toBe("El archivo está vacío.");

    // A real workbook whose sheet is cut in half: refused with a message, and the next upload works.
    const zip = await JSZip.loadAsync((await getImportTemplate(contexts.planner)).bytes);
    const sheetXml = await zip.file("xl/worksheets/sheet3.xml")!.async("string");
    zip.file("xl/worksheets/sheet3.xml", sheetXml.slice(0, Math.floor(sheetXml.length / 2)));
    const broken = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(await refusal(upload(contexts.planner, broken))).toBe("El archivo no se pudo leer como libro de Excel: está dañado o no es un .xlsx válido.");
    await expect(upload(contexts.planner, await workbookOf({ Metas: [headers("targets")] }))).resolves.toMatchObject({ ok: false });
  });

  it("refuses a file over 10 MB", async () => {
    expect(await refusal(upload(contexts.planner, Buffer.alloc(10 * 1024 * 1024 + 1, 0x50)))).toBe("El archivo supera 10 MB.");
  });

  it("refuses an archive that expands too much before anything inflates it", async () => {
    const spaces = Buffer.alloc(200 * 1024 * 1024, 0x20);
    const sheet = { name: "xl/worksheets/sheet1.xml", data: spaces, deflate: true };
    const honest = zipOf([{ name: "[Content_Types].xml", data: CONTENT_TYPES }, { name: "xl/workbook.xml", data: WORKBOOK }, sheet]);
    expect(honest.length).toBeLessThan(400 * 1024);
    const started = performance.now();
    expect(await refusal(upload(contexts.planner, honest))).toContain("se expande demasiado");
    expect(performance.now() - started).toBeLessThan(1000);

    // The same bomb declaring a small size: inflating is capped at the declared size and refused.
    const lying = zipOf([
      { name: "[Content_Types].xml", data: CONTENT_TYPES },
      { name: "xl/workbook.xml", data: WORKBOOK },
      { ...sheet, declaredSize: 1000 },
    ]);
    expect(await refusal(upload(contexts.planner, lying))).toContain("se expande demasiado");
    // Under the total but compressed more than 100 to 1.
    const dense = zipOf([
      { name: "[Content_Types].xml", data: CONTENT_TYPES },
      { name: "xl/workbook.xml", data: WORKBOOK },
      { name: "xl/worksheets/sheet1.xml", data: spaces.subarray(0, 50 * 1024 * 1024), deflate: true },
    ]);
    expect(await refusal(upload(contexts.planner, dense))).toContain("se expande demasiado");
  });

  it("applies all or nothing: a change made after the preview that breaks one row stops the whole import", async () => {
    const draft = await testDb.db
      .selectFrom("measurements as m")
      .innerJoin("indicators as i", "i.id", "m.indicator_id")
      .innerJoin("periods as p", "p.id", "m.period_id")
      .select(["m.id", "i.code", "p.key", "m.value", "m.version"])
      .where("m.state", "=", "draft")
      .where("i.kind", "=", "value")
      .where("i.sex_disaggregated", "=", false)
      .where("p.status", "=", "open")
      .where("i.plan_id", "=", demoPlanId)
      .orderBy("m.id")
      .executeTakeFirstOrThrow();
    const bytes = await workbookOf({
      Objetivos: [headers("objectives"), ["Transparencia", "OE-TODO", "Objetivo que no debe quedar", null, 1, null]],
      Mediciones: [headers("measurements"), [draft.code, draft.key, (draft.value ?? 0) + 5]],
    });
    const preview = await upload(contexts.planner, bytes);
    expect(preview.issues).toEqual([]);
    expect(preview.rows.map((row) => row.action)).toEqual(["crear", "modificar"]);

    // Meanwhile the value is sent to validation.
    await testDb.db.updateTable("measurements").set({ state: "submitted" }).where("id", "=", draft.id).execute();
    const result = await applyImport(contexts.planner, preview.uploadId);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.preview.issues).toEqual([
        {
          sheet: "Mediciones",
          row: 2,
          column: "Valor",
          message: `Valor: la medición de ${draft.code} en ${draft.key} ya fue enviada a validación; no se puede cambiar por importación`,
        },
      ]);
    }
    expect(await testDb.db.selectFrom("objectives").select("id").where("code", "=", "OE-TODO").execute()).toEqual([]);
    expect(await testDb.db.selectFrom("measurements").select(["value", "version"]).where("id", "=", draft.id).executeTakeFirstOrThrow()).toEqual({
      value: draft.value,
      version: draft.version,
    });

    // Returned to the reporter, the same upload applies whole.
    await testDb.db.updateTable("measurements").set({ state: "returned" }).where("id", "=", draft.id).execute();
    const applied = await applyImport(contexts.planner, preview.uploadId);
    expect(applied.ok).toBe(true);
    expect(await testDb.db.selectFrom("objectives").select("id").where("code", "=", "OE-TODO").execute()).toHaveLength(1);
    expect(await testDb.db.selectFrom("measurements").select(["value", "state", "version"]).where("id", "=", draft.id).executeTakeFirstOrThrow()).toEqual({
      value: (draft.value ?? 0) + 5,
      state: "draft",
      version: draft.version + 1,
    });
  });

  it("runs a fixed number of queries whatever the number of rows", async () => {
    const indicators = await testDb.db
      .selectFrom("indicators")
      .select(["code", "periodicity"])
      .where("plan_id", "=", demoPlanId)
      .where("periodicity", "=", "monthly")
      .where("archived_at", "is", null)
      .orderBy("code")
      .execute();
    const fileOf = async (count: number, value: number) => {
      const rows: unknown[][] = [headers("targets")];
      for (const indicator of indicators) for (let month = 1; month <= 12 && rows.length <= count; month++) rows.push([indicator.code, `2026-${String(month).padStart(2, "0")}`, value]);
      return workbookOf({ Metas: rows });
    };
    const queriesFor = async (bytes: Buffer) => {
      const { db, counter } = countingDb(testDb.db);
      const ctx = { ...contexts.planner, db };
      const preview = await uploadImport(ctx, { name: "metas.xlsx", bytes });
      expect(preview.issues).toEqual([]);
      const previewQueries = counter.count;
      const applied = await applyImport(ctx, preview.uploadId);
      expect(applied.ok).toBe(true);
      return { preview: previewQueries, apply: counter.count - previewQueries };
    };
    const small = await queriesFor(await fileOf(3, 7));
    const large = await queriesFor(await fileOf(40, 8));
    expect(large).toEqual(small);
  });

  it("refuses rows of an archived objective, and applies an upload once even when asked twice at the same time", async () => {
    const template = await getImportTemplate(contexts.planner, { filled: true });
    const objective = await testDb.db
      .selectFrom("objectives")
      .select(["id", "code"])
      .where("plan_id", "=", demoPlanId)
      .orderBy("position", "desc")
      .executeTakeFirstOrThrow();
    await testDb.db.updateTable("objectives").set({ archived_at: new Date() }).where("id", "=", objective.id).execute();
    try {
      const preview = await upload(contexts.planner, template.bytes);
      expect(preview.issues).toContainEqual(
        expect.objectContaining({ sheet: "Objetivos", column: "Código", message: expect.stringContaining(`el objetivo ${objective.code} está archivado`) }),
      );
    } finally {
      await testDb.db.updateTable("objectives").set({ archived_at: null }).where("id", "=", objective.id).execute();
    }

    const target = await testDb.db
      .selectFrom("targets as t")
      .innerJoin("indicators as i", "i.id", "t.indicator_id")
      .innerJoin("periods as p", "p.id", "t.period_id")
      .select(["i.code", "p.key", "t.value"])
      .where("p.status", "=", "open")
      .where("i.plan_id", "=", demoPlanId)
      .where("i.archived_at", "is", null)
      .orderBy("t.id")
      .executeTakeFirstOrThrow();
    const change = await upload(contexts.planner, await workbookOf({ Metas: [headers("targets"), [target.code, target.key, target.value + 1]] }));
    expect(change.issues).toEqual([]);
    const auditBefore = await countAuditEvents(testDb.db);
    const outcomes = await Promise.allSettled([applyImport(contexts.planner, change.uploadId), applyImport(contexts.planner, change.uploadId)]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const failed = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(String(failed.reason)).toMatch(/ya se aplicó|no existe/);
    // One changed target and one summary event: the second click wrote nothing.
    expect((await countAuditEvents(testDb.db)) - auditBefore).toBe(2);
  });
});
