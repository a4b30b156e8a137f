import type { Direction, IndicatorKind, MeasurementState, ScoringMethod } from "../../db/schema";
import { compliance as engineCompliance, measuredValue as engineMeasuredValue } from "./scoring";

/**
 * Compliance (cumplimiento) of one indicator in one period and its traffic light (semáforo),
 * per the scoring rules of DESIGN.md, by the engine in ./scoring.ts. The indicator list computes
 * the same thing in SQL (db/queries/indicator-list.ts); an integration test keeps the two in
 * step, so a change to the rule must be made there too.
 */

export type ComplianceStatus = "met" | "at_risk" | "not_met" | "no_data";

export const COMPLIANCE_STATUSES: readonly ComplianceStatus[] = ["met", "at_risk", "not_met", "no_data"];

export const STATUS_LABELS: Record<ComplianceStatus, string> = {
  met: "Cumplido",
  at_risk: "En riesgo",
  not_met: "No cumplido",
  no_data: "Sin datos",
};

/** The word used in URLs (?estado=) for each status. */
export const STATUS_SLUGS: Record<ComplianceStatus, string> = {
  met: "cumplido",
  at_risk: "en-riesgo",
  not_met: "no-cumplido",
  no_data: "sin-datos",
};

export interface Thresholds {
  /** Percentages: c >= green is "cumplido", c >= yellow "en riesgo", else "no cumplido". */
  green: number;
  yellow: number;
}

export interface MeasuredFields {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/** Ratio: numerator / denominator x factor (no value when the denominator is 0); value: as reported. */
export function measuredValue(kind: IndicatorKind, factor: number, m: MeasuredFields): number | null {
  return engineMeasuredValue(kind, factor, m).value;
}

export interface ScoringRule {
  direction: Direction;
  scoringMethod: ScoringMethod;
  baselineValue: number | null;
}

/**
 * Raw compliance in percent (over-achievement stays visible: 130 means 130 %), by the scoring
 * engine's own rule; null where the rule does not apply (negative values under the ratio rule).
 */
export function compliancePercent(rule: ScoringRule, actual: number, target: number): number | null {
  if (rule.scoringMethod === "baseline" && rule.baselineValue == null) return null;
  const result = engineCompliance(rule, actual, target, { explain: false }).compliance;
  return result == null ? null : result * 100;
}

export function statusOf(compliance: number | null, thresholds: Thresholds): ComplianceStatus {
  if (compliance == null || !Number.isFinite(compliance)) return "no_data";
  if (compliance >= thresholds.green) return "met";
  if (compliance >= thresholds.yellow) return "at_risk";
  return "not_met";
}

export interface StatusIndicator extends ScoringRule {
  kind: IndicatorKind;
  factor: number;
}

/** One period of the indicator's own periodicity, with its target and measurement if any. */
export interface StatusPeriod {
  key: string;
  /** Chronological order within the periodicity: year * 100 + number, or the end date. */
  order: number | string;
  target: number | null;
  measurement: (MeasuredFields & { state: MeasurementState }) | null;
}

export interface LatestStatus {
  status: ComplianceStatus;
  compliance: number | null;
  periodKey: string | null;
  actual: number | null;
  target: number | null;
}

/**
 * The status shown for an indicator: from its latest period that has an approved measurement
 * with a computable value and a target. A ratio whose denominator is 0 has no value, so an
 * earlier period speaks for it; with no such period at all the status is "sin datos".
 */
export function latestStatus(indicator: StatusIndicator, periods: readonly StatusPeriod[], thresholds: Thresholds): LatestStatus {
  let best: { period: StatusPeriod; actual: number; target: number } | null = null;
  for (const period of periods) {
    const m = period.measurement;
    if (!m || m.state !== "approved" || period.target == null) continue;
    const actual = measuredValue(indicator.kind, indicator.factor, m);
    if (actual == null) continue;
    if (!best || period.order > best.period.order) best = { period, actual, target: period.target };
  }
  if (!best) return { status: "no_data", compliance: null, periodKey: null, actual: null, target: null };
  const compliance = compliancePercent(indicator, best.actual, best.target);
  return {
    status: statusOf(compliance, thresholds),
    compliance,
    periodKey: best.period.key,
    actual: best.actual,
    target: best.target,
  };
}
