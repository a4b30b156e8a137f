import type { Kysely } from "kysely";
import {
  findOpenDataSummary,
  listMilestonesOfPublishedCommitments,
  listPublishedCommitments,
  mapPublishedIndicatorPeriodicities,
} from "../../db/queries/open-data";
import { findCurrentPlan } from "../../db/queries/plans";
import { findScoringSettings } from "../../db/queries/scorecard";
import type { Database } from "../../db/schema";
import {
  COMMITMENT_DICTIONARY,
  INDICATOR_DICTIONARY,
  METADATA_DICTIONARY,
  MILESTONE_DICTIONARY,
  OPEN_DATA_LICENCE,
  OPEN_DATA_PUBLISHER,
  OPEN_DATA_SOURCE,
  commitmentOpenRecords,
  dictionaryEntries,
  indicatorOpenRows,
  toCsv,
  toJsonDocument,
  type OpenDataMetadata,
} from "../../exports/open-data";
import { todayInSantiago } from "../domain/dates";
import { scorecardFiltersSchema } from "../domain/schemas/scorecard";
import { parseInput } from "../domain/validation";
import { rethrowAsResponse } from "../http/responses.server";
import { requireCurrentPlan } from "./current-plan.server";
import { ValidationError } from "./errors";
import { computeScorecard, settingsOf } from "./scorecard.server";

/**
 * Open data (`/datos`): public, no sign-in, so no ServiceContext — these read the app's database
 * directly and show only what the plan publishes. The indicators come from the scorecard's one
 * data path with approved values only (the official numbers, the same as the dashboard's).
 */

export type OpenDataset = "indicadores" | "compromisos";
export type OpenDataFormat = "csv" | "json";

export const OPEN_DATA_FILES: readonly { dataset: OpenDataset; format: OpenDataFormat; href: string }[] = [
  { dataset: "indicadores", format: "csv", href: "/datos/indicadores.csv" },
  { dataset: "indicadores", format: "json", href: "/datos/indicadores.json" },
  { dataset: "compromisos", format: "csv", href: "/datos/compromisos.csv" },
  { dataset: "compromisos", format: "json", href: "/datos/compromisos.json" },
];

const DATASET_TEXT: Record<OpenDataset, { titulo: string; descripcion: string }> = {
  indicadores: {
    titulo: "Indicadores publicados del plan estratégico",
    descripcion:
      "Un registro por indicador publicado: meta, valor y cumplimiento acumulados del año hasta el periodo de corte, calculados solo con mediciones aprobadas, y su semáforo.",
  },
  compromisos: {
    titulo: "Compromisos publicados del plan de acción",
    descripcion: "Un registro por compromiso publicado: fechas, avance según sus hitos, nivel de cumplimiento e hitos atrasados.",
  },
};

interface OpenDataOptions {
  /** Cut-off period of the indicators; the dashboard's default (latest closed period) when absent. */
  periodKey?: string;
  /** 'YYYY-MM-DD' in Santiago: decides which milestones are overdue. */
  today?: string;
}

/** The published indicators scored as the dashboard scores them, one row each. */
export async function getIndicatorsOpenData(db: Kysely<Database>, options: OpenDataOptions = {}) {
  const plan = await requireCurrentPlan({ db });
  const [scoring, periodicityOf] = await Promise.all([findScoringSettings(db, plan.id), mapPublishedIndicatorPeriodicities(db, plan.id)]);
  const { period, model, today } = await computeScorecard(db, plan.id, settingsOf(scoring), {
    periodKey: options.periodKey,
    today: options.today,
    publishedOnly: true,
    includeSubmitted: false,
    explainIndicators: "none",
  });
  const rows = indicatorOpenRows({ planCode: plan.code, periodKey: period.key, model, periodicityOf });
  return { plan, period, today, rows };
}

/** The published commitments with their progress and milestones. */
export async function getCommitmentsOpenData(db: Kysely<Database>, options: Pick<OpenDataOptions, "today"> = {}) {
  const plan = await requireCurrentPlan({ db });
  const today = options.today ?? todayInSantiago();
  const [commitments, milestones] = await Promise.all([
    listPublishedCommitments(db, plan.id),
    listMilestonesOfPublishedCommitments(db, plan.id),
  ]);
  const records = commitmentOpenRecords({ planCode: plan.code, commitments, milestones, today });
  return { plan, today, records };
}

export interface OpenDataFile {
  body: string;
  contentType: string;
  fileName: string;
}

/** One of the four files, ready to send. `dictionaryUrl` is where the JSON points for its fields. */
export async function buildOpenDataFile(
  db: Kysely<Database>,
  dataset: OpenDataset,
  format: OpenDataFormat,
  options: OpenDataOptions & { dictionaryUrl: string; now?: Date },
): Promise<OpenDataFile> {
  const common = { dataset, generatedAt: (options.now ?? new Date()).toISOString(), dictionaryUrl: options.dictionaryUrl };
  if (dataset === "indicadores") {
    const { plan, period, rows } = await getIndicatorsOpenData(db, options);
    const periodo = { clave: period.key, fecha_inicio: period.start_date, fecha_de_corte: period.end_date };
    const metadata = metadataFor({ ...common, plan, periodo, registros: rows.length });
    return fileOf(dataset, format, `${safeName(plan.code)}-${safeName(period.key)}`, {
      csv: () => toCsv(INDICATOR_DICTIONARY, rows),
      json: () => toJsonDocument(metadata, rows),
    });
  }
  const { plan, today, records } = await getCommitmentsOpenData(db, options);
  const periodo = { clave: null, fecha_inicio: null, fecha_de_corte: today };
  const metadata = metadataFor({ ...common, plan, periodo, registros: records.length });
  return fileOf(dataset, format, `${safeName(plan.code)}-${today}`, {
    // One row per commitment: the milestones go only in the JSON.
    csv: () => toCsv(COMMITMENT_DICTIONARY, records),
    json: () => toJsonDocument(metadata, records),
  });
}

