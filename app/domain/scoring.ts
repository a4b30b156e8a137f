import type { Aggregation, Direction, IndicatorKind, MeasurementState, MilestoneState, ScoringMethod } from "../../db/schema";
import { formatDecimal, formatPercent } from "./format";

/**
 * The scoring rules of DESIGN.md, as pure functions. Every score carries the lines a person
 * reads under "¿cómo se calcula?". Compliance is a fraction (1 = 100 %); thresholds and the
 * cap are percentages, as the plan stores them.
 */

export interface ScoringSettings {
  greenThreshold: number;
  yellowThreshold: number;
  cap: number;
}

export const DEFAULT_SETTINGS: ScoringSettings = { greenThreshold: 95, yellowThreshold: 75, cap: 100 };

export type Status = "green" | "yellow" | "red" | "none";

export const STATUS_LABELS: Record<Status, string> = {
  green: "cumplido",
  yellow: "en riesgo",
  red: "no cumplido",
  none: "sin datos",
};

const pct = (fraction: number) => formatPercent(fraction * 100, 1);
const num = (value: number) => formatDecimal(value, Number.isInteger(value) ? 0 : 2);

// --- measured values ---------------------------------------------------------------------------

export interface RawMeasurement {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

export type ValueFlag = "denominator_zero" | "missing";

/** ratio -> numerator / denominator x factor (denominator 0: no value, flagged); value -> value. */
export function measuredValue(
  kind: IndicatorKind,
  factor: number,
  measurement: RawMeasurement,
): { value: number | null; flag?: ValueFlag } {
  if (kind === "value") return measurement.value == null ? { value: null, flag: "missing" } : { value: measurement.value };
  const { numerator, denominator } = measurement;
  if (numerator == null || denominator == null) return { value: null, flag: "missing" };
  if (denominator === 0) return { value: null, flag: "denominator_zero" };
  return { value: (numerator / denominator) * factor };
}

/** Sum, average or last of the values in period order; null when there is none. */
export function aggregate(values: readonly (number | null)[], aggregation: Aggregation): number | null {
  const present = values.filter((value): value is number => value != null);
  if (present.length === 0) return null;
  switch (aggregation) {
    case "sum":
      return present.reduce((total, value) => total + value, 0);
    case "average":
      return present.reduce((total, value) => total + value, 0) / present.length;
    case "last":
      return present[present.length - 1];
  }
}

const AGGREGATION_WORDS: Record<Aggregation, string> = { sum: "suma", average: "promedio", last: "último valor" };

// --- compliance ----------------------------------------------------------------------------------

export interface ComplianceRule {
  direction: Direction;
  scoringMethod: ScoringMethod;
  baselineValue: number | null;
}

export type ComplianceFlag = "negative_values" | "target_equals_baseline";

export interface ComplianceResult {
  /** Raw compliance (over-achievement visible), or null when it cannot be computed. */
  compliance: number | null;
  flag?: ComplianceFlag;
  formula: string;
}

/**
 * increase: actual / target (target 0 -> 100 % when actual >= 0); decrease: target / actual
 * (actual 0 -> 100 %). That ratio rule needs non-negative values. "From the baseline":
 * (actual - baseline) / (target - baseline), floored at 0.
 */
export interface ExplainOption {
  explain: boolean;
}

export function compliance(
  rule: ComplianceRule,
  actual: number,
  target: number,
  options: ExplainOption = { explain: true },
): ComplianceResult {
  return computeCompliance(rule, actual, target, options.explain);
}

function computeCompliance(rule: ComplianceRule, actual: number, target: number, explain: boolean): ComplianceResult {
  if (rule.scoringMethod === "baseline" && rule.baselineValue != null) {
    const baseline = rule.baselineValue;
    if (target === baseline) {
      const reached = rule.direction === "increase" ? actual >= target : actual <= target;
      return {
        compliance: reached ? 1 : 0,
        flag: "target_equals_baseline",
        formula: explain ? `La meta es igual a la línea base (${num(baseline)}): ${reached ? "alcanzada" : "no alcanzada"}` : "",
      };
    }
    const raw = (actual - baseline) / (target - baseline);
    return {
      compliance: Math.max(0, raw),
      formula: explain ? `(${num(actual)} − ${num(baseline)}) / (${num(target)} − ${num(baseline)}) = ${pct(raw)}${raw < 0 ? ", llevado a 0 %" : ""}` : "",
    };
  }
  if (actual < 0 || target < 0) {
    return { compliance: null, flag: "negative_values", formula: "Valores negativos: la regla de razón no se aplica" };
  }
  if (rule.direction === "increase") {
    if (target === 0) return { compliance: 1, formula: "Meta 0 con valor ≥ 0: 100 %" };
    return { compliance: actual / target, formula: explain ? `${num(actual)} / ${num(target)} = ${pct(actual / target)}` : "" };
  }
  if (actual === 0) return { compliance: 1, formula: "Valor 0 en un indicador a disminuir: 100 %" };
  return { compliance: target / actual, formula: explain ? `${num(target)} / ${num(actual)} = ${pct(target / actual)}` : "" };
}

export function scoredCompliance(raw: number, settings: ScoringSettings): number {
  return Math.min(raw, settings.cap / 100);
}

export function statusOf(raw: number | null, settings: ScoringSettings): Status {
  if (raw == null) return "none";
  if (raw * 100 >= settings.greenThreshold) return "green";
  if (raw * 100 >= settings.yellowThreshold) return "yellow";
  return "red";
}

function statusLine(status: Status, settings: ScoringSettings): string {
  switch (status) {
    case "green":
      return `Estado: cumplido (≥ ${settings.greenThreshold} %)`;
    case "yellow":
      return `Estado: en riesgo (entre ${settings.yellowThreshold} % y ${settings.greenThreshold} %)`;
    case "red":
      return `Estado: no cumplido (< ${settings.yellowThreshold} %)`;
    case "none":
      return "Estado: sin datos";
  }
}

// --- one indicator -------------------------------------------------------------------------------

export interface IndicatorPeriod {
  periodKey: string;
  target: number | null;
  /** The measurement of the period, if it counts (already filtered by state by the caller). */
  measurement: (RawMeasurement & { state?: MeasurementState | null }) | null;
}

export interface IndicatorDefinition extends ComplianceRule {
  kind: IndicatorKind;
  factor: number;
  aggregation: Aggregation;
}

export interface IndicatorScore {
  actual: number | null;
  target: number | null;
  compliance: number | null;
  score: number | null;
  status: Status;
  reportedPeriods: number;
  flags: (ValueFlag | ComplianceFlag)[];
  explanation: string[];
}

/**
 * Year-to-date score of an indicator: its periods of the year up to the one scored, in order.
 * The actual aggregates the reported periods; the target aggregates the targets of the same
 * span (for "last": the target of the last reported period).
 */
export function scoreIndicator(
  definition: IndicatorDefinition,
  periods: readonly IndicatorPeriod[],
  settings: ScoringSettings,
  options: ExplainOption = { explain: true },
): IndicatorScore {
  return scoreIndicatorRows(
    definition,
    periods.map(({ target, measurement }) => ({
      target,
      state: measurement ? (measurement.state ?? "approved") : null,
      numerator: measurement?.numerator ?? null,
      denominator: measurement?.denominator ?? null,
      value: measurement?.value ?? null,
    })),
    settings,
    options,
  );
}

/** A period as the scorecard loads it: its target and the fields of the measurement that counts (state null: none). */
export interface IndicatorPeriodRow extends RawMeasurement {
  target: number | null;
  state: MeasurementState | null;
}

/** `scoreIndicator` over flat rows, which the scorecard reads without building a period object each. */
export function scoreIndicatorRows(
  definition: IndicatorDefinition,
  periods: readonly IndicatorPeriodRow[],
  settings: ScoringSettings,
  options: ExplainOption = { explain: true },
): IndicatorScore {
  const flags: IndicatorScore["flags"] = [];
  // One pass, no intermediate arrays: the large plan scores 5,000 indicators per request.
  let sum = 0;
  let reportedPeriods = 0;
  let last: number | null = null;
  let lastReported = -1;
  let targetSum = 0;
  let targetCount = 0;
  let lastTarget: number | null = null;
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index];
    if (period.target != null) {
      targetSum += period.target;
      targetCount += 1;
      lastTarget = period.target;
    }
    if (period.state == null) continue;
    const measured = measuredValue(definition.kind, definition.factor, period);
    if (measured.flag === "denominator_zero") flags.push("denominator_zero");
    if (measured.value == null) continue;
    sum += measured.value;
    reportedPeriods += 1;
    last = measured.value;
    lastReported = index;
  }
  let actual: number | null;
  let target: number | null;
  switch (definition.aggregation) {
    case "sum":
      actual = reportedPeriods > 0 ? sum : null;
      target = targetCount > 0 ? targetSum : null;
      break;
    case "average":
      actual = reportedPeriods > 0 ? sum / reportedPeriods : null;
      target = targetCount > 0 ? targetSum / targetCount : null;
      break;
    case "last":
      actual = last;
      // The target of the last reported period; with none reported, the last target set.
      target = lastReported >= 0 ? periods[lastReported].target : lastTarget;
      break;
  }

  const result = actual != null && target != null ? compliance(definition, actual, target, options) : null;
  if (result?.flag) flags.push(result.flag);
  const raw = result?.compliance ?? null;
  const score = raw == null ? null : scoredCompliance(raw, settings);
  const status: Status = raw == null ? "none" : statusOf(raw, settings);
  // Building the sentences costs more than the arithmetic: trend points and big lists skip them.
  const explanation = options.explain
    ? explainIndicator({ definition, flags, actual, target, reportedPeriods, formula: result?.formula ?? null, raw, score, status }, settings)
    : [];
  return { actual, target, compliance: raw, score, status, reportedPeriods, flags, explanation };
}

