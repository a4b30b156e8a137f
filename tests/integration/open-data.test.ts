import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STATUS_LABELS } from "../../app/domain/scoring";
import { buildOpenDataFile, getCommitmentsOpenData, getIndicatorsOpenData, getOpenDataCatalog, openDataResponse } from "../../app/services/open-data.server";
import { computeScorecard, settingsOf } from "../../app/services/scorecard.server";
import { findScoringSettings } from "../../db/queries/scorecard";
import { DEMO_PLAN_CODE } from "../../db/seed/demo";
import { INDICATOR_DICTIONARY, roundTo, type CommitmentOpenRecord, type IndicatorOpenRow, type OpenDataMetadata } from "../../exports/open-data";
import { openTestDb, type TestDb } from "../support/db";
import { seedDemoWithContexts } from "../support/demo-actors";
import { countingDb } from "../support/query-counter";

const TODAY = "2026-01-15";
const FORMULA_NAME = '=HIPERVINCULO("http://ejemplo.cl","clic")';
const FORMULA_TITLE = "=1+1 Participación";

/** RFC 4180 reader, enough to read our own files back: quoted cells, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += char;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const request = (path: string) => new Request(`http://localhost${path}`);

describe("open data (/datos)", () => {
  let testDb: TestDb;
  let planId: number;
  let unpublishedIndicator: string;
  let unpublishedCommitment: string;
  let publishedIndicators: string[];
  let publishedCommitments: string[];

  beforeAll(async () => {
    testDb = await openTestDb();
    const { db } = testDb;
    await seedDemoWithContexts(db);
    planId = (await db.selectFrom("plans").select("id").where("code", "=", DEMO_PLAN_CODE).executeTakeFirstOrThrow()).id;
    const indicators = await db.selectFrom("indicators").select(["id", "code"]).where("is_published", "=", true).orderBy("id").execute();
    unpublishedIndicator = indicators[0].code;
    await db.updateTable("indicators").set({ is_published: false }).where("id", "=", indicators[0].id).execute();
    await db.updateTable("indicators").set({ name: FORMULA_NAME }).where("id", "=", indicators[1].id).execute();
    const commitments = await db.selectFrom("commitments").select(["id", "code"]).where("is_published", "=", true).orderBy("id").execute();
    unpublishedCommitment = commitments[0].code;
    await db.updateTable("commitments").set({ is_published: false }).where("id", "=", commitments[0].id).execute();
    await db.updateTable("commitments").set({ title: FORMULA_TITLE }).where("id", "=", commitments[1].id).execute();

    publishedIndicators = (
      await db
        .selectFrom("indicators")
        .innerJoin("objectives", "objectives.id", "indicators.objective_id")
        .select("indicators.code")
        .where("indicators.plan_id", "=", planId)
        .where("indicators.is_published", "=", true)
        .where("indicators.archived_at", "is", null)
        .where("objectives.archived_at", "is", null)
        .execute()
    ).map((row) => row.code);
    publishedCommitments = (
      await db
        .selectFrom("commitments")
        .select("code")
        .where("plan_id", "=", planId)
        .where("is_published", "=", true)
        .where("archived_at", "is", null)
        .execute()
    ).map((row) => row.code);
  });
  afterAll(() => testDb.close());

  it("lists exactly the published indicators, in a fixed number of queries", async () => {
    const { db, counter } = countingDb(testDb.db);
    const { rows, period } = await getIndicatorsOpenData(db, { today: TODAY });
    // Plan, settings, periodicities, then the scorecard's nine reads: no query per indicator.
    expect(counter.count).toBe(12);
    // The dashboard's default cut-off: the latest closed period (2025-09-30: its quarter comes first).
    expect(period.end_date).toBe("2025-09-30");
    expect(period.status).toBe("closed");
    expect(rows.map((row) => row.codigo_indicador).sort()).toEqual([...publishedIndicators].sort());
    expect(rows.map((row) => row.codigo_indicador)).not.toContain(unpublishedIndicator);
    expect(rows.length).toBeGreaterThan(30);
    expect(new Set(rows.map((row) => row.periodo))).toEqual(new Set([period.key]));
    expect(rows.every((row) => row.periodicidad !== "" && row.codigo_plan === DEMO_PLAN_CODE)).toBe(true);
  });

  it("shows the dashboard's numbers for the same period (official: approved values only)", async () => {
    const settings = settingsOf(await findScoringSettings(testDb.db, planId));
    for (const periodKey of ["2024-12", "2025-Q3", undefined]) {
      const { rows } = await getIndicatorsOpenData(testDb.db, { periodKey, today: TODAY });
      // The dashboard's own call: every indicator, not only the published ones.
      const { model } = await computeScorecard(testDb.db, planId, settings, { periodKey, today: TODAY });
      const dashboard = new Map(model.pillars.flatMap((p) => p.objectives.flatMap((o) => o.indicators)).map((i) => [i.code, i]));
      let withCompliance = 0;
      for (const row of rows) {
        const scored = dashboard.get(row.codigo_indicador)!;
        expect(row.valor).toBe(roundTo(scored.actual, 6));
        expect(row.meta).toBe(roundTo(scored.target, 6));
        expect(row.cumplimiento).toBe(roundTo(scored.compliance, 4));
        expect(row.estado).toBe(STATUS_LABELS[scored.status]);
        expect(row.ultimo_periodo_informado).toBe(scored.lastPeriodKey);
        expect(row.indicador).toBe(scored.name);
        if (row.cumplimiento != null) withCompliance += 1;
      }
      expect(withCompliance).toBeGreaterThan(10);
    }
  });

  it("serves the indicators CSV: BOM, headers, published rows, formulas neutralised, accents intact", async () => {
    const response = await openDataResponse(testDb.db, "indicadores", "csv", request("/datos/indicadores.csv?periodo=2024-12"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="indicadores-${DEMO_PLAN_CODE}-2024-12.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")).toHaveLength(publishedIndicators.length + 2); // header, rows, and the final line end
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(Object.keys(INDICATOR_DICTIONARY));
    expect(rows).toHaveLength(publishedIndicators.length);
    const column = (name: keyof IndicatorOpenRow) => header.indexOf(name);
    expect(rows.map((row) => row[column("codigo_indicador")])).not.toContain(unpublishedIndicator);
    expect(rows.map((row) => row[column("indicador")])).toContain(`'${FORMULA_NAME}`);
    expect(text).toContain(`"'=HIPERVINCULO(""http://ejemplo.cl"",""clic"")"`);
    expect(rows.map((row) => row[column("pilar")])).toContain("Modernización");
    expect(rows.every((row) => row[column("periodo")] === "2024-12")).toBe(true);
    // Plain dot decimals, never es-CL's comma.
    const compliances = rows.map((row) => row[column("cumplimiento")]).filter((cell) => cell !== "");
    expect(compliances.length).toBeGreaterThan(0);
    for (const cell of compliances) expect(cell).toMatch(/^\d+(\.\d{1,4})?$/);
  });

  it("serves the indicators JSON with its metadata and the texts as they are", async () => {
    const response = await openDataResponse(testDb.db, "indicadores", "json", request("/datos/indicadores.json"));
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    const document = (await response.json()) as { metadata: OpenDataMetadata; data: IndicatorOpenRow[] };
    expect(document.metadata.licencia.nombre).toBe("Creative Commons Atribución 4.0 Internacional (CC BY 4.0)");
    expect(document.metadata.licencia.url).toMatch(/^https:\/\/creativecommons\.org\/licenses\/by\/4\.0\//);
    expect(document.metadata.fuente).toContain("GORE RMS");
    expect(document.metadata.diccionario_de_datos).toBe("http://localhost/datos");
    expect(document.metadata.plan.codigo).toBe(DEMO_PLAN_CODE);
    expect(document.metadata.datos_de_demostracion).toBe(true);
    expect(Number.isNaN(Date.parse(document.metadata.generado_en))).toBe(false);
    expect(document.metadata.periodo.fecha_de_corte).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(document.metadata.registros).toBe(document.data.length);
    expect(document.data.map((row) => row.codigo_indicador).sort()).toEqual([...publishedIndicators].sort());
    expect(document.data.map((row) => row.indicador)).toContain(FORMULA_NAME);
    expect(document.data.map((row) => row.pilar)).toContain("Participación");
  });

  it("lists exactly the published commitments with their milestones and the dashboard's overdue ones", async () => {
    const { records } = await getCommitmentsOpenData(testDb.db, { today: TODAY });
    expect(records.map((record) => record.codigo_compromiso).sort()).toEqual([...publishedCommitments].sort());
    expect(records.map((record) => record.codigo_compromiso)).not.toContain(unpublishedCommitment);
    for (const record of records) {
      expect(record.hitos).toHaveLength(record.numero_de_hitos);
      expect(record.hitos.filter((milestone) => milestone.atrasado)).toHaveLength(record.hitos_atrasados);
      if (record.avance != null) {
        expect(record.avance).toBeGreaterThanOrEqual(0);
        expect(record.avance).toBeLessThanOrEqual(100);
      }
    }
    // The same overdue milestones as the scorecard of the published items.
    const settings = settingsOf(await findScoringSettings(testDb.db, planId));
    const { model } = await computeScorecard(testDb.db, planId, settings, { publishedOnly: true, today: TODAY });
    const overdue = records.flatMap((record) => record.hitos.filter((m) => m.atrasado).map((m) => `${record.codigo_compromiso}|${m.hito}`));
    expect(overdue.sort()).toEqual(model.overdueMilestones.map((m) => `${m.commitmentCode}|${m.title}`).sort());
    expect(overdue.length).toBeGreaterThan(0);
    expect(records.some((record) => record.nivel_de_cumplimiento != null)).toBe(true);
  });

  it("serves the commitments as CSV (one row each) and JSON (with the milestones)", async () => {
    const csv = await buildOpenDataFile(testDb.db, "compromisos", "csv", { today: TODAY, dictionaryUrl: "http://localhost/datos" });
    expect(csv.contentType).toBe("text/csv; charset=utf-8");
    expect(csv.fileName).toBe(`compromisos-${DEMO_PLAN_CODE}-${TODAY}.csv`);
    expect(csv.body.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(csv.body.slice(1));
    expect(header).not.toContain("hitos");
    expect(rows).toHaveLength(publishedCommitments.length);
    expect(rows.map((row) => row[header.indexOf("compromiso")])).toContain(`'${FORMULA_TITLE}`);

    const json = await buildOpenDataFile(testDb.db, "compromisos", "json", { today: TODAY, dictionaryUrl: "http://localhost/datos" });
    const document = JSON.parse(json.body) as { metadata: OpenDataMetadata; data: CommitmentOpenRecord[] };
    expect(document.metadata.periodo).toEqual({ clave: null, fecha_inicio: null, fecha_de_corte: TODAY });
    expect(document.data.map((record) => record.compromiso)).toContain(FORMULA_TITLE);
    expect(document.data.reduce((total, record) => total + record.hitos.length, 0)).toBeGreaterThan(0);

    const response = await openDataResponse(testDb.db, "compromisos", "csv", request("/datos/compromisos.csv"));
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="compromisos-.+\.csv"$/);
  });

  it("refuses a period that is malformed or not in the plan, in Spanish", async () => {
    const malformed = await openDataResponse(testDb.db, "indicadores", "json", request("/datos/indicadores.json?periodo=ayer")).catch(
      (error: unknown) => error,
    );
    expect(malformed).toBeInstanceOf(Response);
    expect((malformed as Response).status).toBe(422);
    expect(await (malformed as Response).text()).toContain("Periodo: no es un periodo válido");
    const missing = await openDataResponse(testDb.db, "indicadores", "csv", request("/datos/indicadores.csv?periodo=2031-01")).catch(
      (error: unknown) => error,
    );
    expect((missing as Response).status).toBe(422);
    expect(await (missing as Response).text()).toContain("Periodo: 2031-01 no existe");
  });

  it("describes every field on the /datos page, with the licence, counts and the latest change", async () => {
    const catalog = await getOpenDataCatalog(testDb.db);
    expect(catalog.plan?.code).toBe(DEMO_PLAN_CODE);
    expect(catalog.counts).toEqual({ indicadores: publishedIndicators.length, compromisos: publishedCommitments.length });
    expect(catalog.lastUpdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalog.licence.nombre).toContain("CC BY 4.0");
    expect(catalog.files.map((file) => file.href)).toEqual([
      "/datos/indicadores.csv",
      "/datos/indicadores.json",
      "/datos/compromisos.csv",
      "/datos/compromisos.json",
    ]);
    expect(catalog.dictionary.indicadores.map((entry) => entry.name)).toEqual(Object.keys(INDICATOR_DICTIONARY));
    for (const entries of Object.values(catalog.dictionary)) {
      for (const entry of entries) expect(entry.description.length).toBeGreaterThan(5);
    }
  });

  it("serves the same file from memory for a minute: a burst of anonymous requests scores the plan once", async () => {
    const { db, counter } = countingDb(testDb.db);
    const first = await openDataResponse(db, "indicadores", "json", request("/datos/indicadores.json?periodo=2024-12"));
    const queries = counter.count;
    expect(queries).toBeGreaterThan(0);
    const again = await openDataResponse(db, "indicadores", "json", request("/datos/indicadores.json?periodo=2024-12"));
    expect(counter.count).toBe(queries);
    expect(await again.text()).toBe(await first.text());
  });
});