function metadataFor(facts: {
  dataset: OpenDataset;
  plan: { code: string; name: string; is_demo: boolean };
  periodo: OpenDataMetadata["periodo"];
  registros: number;
  generatedAt: string;
  dictionaryUrl: string;
}): OpenDataMetadata {
  return {
    ...DATASET_TEXT[facts.dataset],
    publicador: OPEN_DATA_PUBLISHER,
    fuente: OPEN_DATA_SOURCE,
    licencia: { ...OPEN_DATA_LICENCE },
    plan: { codigo: facts.plan.code, nombre: facts.plan.name },
    periodo: facts.periodo,
    generado_en: facts.generatedAt,
    registros: facts.registros,
    diccionario_de_datos: facts.dictionaryUrl,
    datos_de_demostracion: facts.plan.is_demo,
  };
}

/** Only the format asked for is built. */
function fileOf(dataset: OpenDataset, format: OpenDataFormat, suffix: string, build: Record<OpenDataFormat, () => string>): OpenDataFile {
  return {
    body: build[format](),
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
    fileName: `${dataset}-${suffix}.${format}`,
  };
}

/** A plan code in a file name: ASCII letters, digits, dot, dash and underscore only. */
const safeName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, "-");

const periodQuerySchema = scorecardFiltersSchema.pick({ periodo: true });

/** `?periodo=2024-12`, checked as the dashboard checks it; absent means the dashboard's default. */
function requestedPeriod(url: URL): string | undefined {
  const parsed = parseInput(periodQuerySchema, { periodo: url.searchParams.get("periodo") ?? undefined }, { periodo: "Periodo" });
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  return parsed.data.periodo;
}

/**
 * The HTTP answer of `/datos/<dataset>.<format>` (the routes are one line each).
 * `?periodo=` picks the indicators' cut-off; a bad one is a 422 with a Spanish message. Public and cacheable
 * for five minutes; CSV as a download, JSON readable from any origin.
 */
// The files are public and each one scores the whole plan: the same file is served from memory
// for a minute (the HTTP caches may keep it five), so anonymous traffic cannot tie up the server.
const FRESH_FOR_MS = 60_000;
const MAX_CACHED_FILES = 32;
const recentFilesByDb = new WeakMap<Kysely<Database>, Map<string, { file: Promise<OpenDataFile>; at: number }>>();

function cachedFile(db: Kysely<Database>, key: string, build: () => Promise<OpenDataFile>): Promise<OpenDataFile> {
  let recentFiles = recentFilesByDb.get(db);
  if (!recentFiles) recentFilesByDb.set(db, (recentFiles = new Map()));
  const now = Date.now();
  const hit = recentFiles.get(key);
  if (hit && now - hit.at < FRESH_FOR_MS) return hit.file;
  const file = build();
  recentFiles.set(key, { file, at: now });
  // A failure (a bad period) is not kept; the oldest entry goes when the cache is full.
  file.catch(() => recentFiles.delete(key));
  if (recentFiles.size > MAX_CACHED_FILES) recentFiles.delete(recentFiles.keys().next().value!);
  return file;
}

export async function openDataResponse(db: Kysely<Database>, dataset: OpenDataset, format: OpenDataFormat, request: Request): Promise<Response> {
  const url = new URL(request.url);
  try {
    const periodKey = dataset === "indicadores" ? requestedPeriod(url) : undefined;
    const dictionaryUrl = new URL("/datos", url).href;
    const file = await cachedFile(db, `${dataset}|${format}|${periodKey ?? ""}|${dictionaryUrl}`, () =>
      buildOpenDataFile(db, dataset, format, { periodKey, dictionaryUrl }),
    );
    const headers: Record<string, string> = {
      "Content-Type": file.contentType,
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
      "Content-Disposition": `${format === "csv" ? "attachment" : "inline"}; filename="${file.fileName}"`,
    };
    return new Response(file.body, { status: 200, headers });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

/** What `/datos` shows: the files, the licence, the data dictionary and the date of the latest change. */
export async function getOpenDataCatalog(db: Kysely<Database>) {
  // No plan yet is not an error here: the page still documents the files.
  const plan = await findCurrentPlan(db, process.env.PLAN_CODE);
  const summary = plan ? await findOpenDataSummary(db, plan.id) : null;
  return {
    plan: plan ? { code: plan.code, name: plan.name, isDemo: plan.is_demo } : null,
    counts: summary ? { indicadores: summary.indicators, compromisos: summary.commitments } : { indicadores: 0, compromisos: 0 },
    lastUpdate: summary?.lastChange ? todayInSantiago(summary.lastChange) : null,
    licence: { ...OPEN_DATA_LICENCE },
    publisher: OPEN_DATA_PUBLISHER,
    source: OPEN_DATA_SOURCE,
    files: OPEN_DATA_FILES,
    dictionary: {
      indicadores: dictionaryEntries(INDICATOR_DICTIONARY),
      compromisos: dictionaryEntries(COMMITMENT_DICTIONARY),
      hitos: dictionaryEntries(MILESTONE_DICTIONARY),
      metadata: dictionaryEntries(METADATA_DICTIONARY),
    },
  };
}
