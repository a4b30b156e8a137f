import { createHash, randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { Kysely, Transaction } from "kysely";
import type { AuditEventInput } from "../../db/queries/audit";
import {
  countTemplateRows,
  deleteImportUpload,
  findImportUpload,
  findPlanById,
  insertImportUpload,
  loadImportFacts,
  loadTemplateData,
  upsertIndicators,
  upsertMeasurements,
  upsertObjectives,
  upsertTargets,
  type ImportFacts,
  type IndicatorFact,
  type IndicatorWrite,
  type MeasurementWrite,
  type ObjectiveWrite,
  type TargetWrite,
} from "../../db/queries/import";
import { insertAuditEvents } from "../../db/queries/audit";
import type { Database, MeasurementState } from "../../db/schema";
import { buildImportTemplate, type ImportTemplateRows } from "../../exports/import-template";
import {
  AGGREGATION_CHOICES,
  DATA_SHEETS,
  DIRECTION_CHOICES,
  headerOf,
  KIND_CHOICES,
  matchKey,
  MAX_IMPORT_ROWS,
  NO,
  parseImportRows,
  PERIODICITY_CHOICES,
  plainCell,
  SCORING_METHOD_CHOICES,
  SHEET_COLUMNS,
  SHEET_NAMES,
  YES,
  type DataSheet,
  type ImportIssue,
  type ImportRows,
  type IndicatorRow,
  type RawWorkbook,
} from "../domain/import-sheets";
import { decideMeasurementWrite, decideTargetWrite } from "../domain/permissions";
import { fieldRefusal, ratioValue } from "../domain/schemas/reporting-grid";
import { requireCapability, type ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors";
import { inspectXlsx } from "./xlsx-inspect.server";

/**
 * Import from Excel (`/importar`, planners and admins): the template, and a filled template
 * applied in two steps. The upload is checked by content before anything inflates it, stored,
 * and previewed (a dry run: every row to create or change and every problem, by sheet, row and
 * column); "Aplicar" re-reads the very same stored bytes, checks everything again against the
 * database with the rows locked, and writes all of it in one transaction — one statement per
 * kind of record and one audit insert — or nothing.
 */

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_MEGABYTES = MAX_UPLOAD_BYTES / 1024 / 1024;
/** What exceljs may be asked to build, counted on the XML before it does (the data rows are capped after). */
const MAX_WORKSHEET_ROWS = 2 * MAX_IMPORT_ROWS;
const MAX_WORKSHEET_CELLS = 1_500_000;

export type ImportAction = "crear" | "modificar" | "sin cambios";

export interface ImportRowPlan {
  sheet: string;
  row: number;
  /** What the row is about: "OE-M1", "M1.1", "M1.1 · 2025-Q1". */
  key: string;
  action: ImportAction;
  /** "Meta: 10 → 12", one per changed column (empty when created or unchanged). */
  changes: string[];
}

export type ImportCounts = Record<DataSheet, Record<ImportAction, number>>;

export interface ImportPreview {
  uploadId: string;
  fileName: string;
  sha256: string;
  plan: { code: string; name: string };
  /** Nothing stops the apply. */
  ok: boolean;
  rows: ImportRowPlan[];
  issues: ImportIssue[];
  counts: ImportCounts;
}

export type ImportApplyResult = { ok: true; counts: ImportCounts; plan: { code: string; name: string } } | { ok: false; preview: ImportPreview };

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/** Routes call this before reading an upload's body: nobody else sends 10 MB to be refused. */
export function assertCanImport(ctx: ServiceContext): void {
  requireCapability(ctx, "import.run");
}

export async function getImportPage(ctx: ServiceContext) {
  requireCapability(ctx, "import.run");
  const plan = await requireCurrentPlan(ctx);
  return { plan: { code: plan.code, name: plan.name }, maxMegabytes: MAX_UPLOAD_MEGABYTES, maxRows: MAX_IMPORT_ROWS };
}

const fileRefusal = (message: string) => new ValidationError([{ field: "archivo", message }]);

async function targetPlan(ctx: ServiceContext, planId: number | undefined) {
  if (planId == null) return requireCurrentPlan(ctx);
  const plan = await findPlanById(ctx.db, planId);
  if (!plan) throw new NotFoundError("El plan no existe.");
  return plan;
}

// --- template ---------------------------------------------------------------------------------

/**
 * `plantilla.xlsx` for the current plan (or `planId`): empty, or `filled` with the plan's live
 * objectives, indicators, targets and measurements, ready to be edited and imported back.
 */
export async function getImportTemplate(ctx: ServiceContext, options: { filled?: boolean; planId?: number } = {}): Promise<{ fileName: string; bytes: Buffer }> {
  requireCapability(ctx, "import.run");
  const plan = await targetPlan(ctx, options.planId);
  const filled = options.filled === true;
  if (filled) {
    const rows = await countTemplateRows(ctx.db, plan.id);
    if (rows > MAX_IMPORT_ROWS) {
      throw fileRefusal(
        `El plan tiene ${rows.toLocaleString("es-CL")} filas de objetivos, indicadores, metas y mediciones; una plantilla con datos admite hasta ${MAX_IMPORT_ROWS.toLocaleString("es-CL")}. Descargue la plantilla vacía.`,
      );
    }
  }
  const data = await loadTemplateData(ctx.db, plan.id, { filled });
  const rows: ImportTemplateRows | undefined = filled
    ? {
        objectives: data.objectives.map((objective) => ({
          pillar: objective.pillar_name,
          code: objective.code,
          title: objective.title,
          description: objective.description,
          weight: objective.weight,
          ownerUnit: objective.owner_unit_name,
        })),
        indicators: data.indicators.map((indicator) => ({
          objective: indicator.objective_code,
          code: indicator.code,
          name: indicator.name,
          description: indicator.description,
          formula: indicator.formula,
          kind: indicator.kind,
          numeratorLabel: indicator.numerator_label,
          denominatorLabel: indicator.denominator_label,
          factor: indicator.factor,
          unitOfMeasure: indicator.unit_of_measure,
          direction: indicator.direction,
          periodicity: indicator.periodicity,
          aggregation: indicator.aggregation,
          scoringMethod: indicator.scoring_method,
          baselineValue: indicator.baseline_value,
          baselineYear: indicator.baseline_year,
          weight: indicator.weight,
          responsibleUnit: indicator.responsible_unit_name,
          dataSource: indicator.data_source,
          verificationMeans: indicator.verification_means,
          sexDisaggregated: indicator.sex_disaggregated,
          isPublished: indicator.is_published,
        })),
        targets: data.targets.map((target) => ({ indicator: target.indicator_code, period: target.period_key, value: target.value })),
        measurements: data.measurements.map((measurement) => ({
          indicator: measurement.indicator_code,
          period: measurement.period_key,
          value: measurement.value,
          numerator: measurement.numerator,
          denominator: measurement.denominator,
          valueWomen: measurement.value_women,
          valueMen: measurement.value_men,
          comment: measurement.comment,
          evidenceUrl: measurement.evidence_url,
        })),
      }
    : undefined;
  const bytes = await buildImportTemplate({
    plan: { code: plan.code, name: plan.name },
    pillars: data.pillars,
    units: data.units,
    objectiveCodes: data.objectives.map((objective) => objective.code),
    indicatorCodes: data.indicators.map((indicator) => indicator.code),
    periodKeys: data.period_keys,
    rows,
  });
  return { fileName: `plantilla-${plan.code}${filled ? "-con-datos" : ""}.xlsx`, bytes };
}

// --- upload, preview, apply -------------------------------------------------------------------

/**
 * Receives a file: refuses it unless it is an xlsx of sane size (by content, before anything
 * inflates it), stores it for the apply step, and answers its preview. `planId` aims the import
 * at another plan than the current one (tests, scripts); the preview and apply follow the upload.
 */
export async function uploadImport(ctx: ServiceContext, file: UploadedFile, options: { planId?: number } = {}): Promise<ImportPreview> {
  requireCapability(ctx, "import.run");
  if (file.bytes.length > MAX_UPLOAD_BYTES) throw fileRefusal(`El archivo supera ${MAX_UPLOAD_MEGABYTES} MB.`);
  if (file.bytes.length === 0) throw fileRefusal("El archivo está vacío.");
  checkContent(file.bytes);
  const plan = await targetPlan(ctx, options.planId);
  const id = randomUUID();
  await insertImportUpload(ctx.db, {
    id,
    userId: ctx.actor.id,
    planId: plan.id,
    fileName: cleanFileName(file.name),
    bytes: file.bytes,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
  });
  try {
    return await previewImport(ctx, id);
  } catch (error) {
    // An unreadable file is not kept for an apply that cannot happen.
    if (error instanceof ValidationError) await deleteImportUpload(ctx.db, id);
    throw error;
  }
}

/** The dry run of a stored upload: nothing is written. */
export async function previewImport(ctx: ServiceContext, uploadId: string): Promise<ImportPreview> {
  requireCapability(ctx, "import.run");
  const upload = await requireUpload(ctx, uploadId);
  const workbook = await readWorkbook(upload.bytes);
  const planned = await planImport(ctx.db, ctx, upload.plan_id, workbook, { lock: false });
  return previewOf(upload, planned);
}

/**
 * Applies a stored upload: the same bytes are read again and every check runs again with the
 * rows locked; any problem and nothing is written (the preview comes back with the problems).
 * Otherwise objectives, indicators, targets and measurements (drafts reported by the importer)
 * are written in one transaction with an audit event per changed record and one for the whole
 * import, and the stored upload is deleted.
 */
export async function applyImport(ctx: ServiceContext, uploadId: string): Promise<ImportApplyResult> {
  requireCapability(ctx, "import.run");
  const upload = await requireUpload(ctx, uploadId);
  // Parsed before the transaction: no lock is held while exceljs reads the file.
  const workbook = await readWorkbook(upload.bytes);
  return ctx.db.transaction().execute(async (trx) => {
    const planned = await planImport(trx, ctx, upload.plan_id, workbook, { lock: true });
    if (planned.issues.length > 0) return { ok: false, preview: previewOf(upload, planned) };
    await writePlanned(trx, ctx, upload, planned);
    await deleteImportUpload(trx, upload.id);
    return { ok: true, counts: planned.counts, plan: { code: upload.plan_code, name: upload.plan_name } };
  });
}

type StoredUpload = NonNullable<Awaited<ReturnType<typeof findImportUpload>>>;

async function requireUpload(ctx: ServiceContext, uploadId: string): Promise<StoredUpload> {
  const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uploadId);
  const upload = valid ? await findImportUpload(ctx.db, uploadId.toLowerCase(), ctx.actor.id) : undefined;
  if (!upload) throw new NotFoundError("La carga no existe, ya se aplicó o venció (se guarda un día); vuelva a subir el archivo.");
  return upload;
}

function previewOf(upload: StoredUpload, planned: PlannedImport): ImportPreview {
  return {
    uploadId: upload.id,
    fileName: upload.file_name,
    sha256: upload.sha256,
    plan: { code: upload.plan_code, name: upload.plan_name },
    ok: planned.issues.length === 0,
    rows: planned.rows,
    issues: planned.issues,
    counts: planned.counts,
  };
}

function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean || "archivo.xlsx";
}

