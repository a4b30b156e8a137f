import type { Writable } from "node:stream";
import type { AgreementState, Direction, MeasurementState, MilestoneState, Periodicity, ScoringMethod } from "../db/schema";
import { PERIODICITY_LABELS, PERIODICITY_ORDER, periodLabel } from "../app/domain/period-labels";
import { COMPLETION_LABELS, type Status } from "../app/domain/scoring";
import { complianceFormula, INDICATOR_COLUMNS, scoredComplianceFormula } from "./compliance-formula";
import type { ReportData, ReportIndicator, RollupFigures, ValidationState } from "./report-data";
import { safeText } from "./safe-text";
import { STATUS_STYLE, STATUS_WORDS, STYLE, type CellStyle } from "./styles";
import {
  excelDate,
  fitWidth,
  openWorkbookWriter,
  writeSheet,
  type CellValue,
  type DocumentProperties,
  type SheetColumn,
  type SheetRow,
  type SheetSpec,
} from "./xlsx-stream";

/**
 * The management report (reporte de gestión): Resumen, Indicadores, Plan de acción, Comité and
 * Datos, written with exceljs' streaming writer. It takes plain data (./report-data.ts: the
 * scorecard the dashboard shows, laid out) and never queries. Numbers come as the engine
 * computed them; the compliance formulas (./compliance-formula.ts) carry the engine's number as
 * their cached result.
 */

export const REPORT_SHEETS = ["Resumen", "Indicadores", "Plan de acción", "Comité", "Datos"] as const;

const DIRECTION_WORDS: Record<Direction, string> = { increase: "Aumentar", decrease: "Disminuir" };
const METHOD_WORDS: Record<ScoringMethod, string> = { ratio: "Razón", baseline: "Desde la línea base" };
const VALIDATION_WORDS: Record<ValidationState, string> = {
  validated: "Validado",
  unvalidated: "Incluye valores no validados",
  none: "Sin valores informados",
};
const MEASUREMENT_WORDS: Record<MeasurementState, string> = {
  draft: "Borrador",
  submitted: "Enviado (no validado)",
  approved: "Aprobado",
  returned: "Devuelto",
};
const MILESTONE_WORDS: Record<MilestoneState, string> = {
  pending: "Pendiente",
  in_progress: "En curso",
  done: "Cumplido",
  cancelled: "Cancelado",
};
const AGREEMENT_WORDS: Record<AgreementState, string> = MILESTONE_WORDS;
const STATUS_ORDER: readonly Status[] = ["green", "yellow", "red", "none"];

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const fraction = (percent: number | null) => (percent == null ? null : percent / 100);
const yesNo = (flag: boolean) => (flag ? "Sí" : "No");
const column = (header: string, width: number, style: CellStyle = STYLE.text): SheetColumn => ({ header, width, style });

interface PeriodColumn {
  key: string;
  periodicity: Periodicity;
  endDate: string;
}

/** The year's periods that appear in the report, monthly first, each kind in date order. */
function periodColumnsOf(indicators: readonly ReportIndicator[]): PeriodColumn[] {
  const byKey = new Map<string, PeriodColumn>();
  for (const indicator of indicators) {
    for (const period of indicator.periods) {
      if (!byKey.has(period.key)) byKey.set(period.key, { key: period.key, periodicity: indicator.periodicity, endDate: period.endDate });
    }
  }
  return [...byKey.values()].sort(
    (x, y) =>
      PERIODICITY_ORDER.indexOf(x.periodicity) - PERIODICITY_ORDER.indexOf(y.periodicity) ||
      (x.endDate < y.endDate ? -1 : x.endDate > y.endDate ? 1 : 0),
  );
}

/** Each indicator's texts once, normalised (the Datos sheet repeats them on every period's row). */
interface IndicatorTexts {
  pillar: string;
  objectiveCode: string;
  objective: string;
  code: string;
  name: string;
  unitOfMeasure: string;
  unit: string;
}

function textsOf(indicator: ReportIndicator): IndicatorTexts {
  return {
    pillar: safeText(indicator.pillarName)!,
    objectiveCode: safeText(indicator.objectiveCode)!,
    objective: safeText(indicator.objectiveTitle)!,
    code: safeText(indicator.code)!,
    name: safeText(indicator.name)!,
    unitOfMeasure: safeText(indicator.unitOfMeasure)!,
    unit: safeText(indicator.unitName)!,
  };
}