function explainIndicator(
  facts: {
    definition: IndicatorDefinition;
    flags: IndicatorScore["flags"];
    actual: number | null;
    target: number | null;
    reportedPeriods: number;
    formula: string | null;
    raw: number | null;
    score: number | null;
    status: Status;
  },
  settings: ScoringSettings,
): string[] {
  const { definition, actual, target, reportedPeriods, raw, score } = facts;
  const lines: string[] = [];
  if (facts.flags.includes("denominator_zero")) lines.push("Un periodo tiene denominador 0: no tiene valor y no se considera.");
  if (actual == null || target == null) {
    lines.push(actual == null ? "Sin mediciones que cuenten en el periodo." : "Sin meta definida para el periodo.");
    lines.push(statusLine("none", settings));
    return lines;
  }
  const word = AGGREGATION_WORDS[definition.aggregation];
  lines.push(`Valor (${word} de ${reportedPeriods} ${reportedPeriods === 1 ? "periodo informado" : "periodos informados"}): ${num(actual)}`);
  lines.push(`Meta (${word} de las metas${definition.aggregation === "last" ? " del último periodo informado" : " del periodo"}): ${num(target)}`);
  const methodWord =
    definition.scoringMethod === "baseline"
      ? "desde la línea base"
      : definition.direction === "increase"
        ? "valor / meta (indicador a aumentar)"
        : "meta / valor (indicador a disminuir)";
  lines.push(`Cumplimiento (${methodWord}): ${facts.formula}`);
  if (raw == null || score == null) {
    lines.push(statusLine("none", settings));
    return lines;
  }
  lines.push(score < raw ? `Puntaje: se limita al tope de ${settings.cap} % → ${pct(score)}` : `Puntaje: ${pct(score)}`);
  lines.push(statusLine(facts.status, settings));
  return lines;
}