// --- reading the file -------------------------------------------------------------------------

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
async function readWorkbook(bytes: Buffer): Promise<RawWorkbook> {
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

// --- planning: every row checked against the database ----------------------------------------

interface PendingAudit {
  entityType: "objective" | "indicator" | "target" | "measurement";
  /** Objective or indicator code; for targets and measurements, the indicator's code and the period. */
  code: string;
  periodId?: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

interface PlannedImport {
  rows: ImportRowPlan[];
  issues: ImportIssue[];
  counts: ImportCounts;
  writes: { objectives: ObjectiveWrite[]; indicators: IndicatorWrite[]; targets: TargetWrite[]; measurements: MeasurementWrite[] };
  audits: PendingAudit[];
}

type Executor = Kysely<Database> | Transaction<Database>;

/** What an indicator will be after the import: its row in the file, else the database. */
interface IndicatorState {
  code: string;
  kind: IndicatorFact["kind"];
  factor: number;
  periodicity: IndicatorFact["periodicity"];
  sexDisaggregated: boolean;
  responsibleUnitId: number;
  archived: boolean;
}

const emptyCounts = (): ImportCounts =>
  Object.fromEntries(DATA_SHEETS.map((sheet) => [sheet, { crear: 0, modificar: 0, "sin cambios": 0 }])) as ImportCounts;

const slotKey = (code: string, period: string) => `${code}\u0000${period}`;

async function planImport(db: Executor, ctx: ServiceContext, planId: number, workbook: RawWorkbook, options: { lock: boolean }): Promise<PlannedImport> {
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
  planner.planObjectives();
  planner.planIndicators();
  planner.planTargets();
  planner.planMeasurements();
  const issues = [...parsed.issues, ...planner.issues];
  if (DATA_SHEETS.every((sheet) => !workbook[sheet])) {
    issues.push({ sheet: "", row: 0, column: "", message: "El archivo no tiene ninguna de las hojas Objetivos, Indicadores, Metas o Mediciones de la plantilla." });
  } else if (DATA_SHEETS.every((sheet) => (workbook[sheet]?.rows.length ?? 0) === 0)) {
    issues.push({ sheet: "", row: 0, column: "", message: "El archivo no tiene filas de datos: complete al menos una hoja de la plantilla." });
  }
  const sheetOrder = new Map<string, number>(DATA_SHEETS.map((sheet, index) => [SHEET_NAMES[sheet], index]));
  const columnOrder = new Map<string, number>(DATA_SHEETS.flatMap((sheet) => SHEET_COLUMNS[sheet].map((def, index) => [`${SHEET_NAMES[sheet]}|${def.header}`, index] as const)));
  const bySheetAndRow = (a: { sheet: string; row: number }, b: { sheet: string; row: number }) =>
    (sheetOrder.get(a.sheet) ?? -1) - (sheetOrder.get(b.sheet) ?? -1) || a.row - b.row;
  const byPlace = (a: ImportIssue, b: ImportIssue) =>
    bySheetAndRow(a, b) || (columnOrder.get(`${a.sheet}|${a.column}`) ?? -1) - (columnOrder.get(`${b.sheet}|${b.column}`) ?? -1);
  return { rows: planner.rows.sort(bySheetAndRow), issues: issues.sort(byPlace), counts: planner.counts, writes: planner.writes, audits: planner.audits };
}

const unique = (values: readonly string[]) => [...new Set(values)];

/** Codes written in the Objetivos and Indicadores sheets, rows with problems included. */
function declaredCodes(workbook: RawWorkbook): { objectives: Set<string>; indicators: Set<string> } {
  const codesOf = (sheet: "objectives" | "indicators") => {
    const raw = workbook[sheet];
    const codes = new Set<string>();
    if (!raw) return codes;
    const position = raw.header.findIndex((cell) => {
      const plain = plainCell(cell);
      return plain != null && matchKey(String(plain)) === matchKey(headerOf(sheet, "code"));
    });
    if (position < 0) return codes;
    for (const { cells } of raw.rows) {
      const plain = plainCell(cells[position]);
      if (plain != null && !(plain instanceof Date) && typeof plain !== "object") codes.add(String(plain).trim());
    }
    return codes;
  };
  return { objectives: codesOf("objectives"), indicators: codesOf("indicators") };
}

// --- display of changes -----------------------------------------------------------------------

const numberText = new Intl.NumberFormat("es-CL", { maximumFractionDigits: 4 });

function shown(value: unknown): string {
  if (value == null || value === "") return "vacío";
  if (typeof value === "number") return numberText.format(value);
  if (typeof value === "boolean") return value ? YES : NO;
  const text = String(value).replace(/\s+/g, " ");
  return `«${text.length > 40 ? `${text.slice(0, 39)}…` : text}»`;
}

const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  ((a ?? "").replace(/\r\n?/g, "\n").trim() || null) === ((b ?? "").replace(/\r\n?/g, "\n").trim() || null);

const round = (value: number | null, digits: number) => (value == null ? null : Number(value.toFixed(digits)));

interface FieldDiff<Next, Before> {
  label: string;
  next: (row: Next) => unknown;
  before: (fact: Before) => unknown;
  show?: (value: unknown) => string;
}

function diffFields<Next, Before>(fields: readonly FieldDiff<Next, Before>[], next: Next, before: Before): string[] {
  const changes: string[] = [];
  for (const field of fields) {
    const a = field.before(before);
    const b = field.next(next);
    const equal = typeof a === "string" || typeof b === "string" ? sameText(a as string | null, b as string | null) : (a ?? null) === (b ?? null);
    if (!equal) {
      const show = field.show ?? shown;
      changes.push(`${field.label}: ${show(a)} → ${show(b)}`);
    }
  }
  return changes;
}

// --- the planner ------------------------------------------------------------------------------

class ImportPlanner {
  readonly rows: ImportRowPlan[] = [];
  readonly issues: ImportIssue[] = [];
  readonly counts = emptyCounts();
  readonly writes: PlannedImport["writes"] = { objectives: [], indicators: [], targets: [], measurements: [] };
  readonly audits: PendingAudit[] = [];

  private readonly pillarOf: (text: string) => Resolution<{ id: number; code: string; name: string }>;
  private readonly unitOf: (text: string) => Resolution<{ id: number; code: string; name: string; is_active: boolean }>;
  private readonly pillarNames: Map<number, string>;
  private readonly unitNames: Map<number, string>;
  private readonly objectiveFacts: Map<string, ImportFacts["objectives"][number]>;
  private readonly indicatorFacts: Map<string, IndicatorFact>;
  private readonly periodsByKey: Map<string, ImportFacts["periods"][number]>;
  /** Indicators as the file leaves them; a code mapped to null is declared in the file with a problem. */
  private readonly indicatorStates = new Map<string, IndicatorState | null>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly facts: ImportFacts,
    private readonly input: ImportRows,
    private readonly declared: { objectives: Set<string>; indicators: Set<string> },
  ) {
    this.pillarOf = resolver(facts.pillars, "no es un pilar de este plan", "corresponde a más de un pilar; use el código");
    this.unitOf = resolver(facts.units, "no es una unidad registrada", "corresponde a más de una unidad; use el código");
    this.pillarNames = new Map(facts.pillars.map((pillar) => [pillar.id, pillar.name]));
    this.unitNames = new Map(facts.units.map((unit) => [unit.id, unit.name]));
    this.objectiveFacts = new Map(facts.objectives.map((objective) => [objective.code, objective]));
    this.indicatorFacts = new Map(facts.indicators.map((indicator) => [indicator.code, indicator]));
    this.periodsByKey = new Map(facts.periods.map((period) => [period.key, period]));
  }

  private issue(sheet: DataSheet, row: number, key: string, message: string) {
    const header = headerOf(sheet, key);
    this.issues.push({ sheet: SHEET_NAMES[sheet], row, column: header, message: `${header}: ${message}` });
  }

  private record(sheet: DataSheet, row: number, key: string, action: ImportAction, changes: string[]) {
    this.rows.push({ sheet: SHEET_NAMES[sheet], row, key, action, changes: action === "modificar" ? changes : [] });
    this.counts[sheet][action] += 1;
  }

  private unitId(sheet: DataSheet, row: number, key: string, text: string, current: number | null | undefined): number | null {
    const found = this.unitOf(text);
    if (!found.ok) {
      this.issue(sheet, row, key, `«${text}» ${found.message}`);
      return null;
    }
    if (!found.item.is_active && found.item.id !== current) {
      this.issue(sheet, row, key, `la unidad ${found.item.name} no está activa`);
      return null;
    }
    return found.item.id;
  }

  private unitName = (value: unknown) => (value == null ? "vacío" : `«${this.unitNames.get(value as number) ?? String(value)}»`);

  planObjectives() {
    const fields: FieldDiff<ObjectiveWrite, ImportFacts["objectives"][number]>[] = [
      { label: "Pilar", next: (row) => row.pillar_id, before: (fact) => fact.pillar_id, show: (id) => `«${this.pillarNames.get(id as number) ?? ""}»` },
      { label: "Título", next: (row) => row.title, before: (fact) => fact.title },
      { label: "Descripción", next: (row) => row.description, before: (fact) => fact.description },
      { label: "Ponderación", next: (row) => row.weight, before: (fact) => fact.weight },
      { label: "Unidad responsable", next: (row) => row.owner_unit_id, before: (fact) => fact.owner_unit_id, show: this.unitName },
    ];
    for (const row of this.input.objectives) {
      const existing = this.objectiveFacts.get(row.code);
      const pillar = this.pillarOf(row.pillar);
      if (!pillar.ok) this.issue("objectives", row.row, "pillar", `«${row.pillar}» ${pillar.message}`);
      const ownerUnitId = row.ownerUnit == null ? null : this.unitId("objectives", row.row, "ownerUnit", row.ownerUnit, existing?.owner_unit_id);
      if (!pillar.ok || (row.ownerUnit != null && ownerUnitId == null)) continue;
      const next: ObjectiveWrite = {
        code: row.code,
        pillar_id: pillar.item.id,
        title: row.title,
        description: row.description,
        weight: round(row.weight, 3)!,
        owner_unit_id: ownerUnitId,
      };
      const changes = existing ? diffFields(fields, next, existing) : [];
      const action: ImportAction = !existing ? "crear" : changes.length > 0 ? "modificar" : "sin cambios";
      this.record("objectives", row.row, row.code, action, changes);
      if (action === "sin cambios") continue;
      this.writes.objectives.push(next);
      this.audits.push({
        entityType: "objective",
        code: row.code,
        before: existing ? objectiveSnapshot(existing) : null,
        after: objectiveSnapshot(next),
      });
    }
  }

  planIndicators() {
    const fileObjectives = new Set(this.input.objectives.map((row) => row.code));
    const choice = <T extends string>(labels: Record<T, string>) => (value: unknown) => (value == null ? "vacío" : labels[value as T] ?? String(value));
    const fields: FieldDiff<IndicatorWrite, IndicatorFact>[] = [
      { label: "Objetivo", next: (row) => row.objective_code, before: (fact) => fact.objective_code },
      { label: "Nombre", next: (row) => row.name, before: (fact) => fact.name },
      { label: "Tipo", next: (row) => row.kind, before: (fact) => fact.kind, show: choice(KIND_CHOICES) },
      { label: "Descripción del numerador", next: (row) => row.numerator_label, before: (fact) => fact.numerator_label },
      { label: "Descripción del denominador", next: (row) => row.denominator_label, before: (fact) => fact.denominator_label },
      { label: "Factor", next: (row) => row.factor, before: (fact) => fact.factor },
      { label: "Unidad de medida", next: (row) => row.unit_of_measure, before: (fact) => fact.unit_of_measure },
      { label: "Sentido", next: (row) => row.direction, before: (fact) => fact.direction, show: choice(DIRECTION_CHOICES) },
      { label: "Periodicidad", next: (row) => row.periodicity, before: (fact) => fact.periodicity, show: choice(PERIODICITY_CHOICES) },
      { label: "Agregación", next: (row) => row.aggregation, before: (fact) => fact.aggregation, show: choice(AGGREGATION_CHOICES) },
      { label: "Cálculo del cumplimiento", next: (row) => row.scoring_method, before: (fact) => fact.scoring_method, show: choice(SCORING_METHOD_CHOICES) },
      { label: "Línea base", next: (row) => row.baseline_value, before: (fact) => fact.baseline_value },
      { label: "Año línea base", next: (row) => row.baseline_year, before: (fact) => fact.baseline_year },
      { label: "Ponderación", next: (row) => row.weight, before: (fact) => fact.weight },
      { label: "Unidad responsable", next: (row) => row.responsible_unit_id, before: (fact) => fact.responsible_unit_id, show: this.unitName },
      { label: "Desagregado por sexo", next: (row) => row.sex_disaggregated, before: (fact) => fact.sex_disaggregated },
      { label: "Publicado", next: (row) => row.is_published, before: (fact) => fact.is_published },
      { label: "Descripción", next: (row) => row.description, before: (fact) => fact.description },
      { label: "Fórmula de cálculo", next: (row) => row.formula, before: (fact) => fact.formula },
      { label: "Fuente de datos", next: (row) => row.data_source, before: (fact) => fact.data_source },
      { label: "Medio de verificación", next: (row) => row.verification_means, before: (fact) => fact.verification_means },
    ];
    for (const code of this.declared.indicators) this.indicatorStates.set(code, null);
    const planned: { row: IndicatorRow; next: IndicatorWrite; existing: IndicatorFact | undefined }[] = [];
    for (const row of this.input.indicators) {
      const existing = this.indicatorFacts.get(row.code);
      let valid = true;
      if (!fileObjectives.has(row.objective) && !this.objectiveFacts.has(row.objective)) {
        valid = false;
        if (!this.declared.objectives.has(row.objective)) {
          this.issue("indicators", row.row, "objective", `«${row.objective}» no es un objetivo de este plan ni está en la hoja Objetivos`);
        }
      }
      const unitId = this.unitId("indicators", row.row, "responsibleUnit", row.responsibleUnit, existing?.responsible_unit_id);
      if (unitId == null) valid = false;
      if (existing && existing.periodicity !== row.periodicity && existing.target_count + existing.measurement_count > 0) {
        valid = false;
        this.issue(
          "indicators",
          row.row,
          "periodicity",
          `no se puede cambiar porque el indicador ${row.code} ya tiene metas o mediciones (${existing.target_count + existing.measurement_count})`,
        );
      }
      if (!valid) continue;
      const next: IndicatorWrite = {
        code: row.code,
        objective_code: row.objective,
        name: row.name,
        description: row.description,
        formula: row.formula,
        kind: row.kind,
        numerator_label: row.numeratorLabel,
        denominator_label: row.denominatorLabel,
        factor: round(row.factor, 4)!,
        unit_of_measure: row.unitOfMeasure,
        direction: row.direction,
        periodicity: row.periodicity,
        aggregation: row.aggregation,
        scoring_method: row.scoringMethod,
        baseline_value: round(row.baselineValue, 4),
        baseline_year: row.baselineYear,
        weight: round(row.weight, 3)!,
        responsible_unit_id: unitId!,
        data_source: row.dataSource,
        verification_means: row.verificationMeans,
        sex_disaggregated: row.sexDisaggregated,
        is_published: row.isPublished,
      };
      planned.push({ row, next, existing });
      this.indicatorStates.set(row.code, {
        code: row.code,
        kind: next.kind,
        factor: next.factor,
        periodicity: next.periodicity,
        sexDisaggregated: next.sex_disaggregated,
        responsibleUnitId: next.responsible_unit_id,
        archived: existing?.archived ?? false,
      });
    }
    const weightProblems = this.objectiveWeightProblems(planned);
    for (const { row, next, existing } of planned) {
      if (weightProblems.has(row.row)) continue;
      const changes = existing ? diffFields(fields, next, existing) : [];
      const action: ImportAction = !existing ? "crear" : changes.length > 0 ? "modificar" : "sin cambios";
      this.record("indicators", row.row, row.code, action, changes);
      if (action === "sin cambios") continue;
      this.writes.indicators.push(next);
      this.audits.push({ entityType: "indicator", code: row.code, before: existing ? indicatorSnapshot(existing) : null, after: indicatorSnapshot(next) });
    }
  }

  /**
   * The scorecard needs each objective to keep at least one live indicator weighing more than 0:
   * the objectives the file's indicators go to or leave are checked as the import leaves them.
   * Answers the rows that got a problem.
   */
  private objectiveWeightProblems(planned: readonly { row: IndicatorRow; next: IndicatorWrite; existing: IndicatorFact | undefined }[]): Set<number> {
    const totals = new Map(this.facts.objective_weights.map((entry) => [entry.objective_code, { weight: entry.weight, live: entry.live }]));
    const touched = new Set<string>();
    for (const { next, existing } of planned) {
      touched.add(next.objective_code);
      if (existing) touched.add(existing.objective_code);
      if (existing?.archived) continue;
      const total = totals.get(next.objective_code) ?? { weight: 0, live: 0 };
      totals.set(next.objective_code, { weight: total.weight + next.weight, live: total.live + 1 });
    }
    const rows = new Set<number>();
    for (const code of touched) {
      const total = totals.get(code);
      if (!total || total.live === 0 || total.weight > 0) continue;
      for (const { row, next, existing } of planned) {
        if (next.objective_code === code) {
          this.issue("indicators", row.row, "weight", `al menos un indicador vigente del objetivo ${code} debe pesar más que 0`);
          rows.add(row.row);
        } else if (existing?.objective_code === code) {
          this.issue("indicators", row.row, "objective", `sin este indicador, los que quedan en el objetivo ${code} pesarían 0`);
          rows.add(row.row);
        }
      }
    }
    return rows;
  }

  /** The indicator and period of a target or measurement row, or null after recording why not. */
  private slot(sheet: "targets" | "measurements", row: { row: number; indicator: string; period: string }) {
    let indicator = this.indicatorStates.get(row.indicator);
    if (indicator === null) return null; // declared in the file with a problem of its own
    if (indicator === undefined) {
      const fact = this.indicatorFacts.get(row.indicator);
      if (!fact) {
        this.issue(sheet, row.row, "indicator", `«${row.indicator}» no es un indicador de este plan ni está en la hoja Indicadores`);
        return null;
      }
      indicator = {
        code: fact.code,
        kind: fact.kind,
        factor: fact.factor,
        periodicity: fact.periodicity,
        sexDisaggregated: fact.sex_disaggregated,
        responsibleUnitId: fact.responsible_unit_id,
        archived: fact.archived,
      };
    }
    if (indicator.archived) {
      this.issue(sheet, row.row, "indicator", `el indicador ${row.indicator} está archivado`);
      return null;
    }
    const period = this.periodsByKey.get(row.period);
    if (!period) {
      this.issue(sheet, row.row, "period", `${row.period} no es un periodo de este plan`);
      return null;
    }
    if (period.periodicity !== indicator.periodicity) {
      this.issue(
        sheet,
        row.row,
        "period",
        `${row.period} es un periodo ${PERIODICITY_CHOICES[period.periodicity].toLowerCase()} y el indicador ${row.indicator} es ${PERIODICITY_CHOICES[indicator.periodicity].toLowerCase()}`,
      );
      return null;
    }
    return { indicator, period };
  }

  planTargets() {
    const existing = new Map(this.facts.targets.map((target) => [slotKey(target.indicator_code, target.period_key), target.value]));
    for (const row of this.input.targets) {
      const slot = this.slot("targets", row);
      if (!slot) continue;
      const before = existing.get(slotKey(row.indicator, row.period));
      const key = `${row.indicator} · ${row.period}`;
      if (before === row.value) {
        this.record("targets", row.row, key, "sin cambios", []);
        continue;
      }
      const decision = decideTargetWrite(this.ctx.actor, { status: slot.period.status, key: slot.period.key });
      if (!decision.allowed) {
        this.issue("targets", row.row, "value", decision.reason);
        continue;
      }
      this.record("targets", row.row, key, before == null ? "crear" : "modificar", [`Meta: ${shown(before)} → ${shown(row.value)}`]);
      this.writes.targets.push({ indicator_code: row.indicator, period_id: slot.period.id, value: row.value });
      this.audits.push({
        entityType: "target",
        code: row.indicator,
        periodId: slot.period.id,
        before: before == null ? null : { value: before },
        after: { value: row.value, period_key: slot.period.key, period_status: slot.period.status },
      });
    }
  }

  planMeasurements() {
    const existing = new Map(this.facts.measurements.map((measurement) => [slotKey(measurement.indicator_code, measurement.period_key), measurement]));
    const fields: FieldDiff<MeasurementWrite, ImportFacts["measurements"][number]>[] = [
      { label: headerOf("measurements", "value"), next: (row) => row.value, before: (fact) => fact.value },
      { label: headerOf("measurements", "numerator"), next: (row) => row.numerator, before: (fact) => fact.numerator },
      { label: headerOf("measurements", "denominator"), next: (row) => row.denominator, before: (fact) => fact.denominator },
      { label: headerOf("measurements", "valueWomen"), next: (row) => row.value_women, before: (fact) => fact.value_women },
      { label: headerOf("measurements", "valueMen"), next: (row) => row.value_men, before: (fact) => fact.value_men },
      { label: headerOf("measurements", "comment"), next: (row) => row.comment, before: (fact) => fact.comment },
      { label: headerOf("measurements", "evidenceUrl"), next: (row) => row.evidence_url, before: (fact) => fact.evidence_url },
    ];
    for (const row of this.input.measurements) {
      const slot = this.slot("measurements", row);
      if (!slot) continue;
      const { indicator, period } = slot;
      const refusals: [string, string][] = [];
      const refuse = (field: "value" | "numerator" | "denominator" | "valueWomen" | "valueMen") => {
        const message = fieldRefusal(field, { kind: indicator.kind, sexDisaggregated: indicator.sexDisaggregated });
        if (message) refusals.push([field, message.slice(message.indexOf(": ") + 2)]);
      };
      let value = round(row.value, 4);
      if (indicator.kind === "ratio") {
        if (row.numerator == null) refusals.push(["numerator", "es obligatorio en un indicador de razón"]);
        if (row.denominator == null) refusals.push(["denominator", "es obligatorio en un indicador de razón"]);
        // The Valor column of a ratio is ignored: the value is computed as the grid does.
        value = row.numerator != null && row.denominator != null ? ratioValue(row.numerator, row.denominator, indicator.factor) : null;
      } else {
        if (row.numerator != null) refuse("numerator");
        if (row.denominator != null) refuse("denominator");
        if (row.value == null) refusals.push(["value", "es obligatorio"]);
      }
      if (row.valueWomen != null) refuse("valueWomen");
      if (row.valueMen != null) refuse("valueMen");
      for (const [field, message] of refusals) this.issue("measurements", row.row, field, message);
      if (refusals.length > 0) continue;

      const next: MeasurementWrite = {
        indicator_code: row.indicator,
        period_id: period.id,
        value,
        numerator: indicator.kind === "ratio" ? round(row.numerator, 4) : null,
        denominator: indicator.kind === "ratio" ? round(row.denominator, 4) : null,
        value_women: round(row.valueWomen, 4),
        value_men: round(row.valueMen, 4),
        comment: row.comment,
        evidence_url: row.evidenceUrl,
      };
      const before = existing.get(slotKey(row.indicator, row.period));
      const changes = before ? diffFields(fields, next, before) : [];
      const key = `${row.indicator} · ${row.period}`;
      if (before && changes.length === 0) {
        this.record("measurements", row.row, key, "sin cambios", []);
        continue;
      }
      const column = before ? (fields.find((field) => changes[0].startsWith(`${field.label}:`))?.label ?? "Valor") : "Valor";
      const columnKey = (["value", "numerator", "denominator", "valueWomen", "valueMen", "comment", "evidenceUrl"] as const).find(
        (field) => headerOf("measurements", field) === column,
      )!;
      if (before && (before.state === "submitted" || before.state === "approved")) {
        this.issue("measurements", row.row, columnKey, `la medición de ${row.indicator} en ${row.period} ${SENT[before.state]}; no se puede cambiar por importación`);
        continue;
      }
      const decision = decideMeasurementWrite(
        this.ctx.actor,
        { responsibleUnitId: indicator.responsibleUnitId },
        { status: period.status, key: period.key },
        before?.state ?? null,
      );
      if (!decision.allowed) {
        this.issue("measurements", row.row, columnKey, decision.reason);
        continue;
      }
      this.record("measurements", row.row, key, before ? "modificar" : "crear", changes);
      this.writes.measurements.push(next);
      const { indicator_code: _code, period_id: _period, ...values } = next;
      this.audits.push({
        entityType: "measurement",
        code: row.indicator,
        periodId: period.id,
        before: before ? { ...measurementValues(before), state: before.state } : null,
        after: { ...values, state: "draft", period_key: period.key, period_status: period.status },
      });
    }
  }
}

const SENT: Record<Extract<MeasurementState, "submitted" | "approved">, string> = {
  submitted: "ya fue enviada a validación",
  approved: "ya fue aprobada",
};

type Resolution<T> = { ok: true; item: T } | { ok: false; message: string };

/** Finds a pillar or unit by its exact code, else by code or name ignoring case and accents. */
function resolver<T extends { id: number; code: string; name: string }>(items: readonly T[], missing: string, ambiguous: string) {
  const byCode = new Map(items.map((item) => [item.code, item]));
  const byKey = new Map<string, Set<T>>();
  for (const item of items) {
    for (const text of [item.code, item.name]) {
      const key = matchKey(text);
      byKey.set(key, (byKey.get(key) ?? new Set()).add(item));
    }
  }
  return (text: string): Resolution<T> => {
    const exact = byCode.get(text);
    if (exact) return { ok: true, item: exact };
    const found = [...(byKey.get(matchKey(text)) ?? [])];
    if (found.length === 1) return { ok: true, item: found[0] };
    return { ok: false, message: found.length === 0 ? missing : ambiguous };
  };
}

function objectiveSnapshot(objective: Omit<ObjectiveWrite, "code"> & { code: string }) {
  return {
    code: objective.code,
    pillar_id: objective.pillar_id,
    title: objective.title,
    description: objective.description,
    weight: objective.weight,
    owner_unit_id: objective.owner_unit_id,
  };
}

function indicatorSnapshot(indicator: IndicatorWrite | IndicatorFact): Record<string, unknown> {
  const { code, objective_code, name, kind, factor, unit_of_measure, direction, periodicity, aggregation, scoring_method } = indicator;
  return {
    code,
    objective_code,
    name,
    description: indicator.description,
    formula: indicator.formula,
    kind,
    numerator_label: indicator.numerator_label,
    denominator_label: indicator.denominator_label,
    factor,
    unit_of_measure,
    direction,
    periodicity,
    aggregation,
    scoring_method,
    baseline_value: indicator.baseline_value,
    baseline_year: indicator.baseline_year,
    weight: indicator.weight,
    responsible_unit_id: indicator.responsible_unit_id,
    data_source: indicator.data_source,
    verification_means: indicator.verification_means,
    sex_disaggregated: indicator.sex_disaggregated,
    is_published: indicator.is_published,
  };
}

function measurementValues(measurement: ImportFacts["measurements"][number]) {
  return {
    value: measurement.value,
    numerator: measurement.numerator,
    denominator: measurement.denominator,
    value_women: measurement.value_women,
    value_men: measurement.value_men,
    comment: measurement.comment,
    evidence_url: measurement.evidence_url,
  };
}

// --- writing ----------------------------------------------------------------------------------

const IMPORT_ACTION = "import.apply";

/**
 * The planned writes: one statement per kind of record, then one multi-row audit insert (an
 * event per changed record and one for the import). A count that falls short means a record
 * changed between the locked check and the write; the transaction rolls back.
 */
async function writePlanned(trx: Transaction<Database>, ctx: ServiceContext, upload: StoredUpload, planned: PlannedImport) {
  const planId = upload.plan_id;
  const objectives = await upsertObjectives(trx, planId, planned.writes.objectives);
  const indicators = await upsertIndicators(trx, planId, planned.writes.indicators);
  const targets = await upsertTargets(trx, planId, planned.writes.targets, ctx.actor.id);
  const measurements = await upsertMeasurements(trx, planId, planned.writes.measurements, ctx.actor.id);
  if (
    objectives.length !== planned.writes.objectives.length ||
    indicators.length !== planned.writes.indicators.length ||
    targets.length !== planned.writes.targets.length ||
    measurements.length !== planned.writes.measurements.length
  ) {
    throw new ConflictError("Otra persona cambió estos datos mientras se aplicaba la importación; vuelva a revisar la vista previa y aplique de nuevo.");
  }

  const objectiveIds = new Map(objectives.map((row) => [row.code, row.id]));
  const indicatorIds = new Map(indicators.map((row) => [row.code, row.id]));
  const slotIds = new Map([...targets, ...measurements].map((row) => [slotKey(row.indicator_code, String(row.period_id)), row.indicator_id]));
  const entityId = (audit: PendingAudit): string => {
    switch (audit.entityType) {
      case "objective":
        return String(objectiveIds.get(audit.code));
      case "indicator":
        return String(indicatorIds.get(audit.code));
      default:
        return `${slotIds.get(slotKey(audit.code, String(audit.periodId)))}:${audit.periodId}`;
    }
  };
  const events: AuditEventInput[] = planned.audits.map((audit) => ({
    userId: ctx.actor.id,
    requestId: ctx.requestId,
    action: IMPORT_ACTION,
    entityType: audit.entityType,
    entityId: entityId(audit),
    before: audit.before,
    after: audit.after,
  }));
  events.push({
    userId: ctx.actor.id,
    requestId: ctx.requestId,
    action: IMPORT_ACTION,
    entityType: "import",
    entityId: upload.id,
    before: null,
    after: { file_name: upload.file_name, sha256: upload.sha256, plan_id: planId, plan_code: upload.plan_code, counts: planned.counts },
  });
  await insertAuditEvents(trx, events);
}