function indicatorsSheet(data: ReportData, texts: readonly IndicatorTexts[]): SheetSpec {
  const periodColumns = periodColumnsOf(data.indicators);
  const slotOf = new Map(periodColumns.map((period, index) => [period.key, index]));
  const fixed = 17; // columns before the periods
  const width = (header: string, pick: (t: IndicatorTexts) => string, max = 50) =>
    fitWidth(header, texts.map(pick), { min: 8, max });
  const columns: SheetColumn[] = [
    column("Pilar", width("Pilar", (t) => t.pillar, 30)),
    column("Cód. objetivo", 13),
    column("Objetivo", width("Objetivo", (t) => t.objective, 45)),
    column("Código", width("Código", (t) => t.code, 20)),
    column("Indicador", width("Indicador", (t) => t.name, 60)),
    column("Unidad de medida", width("Unidad de medida", (t) => t.unitOfMeasure, 20)),
    column("Unidad responsable", width("Unidad responsable", (t) => t.unit, 40)),
    column("Sentido", 11),
    column("Método de cálculo", 19),
    column("Línea base", 12, STYLE.decimal),
    column("Ponderación", 12, STYLE.decimal),
    column("Meta", 14, STYLE.decimal),
    column("Valor", 14, STYLE.decimal),
    column("Cumplimiento", 14, STYLE.percent),
    column("Cumplimiento puntuado", 14, STYLE.percent),
    column("Estado", 13),
    column("Validación", 27),
    ...periodColumns.map((period) => column(periodLabel(period.key), 13, STYLE.decimal)),
  ];
  // "Estado" (0-based 15) carries the semáforo fill: one shared style array per status.
  const statusStyles = {} as Record<Status, (CellStyle | undefined)[]>;
  for (const status of STATUS_ORDER) {
    statusStyles[status] = [];
    statusStyles[status][15] = STATUS_STYLE[status];
  }
  function* rows(): Generator<SheetRow> {
    for (let i = 0; i < data.indicators.length; i++) {
      const indicator = data.indicators[i];
      const text = texts[i];
      const row = i + 2; // a table's header is row 1 (writeSheet)
      const values: CellValue[] = new Array(fixed + periodColumns.length).fill(null);
      values[0] = text.pillar;
      values[1] = text.objectiveCode;
      values[2] = text.objective;
      values[3] = text.code;
      values[4] = text.name;
      values[5] = text.unitOfMeasure;
      values[6] = text.unit;
      values[7] = DIRECTION_WORDS[indicator.direction];
      // Without a baseline the engine scores a "from the baseline" indicator by the ratio rule.
      values[8] = indicator.scoringMethod === "baseline" && indicator.baseline == null ? "Razón (sin línea base)" : METHOD_WORDS[indicator.scoringMethod];
      values[INDICATOR_COLUMNS.baseline - 1] = indicator.baseline; // the formula's inputs, where it reads them
      values[10] = indicator.weight;
      values[INDICATOR_COLUMNS.target - 1] = indicator.target;
      values[INDICATOR_COLUMNS.actual - 1] = indicator.actual;
      values[INDICATOR_COLUMNS.compliance - 1] = { formula: complianceFormula(row, indicator), result: indicator.compliance ?? "" };
      values[14] = { formula: scoredComplianceFormula(row, data.settings), result: indicator.score ?? "" };
      values[15] = STATUS_WORDS[indicator.status];
      values[16] = VALIDATION_WORDS[indicator.validation];
      for (const period of indicator.periods) {
        const slot = slotOf.get(period.key);
        if (slot !== undefined) values[fixed + slot] = period.value;
      }
      yield { values, styles: statusStyles[indicator.status] };
    }
  }
  return { name: "Indicadores", columns, table: true, rows: rows() };
}

// --- Datos: one row per indicator and period, for pivot tables -----------------------------------

