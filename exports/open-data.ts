import type { MilestoneState, Periodicity } from "../db/schema";
import { MILESTONE_STATE_LABELS } from "../app/domain/schemas/milestones-grid";
import { DIRECTION_LABELS, PERIODICITY_LABELS } from "../app/domain/schemas/indicators";
import type { ScorecardModel } from "../app/domain/scorecard";
import { COMPLETION_LABELS, STATUS_LABELS, commitmentProgress, isOverdue } from "../app/domain/scoring";

/**
 * The open-data files of `/datos`: published indicators and commitments as CSV and JSON. Pure:
 * the service loads the scorecard and the action plan and passes them in. The dictionaries below
 * are the single description of every field: they fix the CSV's columns and their order, and the
 * `/datos` page prints them, so the files and their documentation cannot drift apart.
 *
 * Numbers are written for machines, not in es-CL: a dot for decimals, no thousands separator
 * (a spreadsheet set to Chilean Spanish imports them with "Datos > Desde texto/CSV").
 */

export const OPEN_DATA_LICENCE = {
  nombre: "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)",
  url: "https://creativecommons.org/licenses/by/4.0/deed.es",
} as const;

export const OPEN_DATA_PUBLISHER = "Gobierno Regional Metropolitano de Santiago (GORE RMS)";
export const OPEN_DATA_SOURCE =
  "Sistema de planificación estratégica y control de gestión del GORE RMS, Departamento de Modernización, " +
  "Planificación Estratégica y Control de Gestión. Los indicadores cuentan solo las mediciones aprobadas.";

export type FieldType = "texto" | "número" | "entero" | "fecha" | "fecha y hora" | "booleano" | "objeto" | "lista";

export interface FieldDoc {
  type: FieldType;
  description: string;
}

/** Every field of a row, documented; the key order is the column order of the CSV. */
export type Dictionary<Row> = { readonly [Key in keyof Row]-?: FieldDoc };

export interface DictionaryEntry extends FieldDoc {
  name: string;
}

export function dictionaryEntries<Row>(dictionary: Dictionary<Row>): DictionaryEntry[] {
  return Object.entries<FieldDoc>(dictionary).map(([name, doc]) => ({ name, ...doc }));
}

// --- indicators ----------------------------------------------------------------------------------

export interface IndicatorOpenRow {
  codigo_plan: string;
  pilar: string;
  codigo_objetivo: string;
  objetivo: string;
  codigo_indicador: string;
  indicador: string;
  unidad_de_medida: string;
  sentido: string;
  periodicidad: string;
  unidad_responsable: string;
  periodo: string;
  meta: number | null;
  valor: number | null;
  cumplimiento: number | null;
  estado: string;
  ultimo_periodo_informado: string | null;
}

export const INDICATOR_DICTIONARY: Dictionary<IndicatorOpenRow> = {
  codigo_plan: { type: "texto", description: "Código del plan estratégico (por ejemplo GORE-RMS-2023)." },
  pilar: {
    type: "texto",
    description:
      "Pilar del modelo de gobierno abierto al que pertenece el objetivo: Modernización, Transparencia o Participación.",
  },
  codigo_objetivo: { type: "texto", description: "Código del objetivo estratégico." },
  objetivo: { type: "texto", description: "Título del objetivo estratégico." },
  codigo_indicador: { type: "texto", description: "Código del indicador, único dentro del plan." },
  indicador: { type: "texto", description: "Nombre del indicador." },
  unidad_de_medida: { type: "texto", description: "Unidad en que se expresan la meta y el valor (por ejemplo %, número, días)." },
  sentido: { type: "texto", description: "«aumentar» si un valor mayor es mejor; «disminuir» si un valor menor es mejor." },
  periodicidad: { type: "texto", description: "Frecuencia con que se informa: mensual, trimestral, semestral o anual." },
  unidad_responsable: { type: "texto", description: "División o departamento del GORE que informa el indicador." },
  periodo: {
    type: "texto",
    description:
      "Periodo de corte (AAAA-MM, AAAA-Qn, AAAA-Sn o AAAA). Meta, valor y cumplimiento son los acumulados del año hasta el término de este periodo, igual que en el tablero.",
  },
  meta: {
    type: "número",
    description:
      "Meta del año hasta el periodo de corte, según la forma de agregación del indicador (suma, promedio o último valor). Hasta 6 decimales; vacío si no hay meta.",
  },
  valor: {
    type: "número",
    description:
      "Valor alcanzado con las mediciones aprobadas hasta el periodo de corte, con la misma agregación. Hasta 6 decimales; vacío si no hay mediciones aprobadas.",
  },
  cumplimiento: {
    type: "número",
    description:
      "Cumplimiento como fracción con 4 decimales (1 = 100 %): valor / meta si el sentido es aumentar, meta / valor si es disminuir, o (valor − línea base) / (meta − línea base) para indicadores medidos desde su línea base. Puede superar 1. Vacío sin datos.",
  },
  estado: { type: "texto", description: "Semáforo según los umbrales del plan: cumplido, en riesgo, no cumplido o sin datos." },
  ultimo_periodo_informado: {
    type: "texto",
    description:
      "Último periodo con una medición aprobada hasta el periodo de corte; vacío si no hay ninguno.",
  },
};