// --- weighted rollups ----------------------------------------------------------------------------

export interface RollupItem {
  label: string;
  weight: number;
  score: number | null;
}

export interface Rollup {
  score: number | null;
  /** Share of the children's weight that had data (0..1). */
  coverage: number;
  status: Status;
  allWeightsZero: boolean;
  explanation: string[];
}

/**
 * Weighted mean of the children that have data, weights renormalised over them; a child
 * without data does not pull its parent down, it lowers the coverage instead. All weights
 * zero is reported, never divided by.
 */
const MAX_TERMS_SHOWN = 12;

export function rollup(items: readonly RollupItem[], settings: ScoringSettings, options: ExplainOption = { explain: true }): Rollup {
  const totalWeight = items.reduce((total, item) => total + item.weight, 0);
  const withData = items.filter((item) => item.score != null);
  const weightWithData = withData.reduce((total, item) => total + item.weight, 0);
  if (items.length > 0 && totalWeight === 0) {
    return {
      score: null,
      coverage: 0,
      status: "none",
      allWeightsZero: true,
      explanation: ["Todas las ponderaciones son 0: no se puede calcular un promedio ponderado."],
    };
  }
  const coverage = totalWeight > 0 ? weightWithData / totalWeight : 0;
  if (weightWithData === 0) {
    return {
      score: null,
      coverage,
      status: "none",
      allWeightsZero: false,
      explanation: [items.length === 0 ? "No tiene elementos que medir." : "Ninguno de sus elementos tiene datos."],
    };
  }
  const score = withData.reduce((total, item) => total + item.weight * (item.score as number), 0) / weightWithData;
  if (!options.explain) return { score, coverage, status: statusOf(score, settings), allWeightsZero: false, explanation: [] };
  // Every term reads well for a pillar's objectives; for thousands of indicators it would not.
  const formula =
    withData.length <= MAX_TERMS_SHOWN
      ? `(${withData.map((item) => `${item.label}: ${pct(item.score as number)} × ${num(item.weight)}`).join(" + ")}) / ${num(weightWithData)}`
      : `Σ (puntaje × ponderación) / ${num(weightWithData)}`;
  const explanation = [
    `Promedio ponderado de ${withData.length} de ${items.length} elementos con datos: ${formula} = ${pct(score)}`,
    `Cobertura: ${pct(coverage)} de la ponderación tiene datos${withData.length < items.length ? " (los elementos sin datos no bajan el puntaje)" : ""}`,
    statusLine(statusOf(score, settings), settings),
  ];
  return { score, coverage, status: statusOf(score, settings), allWeightsZero: false, explanation };
}