function dataSheet(data: ReportData, texts: readonly IndicatorTexts[], nameWidth: number): SheetSpec {
  const columns: SheetColumn[] = [
    column("Cód. pilar", 11),
    column("Cód. objetivo", 13),
    column("Código indicador", fitWidth("Código indicador", texts.map((t) => t.code), { min: 10, max: 20 })),
    column("Indicador", nameWidth),
    column("Unidad responsable", fitWidth("Unidad responsable", texts.map((t) => t.unit), { min: 10, max: 40 })),
    column("Periodicidad", 12),
    column("Periodo", 10),
    column("Fecha de término", 12, STYLE.date),
    column("Meta", 14, STYLE.decimal),
    column("Valor", 14, STYLE.decimal),
    column("Numerador", 14, STYLE.decimal),
    column("Denominador", 14, STYLE.decimal),
    column("Estado de la medición", 22),
  ];
  const noMeasurement = data.onlyValidated ? "Sin medición aprobada" : "Sin medición";
  // One Date per period, not one per row: thousands of indicators share the year's periods.
  const endDates = new Map<string, Date | null>();
  const endDateOf = (isoDate: string) => {
    let date = endDates.get(isoDate);
    if (date === undefined) endDates.set(isoDate, (date = excelDate(isoDate)));
    return date;
  };
  function* rows(): Generator<SheetRow> {
    for (let i = 0; i < data.indicators.length; i++) {
      const indicator = data.indicators[i];
      const text = texts[i];
      const pillarCode = safeText(indicator.pillarCode);
      const periodicity = PERIODICITY_LABELS[indicator.periodicity];
      for (const period of indicator.periods) {
        yield {
          values: [
            pillarCode,
            text.objectiveCode,
            text.code,
            text.name,
            text.unit,
            periodicity,
            period.key,
            endDateOf(period.endDate),
            period.target,
            period.value,
            period.numerator,
            period.denominator,
            period.state ? MEASUREMENT_WORDS[period.state] : noMeasurement,
          ],
        };
      }
    }
  }
  return { name: "Datos", columns, table: true, rows: rows() };
}

// --- Plan de acción -----------------------------------------------------------------------------

function actionPlanSheet(data: ReportData): SheetSpec {
  const titles = data.commitments.flatMap((c) => [c.title, ...c.milestones.map((m) => m.title)]);
  const columns: SheetColumn[] = [
    column("Tipo", 12),
    column("Pilar", fitWidth("Pilar", data.commitments.map((c) => c.pillarName), { min: 8, max: 30 })),
    column("Compromiso", 12),
    column("Título", fitWidth("Título", titles, { min: 20, max: 60 })),
    column("Unidad responsable", fitWidth("Unidad responsable", data.commitments.map((c) => c.unitName), { min: 12, max: 40 })),
    column("Inicio", 12, STYLE.date),
    column("Término / fecha comprometida", 16, STYLE.date),
    column("Ponderación", 12, STYLE.decimal),
    column("Avance", 10, STYLE.percent),
    column("Avance esperado", 12, STYLE.percent),
    column("Nivel de cumplimiento", 14),
    column("Estado", 12),
    column("Atrasado", 14),
  ];
  // A commitment's row stands out from its milestones' rows; a late one is marked in red.
  const commitmentStyle = [STYLE.label, undefined, STYLE.label, STYLE.label];
  const commitmentStyles = [commitmentStyle, [...commitmentStyle, ...new Array(8).fill(undefined), STYLE.late]];
  function* rows(): Generator<SheetRow> {
    for (const commitment of data.commitments) {
      const code = safeText(commitment.code);
      const pillar = safeText(commitment.pillarName);
      const unit = safeText(commitment.unitName);
      const late = commitment.overdueMilestones;
      yield {
        values: [
          "Compromiso",
          pillar,
          code,
          safeText(commitment.title),
          unit,
          excelDate(commitment.startDate),
          excelDate(commitment.endDate),
          commitment.weight,
          fraction(commitment.progress),
          fraction(commitment.expectedProgress),
          commitment.level ? capitalised(COMPLETION_LABELS[commitment.level]) : null,
          null,
          late > 0 ? `Sí (${late} ${late === 1 ? "hito" : "hitos"})` : "No",
        ],
        styles: commitmentStyles[late > 0 ? 1 : 0],
      };
      for (const milestone of commitment.milestones) {
        const styles: (CellStyle | undefined)[] = [];
        if (milestone.overdue) styles[12] = STYLE.late;
        yield {
          values: [
            "Hito",
            pillar,
            code,
            safeText(milestone.title),
            unit,
            null,
            excelDate(milestone.dueDate),
            milestone.weight,
            fraction(milestone.progress),
            null,
            null,
            MILESTONE_WORDS[milestone.state],
            yesNo(milestone.overdue),
          ],
          styles,
        };
      }
    }
  }
  return { name: "Plan de acción", columns, table: true, rows: rows() };
}