export interface IndicatorRowsInput {
  planCode: string;
  periodKey: string;
  model: Pick<ScorecardModel, "pillars">;
  /** The scorecard model does not carry the periodicity: the service reads it beside. */
  periodicityOf: ReadonlyMap<number, Periodicity>;
}

const lower = (label: string) => label.toLocaleLowerCase("es-CL");

/** One row per indicator of the (published-only) scorecard, in the plan's order. */
export function indicatorOpenRows(input: IndicatorRowsInput): IndicatorOpenRow[] {
  const rows: IndicatorOpenRow[] = [];
  for (const pillar of input.model.pillars) {
    for (const objective of pillar.objectives) {
      for (const indicator of objective.indicators) {
        const periodicity = input.periodicityOf.get(indicator.id);
        rows.push({
          codigo_plan: input.planCode,
          pilar: pillar.name,
          codigo_objetivo: objective.code,
          objetivo: objective.title,
          codigo_indicador: indicator.code,
          indicador: indicator.name,
          unidad_de_medida: indicator.unitOfMeasure,
          sentido: lower(DIRECTION_LABELS[indicator.direction]),
          periodicidad: periodicity ? lower(PERIODICITY_LABELS[periodicity]) : "",
          unidad_responsable: indicator.unitName,
          periodo: input.periodKey,
          meta: roundTo(indicator.target, VALUE_DECIMALS),
          valor: roundTo(indicator.actual, VALUE_DECIMALS),
          cumplimiento: roundTo(indicator.compliance, COMPLIANCE_DECIMALS),
          estado: STATUS_LABELS[indicator.status],
          ultimo_periodo_informado: indicator.lastPeriodKey,
        });
      }
    }
  }
  return rows;
}

// --- commitments and milestones ------------------------------------------------------------------

export interface CommitmentOpenRow {
  codigo_plan: string;
  pilar: string;
  codigo_compromiso: string;
  compromiso: string;
  descripcion: string | null;
  unidad_responsable: string;
  fecha_inicio: string;
  fecha_termino: string;
  avance: number | null;
  nivel_de_cumplimiento: string | null;
  numero_de_hitos: number;
  hitos_atrasados: number;
}

export interface MilestoneOpenRow {
  hito: string;
  fecha_comprometida: string;
  ponderacion: number;
  avance: number;
  estado: string;
  atrasado: boolean;
}

/** The JSON's commitment: the CSV row and its milestones. */
export interface CommitmentOpenRecord extends CommitmentOpenRow {
  hitos: MilestoneOpenRow[];
}

