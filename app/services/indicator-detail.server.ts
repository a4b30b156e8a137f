import {
  findIndicatorDetail,
  listIndicatorAudit,
  listIndicatorComments,
  listIndicatorSeries,
  type SeriesRow,
} from "../../db/queries/indicators";
import { annualValue } from "../domain/annual-target";
import { compliancePercent, latestStatus, measuredValue, statusOf, type Thresholds } from "../domain/compliance";
import { hasCapability } from "../domain/permissions";
import { requireCapability, type ServiceContext } from "./context.server";
import { NotFoundError } from "./errors";

export const AUDIT_ROWS = 20;

export interface DetailPeriod {
  periodId: number;
  key: string;
  year: number;
  number: number;
  periodStatus: "open" | "closed";
  target: number | null;
  measurement: {
    id: number;
    numerator: number | null;
    denominator: number | null;
    /** The measured value: numerator / denominator x factor, or the value reported. */
    value: number | null;
    women: number | null;
    men: number | null;
    /** Women − men, in the indicator's unit (points for percentages). */
    gap: number | null;
    /** The gap as a share of the total, for counts that add up (women + men = total). */
    gapShare: number | null;
    state: NonNullable<SeriesRow["state"]>;
    comment: string | null;
    evidenceUrl: string | null;
    reviewNote: string | null;
    reportedBy: string | null;
    reportedAt: Date | null;
    reviewedBy: string | null;
    reviewedAt: Date | null;
  } | null;
  /** Compliance of this period, from an approved value only. */
  compliance: number | null;
}

function parseYear(text: string | null | undefined): number | null {
  if (!text || !/^\d{4}$/.test(text.trim())) return null;
  return Number(text.trim());
}

/**
 * Everything the indicator's page shows: definition, the chosen year's periods (targets,
 * measurements, compliance), the annual target, the comments and the audit trail.
 * `year` is the page's ?anio=; by default the latest year with a measurement.
 */
export async function getIndicatorDetail(ctx: ServiceContext, id: number, year?: string | null) {
  requireCapability(ctx, "plan.read");
  const indicator = await findIndicatorDetail(ctx.db, id);
  if (!indicator) throw new NotFoundError("El indicador no existe.");
  const series = await listIndicatorSeries(ctx.db, id);
  const comments = await listIndicatorComments(ctx.db, id);
  const audit = await listIndicatorAudit(ctx.db, id, AUDIT_ROWS);

  const thresholds: Thresholds = { green: indicator.green_threshold, yellow: indicator.yellow_threshold };
  const rule = {
    direction: indicator.direction,
    scoringMethod: indicator.scoring_method,
    baselineValue: indicator.baseline_value,
  };
  const years = [...new Set(series.map((row) => row.year))];
  const yearsWithData = [...new Set(series.filter((row) => row.state != null).map((row) => row.year))];
  const yearsWithTargets = [...new Set(series.filter((row) => row.target != null).map((row) => row.year))];
  const requested = parseYear(year);
  const selectedYear =
    requested != null && years.includes(requested)
      ? requested
      : yearsWithData.at(-1) ?? yearsWithTargets.at(-1) ?? years.at(-1) ?? null;

  const sexDisaggregated = indicator.sex_disaggregated;
  const countsAddUp = indicator.kind === "value" && indicator.unit_of_measure.trim() !== "%";
  const toPeriod = (row: SeriesRow): DetailPeriod => {
    const value = row.state == null ? null : measuredValue(indicator.kind, indicator.factor, row);
    const women = sexDisaggregated ? row.value_women : null;
    const men = sexDisaggregated ? row.value_men : null;
    const gap = women != null && men != null ? women - men : null;
    const approved = row.state === "approved" && value != null && row.target != null;
    return {
      periodId: row.period_id,
      key: row.period_key,
      year: row.year,
      number: row.number,
      periodStatus: row.period_status,
      target: row.target,
      measurement:
        row.measurement_id == null || row.state == null
          ? null
          : {
              id: row.measurement_id,
              numerator: row.numerator,
              denominator: row.denominator,
              value,
              women,
              men,
              gap,
              gapShare: gap != null && countsAddUp && value != null && value !== 0 ? (gap / value) * 100 : null,
              state: row.state,
              comment: row.comment,
              evidenceUrl: row.evidence_url,
              reviewNote: row.review_note,
              reportedBy: row.reported_by_name,
              reportedAt: row.reported_at,
              reviewedBy: row.reviewed_by_name,
              reviewedAt: row.reviewed_at,
            },
      compliance: approved ? compliancePercent(rule, value, row.target!) : null,
    };
  };
  const periods = series.filter((row) => row.year === selectedYear).map(toPeriod);

  const latest = latestStatus(
    { kind: indicator.kind, factor: indicator.factor, ...rule },
    series.map((row) => ({
      key: row.period_key,
      order: row.year * 100 + row.number,
      target: row.target,
      measurement: row.state == null ? null : { ...row, state: row.state },
    })),
    thresholds
  );

  // The year's target from every period; the year to date from the approved periods only, each
  // side over the same periods, so that a year half reported is not judged against all of it.
  const annualTarget = annualValue(
    indicator.aggregation,
    periods.map((period) => period.target)
  );
  const counted = periods.map((period) =>
    period.measurement?.state === "approved" && period.measurement.value != null && period.target != null ? period : null
  );
  const annualActual = annualValue(
    indicator.aggregation,
    counted.map((period) => period?.measurement?.value ?? null)
  );
  const targetToDate = annualValue(
    indicator.aggregation,
    counted.map((period) => period?.target ?? null)
  );
  const complianceToDate =
    annualActual.value != null && targetToDate.value != null
      ? compliancePercent(rule, annualActual.value, targetToDate.value)
      : null;

  const periodKeyById = new Map(series.map((row) => [row.period_id, row.period_key]));
  const canEdit = hasCapability(ctx.actor.role, "plan.edit");
  return {
    indicator,
    thresholds,
    latest,
    years,
    yearsWithData,
    selectedYear,
    periods,
    annual: {
      target: annualTarget,
      actual: annualActual,
      targetToDate,
      compliance: complianceToDate,
      status: annualActual.value == null ? null : statusOf(complianceToDate, thresholds),
    },
    comments,
    audit: audit.map((event) => ({
      ...event,
      // "12:345" -> the period's key, so the trail reads "Meta 2024-03".
      periodKey: event.entity_type === "indicator" ? null : periodKeyById.get(Number(event.entity_id?.split(":")[1])) ?? null,
    })),
    canEdit,
    /** Closed periods' targets: only an admin may change them. */
    canEditClosed: ctx.actor.role === "admin",
  };
}