// --- Comité -------------------------------------------------------------------------------------

function committeeSheet(data: ReportData): SheetSpec {
  const columns: SheetColumn[] = [
    column("Sesión", 8, STYLE.integer),
    column("Fecha de la sesión", 12, STYLE.date),
    column("Sesión (título)", fitWidth("Sesión (título)", data.agreements.map((a) => a.sessionTitle), { min: 12, max: 40 })),
    column("N.º acuerdo", 10, STYLE.integer),
    column("Acuerdo", 70, STYLE.wrapped),
    column("Unidad responsable", fitWidth("Unidad responsable", data.agreements.map((a) => a.unitName), { min: 12, max: 40 })),
    column("Fecha comprometida", 12, STYLE.date),
    column("Estado", 12),
    column("Fecha de cumplimiento", 13, STYLE.date),
    column("Atrasado", 10),
  ];
  function* rows(): Generator<SheetRow> {
    for (const agreement of data.agreements) {
      const styles: (CellStyle | undefined)[] = [];
      if (agreement.overdue) styles[9] = STYLE.late;
      yield {
        values: [
          agreement.sessionNumber,
          excelDate(agreement.sessionDate),
          safeText(agreement.sessionTitle),
          agreement.position,
          safeText(agreement.text),
          safeText(agreement.unitName),
          excelDate(agreement.dueDate),
          AGREEMENT_WORDS[agreement.state],
          excelDate(agreement.completedOn),
          yesNo(agreement.overdue),
        ],
        styles,
      };
    }
  }
  return { name: "Comité", columns, table: true, rows: rows() };
}

// --- Resumen ------------------------------------------------------------------------------------