export const COMMITMENT_DICTIONARY: Dictionary<CommitmentOpenRow> = {
  codigo_plan: { type: "texto", description: "Código del plan estratégico." },
  pilar: { type: "texto", description: "Pilar al que pertenece el compromiso (línea del plan de acción)." },
  codigo_compromiso: { type: "texto", description: "Código del compromiso del plan de acción." },
  compromiso: { type: "texto", description: "Título del compromiso." },
  descripcion: { type: "texto", description: "Descripción del compromiso; vacío si no tiene." },
  unidad_responsable: { type: "texto", description: "División o departamento responsable del compromiso." },
  fecha_inicio: { type: "fecha", description: "Fecha de inicio (AAAA-MM-DD)." },
  fecha_termino: { type: "fecha", description: "Fecha de término comprometida (AAAA-MM-DD)." },
  avance: {
    type: "número",
    description:
      "Avance en porcentaje (0 a 100, hasta 2 decimales): promedio ponderado del avance de sus hitos, sin contar los cancelados. Vacío si no tiene hitos vigentes.",
  },
  nivel_de_cumplimiento: {
    type: "texto",
    description: "Nivel según la Alianza para el Gobierno Abierto: no iniciado (0 %), limitado (menos de 50 %), sustancial (menos de 100 %) o completo (100 %).",
  },
  numero_de_hitos: { type: "entero", description: "Cantidad de hitos del compromiso, incluidos los cancelados." },
  hitos_atrasados: {
    type: "entero",
    description:
      "Hitos con fecha comprometida vencida a la fecha de generación del archivo que no están cumplidos ni cancelados.",
  },
};

export const MILESTONE_DICTIONARY: Dictionary<MilestoneOpenRow> = {
  hito: { type: "texto", description: "Título del hito." },
  fecha_comprometida: { type: "fecha", description: "Fecha comprometida del hito (AAAA-MM-DD)." },
  ponderacion: { type: "número", description: "Peso del hito en el avance de su compromiso." },
  avance: { type: "número", description: "Avance del hito en porcentaje (0 a 100)." },
  estado: { type: "texto", description: "pendiente, en curso, cumplido o cancelado." },
  atrasado: { type: "booleano", description: "true si la fecha comprometida ya pasó y el hito no está cumplido ni cancelado." },
};

export interface CommitmentFacts {
  id: number;
  code: string;
  title: string;
  description: string | null;
  pillar_name: string;
  unit_name: string;
  start_date: string;
  end_date: string;
}

export interface MilestoneFacts {
  commitment_id: number;
  title: string;
  due_date: string;
  weight: number;
  progress: number;
  state: MilestoneState;
}

/** Each published commitment with its progress (the scoring engine's rule) and its milestones, in the order given. */
export function commitmentOpenRecords(input: {
  planCode: string;
  commitments: readonly CommitmentFacts[];
  milestones: readonly MilestoneFacts[];
  today: string;
}): CommitmentOpenRecord[] {
  const milestonesOf = new Map<number, MilestoneFacts[]>();
  for (const milestone of input.milestones) {
    const list = milestonesOf.get(milestone.commitment_id);
    if (list) list.push(milestone);
    else milestonesOf.set(milestone.commitment_id, [milestone]);
  }
  return input.commitments.map((commitment) => {
    const milestones = milestonesOf.get(commitment.id) ?? [];
    const result = commitmentProgress(
      milestones.map((m) => ({ label: m.title, weight: m.weight, progress: m.progress, state: m.state, dueDate: m.due_date })),
      input.today,
      { explain: false },
    );
    return {
      codigo_plan: input.planCode,
      pilar: commitment.pillar_name,
      codigo_compromiso: commitment.code,
      compromiso: commitment.title,
      descripcion: commitment.description,
      unidad_responsable: commitment.unit_name,
      fecha_inicio: commitment.start_date,
      fecha_termino: commitment.end_date,
      avance: roundTo(result.progress, PERCENT_DECIMALS),
      nivel_de_cumplimiento: result.level ? COMPLETION_LABELS[result.level] : null,
      numero_de_hitos: milestones.length,
      hitos_atrasados: result.overdueMilestones,
      hitos: milestones.map((m) => ({
        hito: m.title,
        fecha_comprometida: m.due_date,
        ponderacion: m.weight,
        avance: m.progress,
        estado: lower(MILESTONE_STATE_LABELS[m.state]),
        atrasado: isOverdue({ state: m.state, dueDate: m.due_date }, input.today),
      })),
    };
  });
}