// --- action plan ---------------------------------------------------------------------------------

export interface MilestoneInput {
  label: string;
  weight: number;
  progress: number;
  state: MilestoneState;
  dueDate: string;
}

export type CompletionLevel = "not_started" | "limited" | "substantial" | "complete";

export const COMPLETION_LABELS: Record<CompletionLevel, string> = {
  not_started: "no iniciado",
  limited: "limitado",
  substantial: "sustancial",
  complete: "completo",
};

/** A milestone past its due date and not done (nor cancelled) is "atrasado". `today` is 'YYYY-MM-DD'. */
export function isOverdue(milestone: Pick<MilestoneInput, "state" | "dueDate">, today: string): boolean {
  return milestone.dueDate < today && milestone.state !== "done" && milestone.state !== "cancelled";
}

/** Open Government Partnership levels: 0 % no iniciado, < 50 % limitado, < 100 % sustancial, 100 % completo. */
export function completionLevel(progress: number): CompletionLevel {
  if (progress <= 0) return "not_started";
  if (progress < 50) return "limited";
  if (progress < 100) return "substantial";
  return "complete";
}

export interface CommitmentProgress {
  progress: number | null;
  level: CompletionLevel | null;
  overdueMilestones: number;
  explanation: string[];
}

/** Weighted mean of the milestones' progress (0–100), cancelled ones left out. */
export function commitmentProgress(
  milestones: readonly MilestoneInput[],
  today: string,
  options: ExplainOption = { explain: true },
): CommitmentProgress {
  const counted = milestones.filter((milestone) => milestone.state !== "cancelled");
  const overdueMilestones = milestones.filter((milestone) => isOverdue(milestone, today)).length;
  const totalWeight = counted.reduce((total, milestone) => total + milestone.weight, 0);
  if (counted.length === 0 || totalWeight === 0) {
    return {
      progress: null,
      level: null,
      overdueMilestones,
      explanation: [counted.length === 0 ? "No tiene hitos vigentes." : "Todas las ponderaciones de sus hitos son 0."],
    };
  }
  const progress = counted.reduce((total, milestone) => total + milestone.weight * milestone.progress, 0) / totalWeight;
  const cancelled = milestones.length - counted.length;
  const level = completionLevel(progress);
  if (!options.explain) return { progress, level, overdueMilestones, explanation: [] };
  return {
    progress,
    level,
    overdueMilestones,
    explanation: [
      `Avance: promedio ponderado de ${counted.length} hitos${cancelled > 0 ? ` (se excluyen ${cancelled} cancelados)` : ""} = ${formatPercent(progress, 1)}`,
      `Nivel de cumplimiento: ${COMPLETION_LABELS[level]}`,
      ...(overdueMilestones > 0 ? [`${overdueMilestones} ${overdueMilestones === 1 ? "hito atrasado" : "hitos atrasados"}`] : []),
    ],
  };
}