function summarySheet(data: ReportData): SheetSpec {
  const { summary, settings } = data;
  const columns: SheetColumn[] = [
    column("", 34),
    column("", fitWidth("", summary.pillars.map((p) => p.actionLine ?? ""), { min: 30, max: 50 })),
    column("", 16),
    column("", 14),
    column("", 14),
    column("", 14),
  ];
  const percentOfCount = (n: number) => (summary.indicatorCount > 0 ? n / summary.indicatorCount : null);
  function* rows(): Generator<SheetRow> {
    const blank: SheetRow = { values: [] };
    const header = (labels: string[]): SheetRow => ({ values: labels, styles: labels.map(() => STYLE.header) });
    const rollupRow = (name: string, detail: string | null, weight: number | null, figures: RollupFigures): SheetRow => ({
      values: [safeText(name), safeText(detail), weight, figures.score, STATUS_WORDS[figures.status], figures.coverage],
      styles: [STYLE.label, STYLE.text, STYLE.decimal, STYLE.percent, STATUS_STYLE[figures.status], STYLE.percent],
    });
    const line = (label: string, value: CellValue, style: CellStyle = STYLE.text): SheetRow => ({
      values: [label, value],
      styles: [STYLE.label, style],
    });

    yield { values: ["Reporte de gestión"], styles: [STYLE.title] };
    yield line("Plan", `${safeText(data.plan.name)} (${safeText(data.plan.code)})`);
    yield line("Periodo", `${periodLabel(data.period.key)} (${data.period.key}): avance acumulado del año`);
    yield line("Fecha de corte", excelDate(data.period.endDate), STYLE.dateLeft);
    yield line("Fecha de emisión", excelDate(data.issuedOn), STYLE.dateLeft);
    yield line("Valores considerados", data.onlyValidated ? "Solo validados (cifras oficiales)" : "Validados y reportados aún no validados");
    yield line(
      "Filtros",
      data.filters.length > 0 ? data.filters.map((filter) => `${filter.label}: ${safeText(filter.value)}`).join(" · ") : "Ninguno: todo el plan",
    );
    yield line(
      "Semáforo",
      `Cumplido ≥ ${settings.greenThreshold} % · En riesgo ≥ ${settings.yellowThreshold} % · No cumplido < ${settings.yellowThreshold} % · Tope del puntaje ${settings.cap} %`,
    );
    yield blank;

    yield header(["Plan", "Indicadores", "", "Puntaje", "Estado", "Cobertura"]);
    yield rollupRow(summary.plan.name, `${summary.indicatorCount} indicadores`, null, summary.plan);
    yield blank;

    yield header(["Pilar", "Línea de acción", "Ponderación", "Puntaje", "Estado", "Cobertura"]);
    for (const pillar of summary.pillars) yield rollupRow(`${pillar.code} ${pillar.name}`, pillar.actionLine, pillar.weight, pillar);
    yield blank;

    yield header(["Eje transversal", "Indicadores", "", "Puntaje", "Estado", "Cobertura"]);
    for (const axis of summary.axes) yield rollupRow(axis.name, `${axis.indicatorCount} indicadores`, null, axis);
    if (data.pillarFiltered) {
      yield {
        values: ["El puntaje del plan y los de los ejes consideran todos los pilares de la vista; el filtro de pilar acota las demás filas."],
        styles: [STYLE.note],
      };
    }
    yield blank;

    yield header(["Indicadores por estado", "Cantidad", "Porcentaje"]);
    for (const status of STATUS_ORDER) {
      const count = summary.statusCounts[status];
      yield { values: [STATUS_WORDS[status], count, percentOfCount(count)], styles: [STATUS_STYLE[status], STYLE.integer, STYLE.percent] };
    }
    yield { values: ["Total", summary.indicatorCount], styles: [STYLE.label, STYLE.integer] };
    yield blank;

    yield header(["Plan de acción", ""]);
    yield line("Compromisos", summary.commitments.count, STYLE.integer);
    yield line("Avance promedio", fraction(summary.commitments.averageProgress), STYLE.percent);
    yield line("Hitos atrasados", summary.overdueMilestones.length, STYLE.integer);
    yield blank;

    if (summary.overdueMilestones.length > 0) {
      yield header(["Compromiso", "Hito atrasado", "Fecha comprometida", "Avance", "Estado"]);
      for (const milestone of summary.overdueMilestones) {
        yield {
          values: [
            `${safeText(milestone.commitmentCode)} ${safeText(milestone.commitmentTitle)}`,
            safeText(milestone.title),
            excelDate(milestone.dueDate),
            fraction(milestone.progress),
            MILESTONE_WORDS[milestone.state],
          ],
          styles: [STYLE.text, STYLE.text, STYLE.date, STYLE.percent, STYLE.late],
        };
      }
    }
  }
  return { name: "Resumen", columns, table: false, rows: rows() };
}

/** The five sheets, in order, as plain rows and shared styles. */
export function managementReportSheets(data: ReportData): SheetSpec[] {
  const texts = data.indicators.map(textsOf);
  const indicators = indicatorsSheet(data, texts);
  const nameWidth = indicators.columns[4].width;
  return [summarySheet(data), indicators, actionPlanSheet(data), committeeSheet(data), dataSheet(data, texts, nameWidth)];
}

export function reportProperties(data: ReportData): DocumentProperties {
  return {
    title: `Reporte de gestión · ${data.plan.name}`,
    subject: `Control de gestión: ${periodLabel(data.period.key)}`,
    creator: "GORE RMS",
    created: data.generatedAt,
    keywords: `reporte de gestión, ${data.plan.code}, ${data.period.key}`,
  };
}

/** Writes the whole workbook to `out` and ends it. Never awaited before `out` has a reader (see xlsx-stream.ts). */
export async function buildManagementReport(data: ReportData, out: Writable, options: { styled?: boolean } = {}): Promise<void> {
  const styled = options.styled ?? true;
  const writer = openWorkbookWriter(out, reportProperties(data), { styled });
  for (const sheet of managementReportSheets(data)) {
    await writeSheet(writer, sheet, out, { styled, footerTitle: "GORE RMS · Reporte de gestión" });
  }
  await writer.commit();
}