// --- the JSON document ---------------------------------------------------------------------------

export interface OpenDataMetadata {
  titulo: string;
  descripcion: string;
  publicador: string;
  fuente: string;
  licencia: { nombre: string; url: string };
  plan: { codigo: string; nombre: string };
  periodo: { clave: string | null; fecha_inicio: string | null; fecha_de_corte: string };
  generado_en: string;
  registros: number;
  diccionario_de_datos: string;
  datos_de_demostracion: boolean;
}

export const METADATA_DICTIONARY: Dictionary<OpenDataMetadata> = {
  titulo: { type: "texto", description: "Nombre del conjunto de datos." },
  descripcion: { type: "texto", description: "Qué contiene el archivo." },
  publicador: { type: "texto", description: "Institución que publica los datos." },
  fuente: { type: "texto", description: "Sistema y criterio del que provienen los datos." },
  licencia: { type: "objeto", description: "Licencia de uso: nombre y url." },
  plan: { type: "objeto", description: "Plan estratégico: codigo y nombre." },
  periodo: {
    type: "objeto",
    description:
      "clave, fecha_inicio y fecha_de_corte del periodo de los indicadores; en compromisos, clave y fecha_inicio vacías y fecha_de_corte igual a la fecha (en Santiago) con que se calculan los hitos atrasados.",
  },
  generado_en: { type: "fecha y hora", description: "Momento en que se generó el archivo (ISO 8601, UTC)." },
  registros: { type: "entero", description: "Cantidad de elementos en data." },
  diccionario_de_datos: { type: "texto", description: "Dirección de esta página, que describe cada campo." },
  datos_de_demostracion: { type: "booleano", description: "true si el plan publicado es el plan de demostración y sus cifras no son reales." },
};

/** `{ metadata, data }`, indented so that a person can read it too. */
export function toJsonDocument<Row>(metadata: OpenDataMetadata, data: readonly Row[]): string {
  return `${JSON.stringify({ metadata, data }, null, 2)}\n`;
}

// --- CSV -----------------------------------------------------------------------------------------

/** UTF-8 byte-order mark: without it Excel reads the file as Windows-1252 and mangles the accents. */
export const CSV_BOM = "\uFEFF";
const CSV_LINE_END = "\r\n";

/**
 * RFC 4180 with a BOM: comma-separated, CRLF line ends, a header row of field names, text
 * quoted when it holds a comma, quote or line break (quotes doubled), empty cells for nulls.
 */
export function toCsv<Row>(dictionary: Dictionary<Row>, rows: readonly Row[]): string {
  const columns = Object.keys(dictionary) as (keyof Row & string)[];
  const lines = [columns.map(csvCell).join(",")];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row[column])).join(","));
  return CSV_BOM + lines.join(CSV_LINE_END) + CSV_LINE_END;
}

/** Spreadsheets run a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
// ";" too: Excel in Chile splits on semicolons, and an unquoted "…;=FORMULA" would run.
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * One CSV cell. Text that a spreadsheet would take for a formula gets a leading apostrophe, so
 * it shows as text and never runs; numbers are ours, not people's, and keep their minus sign.
 */
export function csvCell(value: unknown): string {
  if (value == null) return "";
  if (typeof value === "number") return plainNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = String(value);
  if (FORMULA_TRIGGER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// --- numbers -------------------------------------------------------------------------------------

const VALUE_DECIMALS = 6;
const COMPLIANCE_DECIMALS = 4;
const PERCENT_DECIMALS = 2;

/** Shortest decimal form, never an exponent, a dot for decimals: what a CSV reader expects. */
const plainFormat = new Intl.NumberFormat("en-US", { useGrouping: false, maximumFractionDigits: 20 });

export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return "";
  return plainFormat.format(value + 0); // + 0 turns -0 into 0
}

/** Rounded to `decimals` places, so that no float noise (0.30000000000000004) reaches the files. */
export function roundTo(value: number | null, decimals: number): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor + 0;
}