/** Where a commitment should be today if progress were linear between its start and end dates. */
export function expectedProgress(startDate: string, endDate: string, today: string): number {
  if (today <= startDate) return 0;
  if (today >= endDate) return 100;
  const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return ((day(today) - day(startDate)) / (day(endDate) - day(startDate))) * 100;
}

// --- the same year-to-date rule at several cut-offs, in one pass ---------------------------------

export interface TrendRow {
  end_date: string;
  target: number | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** Null when the period has no measurement that counts. */
  state: MeasurementState | null;
}

/**
 * The scored compliance of an indicator at each cut-off (ascending), reading its rows (in period
 * order) once. Same rule as scoreIndicator over the periods up to each cut-off (a property test
 * holds the two together); used for trends, where thousands of indicators are scored repeatedly.
 */
export function scoreAtCutoffs(
  definition: IndicatorDefinition,
  rows: readonly TrendRow[],
  cutoffs: readonly string[],
  settings: ScoringSettings,
): (number | null)[] {
  const scores: (number | null)[] = [];
  let sum = 0;
  let count = 0;
  let last: number | null = null;
  let targetOfLast: number | null = null;
  let targetSum = 0;
  let targetCount = 0;
  let lastTarget: number | null = null;
  let index = 0;
  for (const cutoff of cutoffs) {
    for (; index < rows.length && rows[index].end_date <= cutoff; index++) {
      const row = rows[index];
      if (row.target != null) {
        targetSum += row.target;
        targetCount += 1;
        lastTarget = row.target;
      }
      const value = row.state == null ? null : measuredValue(definition.kind, definition.factor, row).value;
      if (value != null) {
        sum += value;
        count += 1;
        last = value;
        targetOfLast = row.target;
      }
    }
    let actual: number | null;
    let target: number | null;
    switch (definition.aggregation) {
      case "sum":
        actual = count > 0 ? sum : null;
        target = targetCount > 0 ? targetSum : null;
        break;
      case "average":
        actual = count > 0 ? sum / count : null;
        target = targetCount > 0 ? targetSum / targetCount : null;
        break;
      case "last":
        actual = last;
        target = count > 0 ? targetOfLast : lastTarget;
        break;
    }
    if (actual == null || target == null) {
      scores.push(null);
      continue;
    }
    const raw = compliance(definition, actual, target, { explain: false }).compliance;
    scores.push(raw == null ? null : scoredCompliance(raw, settings));
  }
  return scores;
}
