import type { Kysely } from "kysely";
import { z } from "zod";
import { findReportContext, listReportAgreements, listReportCommitments } from "../../db/queries/management-report";
import { listPillars } from "../../db/queries/plan-structure";
import { listAxes } from "../../db/queries/plans";
import { listScorecardPeriods } from "../../db/queries/scorecard";
import { listUnits } from "../../db/queries/units";
import type { Database } from "../../db/schema";
import { buildManagementReport } from "../../exports/management-report";
import type { ReportAgreement, ReportCommitment, ReportData, ReportIndicator, ReportPeriodValue } from "../../exports/report-data";
import { streamedXlsxResponse } from "../../exports/xlsx-stream";
import { todayInSantiago } from "../domain/dates";
import { periodLabel } from "../domain/period-labels";
import { commitmentProgress, expectedProgress, isOverdue, measuredValue, type Status } from "../domain/scoring";
import { parseInput } from "../domain/validation";
import { recordAudit } from "./audit.server";
import { requireCapability, type ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";
import { NotFoundError, ValidationError, type FieldIssue } from "./errors";
import { computeScorecard, settingsOf } from "./scorecard.server";

/**
 * The management report (`/reportes/gestion.xlsx`): the dashboard's scorecard for a period and
 * filters, laid out in Excel. Everything is loaded and checked before the first byte goes out,
 * so a bad filter or a database error is an ordinary error page; then the workbook streams.
 */

/** A filter left blank in the URL ("?unidad=") is no filter. */
const blankIsAbsent = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalId = z.preprocess(
  blankIsAbsent,
  z.coerce.number({ error: "no es válido" }).int("no es válido").positive("no es válido").max(2_147_483_647, "no es válido").optional(),
);

export const reportQuerySchema = z.object({
  periodo: z.preprocess(
    blankIsAbsent,
    z
      .string()
      .trim()
      .regex(/^[0-9]{4}(-[0-9]{2}|-Q[1-4]|-S[12])?$/, "no es un periodo válido (por ejemplo 2024-12, 2024-Q4 o 2024)")
      .optional(),
  ),
  pilar: optionalId,
  unidad: optionalId,
  eje: optionalId,
  reportados: z.preprocess(blankIsAbsent, z.enum(["1", "0", "on"], { error: "debe ser 1 (incluir reportados) o 0 (solo validados)" }).optional()),
});

export const REPORT_QUERY_LABELS: Record<string, string> = {
  periodo: "Periodo",
  pilar: "Pilar",
  unidad: "Unidad",
  eje: "Eje transversal",
  reportados: "Valores considerados",
};

export interface ReportFilters {
  periodKey?: string;
  pillarId?: number;
  unitId?: number;
  axisId?: number;
  /** Count submitted (not yet validated) values too, as the dashboard's "incluir reportados". */
  includeSubmitted: boolean;
}

export function parseReportQuery(query: Record<string, string>): ReportFilters {
  const parsed = parseInput(reportQuerySchema, query, REPORT_QUERY_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const { periodo, pilar, unidad, eje, reportados } = parsed.data;
  return { periodKey: periodo, pillarId: pilar, unitId: unidad, axisId: eje, includeSubmitted: reportados === "1" || reportados === "on" };
}

export interface ManagementReport {
  planId: number;
  fileName: string;
  data: ReportData;
}

/**
 * Everything the workbook shows, from the scorecard's one data path (computeScorecard, the
 * dashboard's numbers) plus the commitments' and agreements' own facts. No permission check:
 * callers are the service below and the benchmark.
 */
export async function loadManagementReport(
  db: Kysely<Database>,
  planId: number,
  filters: ReportFilters,
  clock: { today?: string; now?: Date } = {},
): Promise<ManagementReport> {
  const context = await findReportContext(db, { planId, unitId: filters.unitId, axisId: filters.axisId, pillarId: filters.pillarId });
  if (!context) throw new NotFoundError("El plan no existe.");
  const issues: FieldIssue[] = [];
  if (filters.pillarId != null && context.pillar_name == null) issues.push({ field: "pilar", message: "Pilar: no existe en este plan" });
  if (filters.unitId != null && context.unit_name == null) issues.push({ field: "unidad", message: "Unidad: no existe" });
  if (filters.axisId != null && context.axis_name == null) issues.push({ field: "eje", message: "Eje transversal: no existe en este plan" });
  if (issues.length > 0) throw new ValidationError(issues);

  const settings = settingsOf(context);
  const today = clock.today ?? todayInSantiago();
  const [scorecard, commitmentRows, agreementRows] = await Promise.all([
    computeScorecard(db, planId, settings, {
      periodKey: filters.periodKey,
      unitId: filters.unitId,
      axisId: filters.axisId,
      includeSubmitted: filters.includeSubmitted,
      today,
      explainIndicators: "none",
    }),
    listReportCommitments(db, { planId, unitId: filters.unitId, pillarId: filters.pillarId }),
    listReportAgreements(db, { planId, unitId: filters.unitId }),
  ]);
  const { model, data, period } = scorecard;
  const inPillar = <T extends { id: number }>(pillar: T) => filters.pillarId == null || pillar.id === filters.pillarId;
  const pillars = model.pillars.filter(inPillar);

  // --- indicators: the engine's scores, with the rows it read ---
  const definitionOf = new Map(data.indicators.map((row) => [row.id, row]));
  const indicators: ReportIndicator[] = [];
  for (const pillar of pillars) {
    for (const objective of pillar.objectives) {
      for (const scored of objective.indicators) {
        const definition = definitionOf.get(scored.id)!;
        const periods: ReportPeriodValue[] = [];
        for (const row of data.valuesByIndicator.get(scored.id) ?? []) {
          if (row.end_date > period.end_date) continue;
          periods.push({
            key: row.period_key,
            endDate: row.end_date,
            target: row.target,
            value: row.state == null ? null : measuredValue(definition.kind, definition.factor, row).value,
            numerator: row.numerator,
            denominator: row.denominator,
            state: row.state,
          });
        }
        indicators.push({
          pillarCode: pillar.code,
          pillarName: pillar.name,
          objectiveCode: objective.code,
          objectiveTitle: objective.title,
          code: scored.code,
          name: scored.name,
          unitOfMeasure: scored.unitOfMeasure,
          unitName: scored.unitName,
          direction: scored.direction,
          scoringMethod: definition.scoring_method,
          baseline: definition.baseline_value,
          periodicity: definition.periodicity,
          weight: scored.weight,
          target: scored.target,
          actual: scored.actual,
          compliance: scored.compliance,
          score: scored.score,
          status: scored.status,
          validation: scored.includesUnvalidated ? "unvalidated" : scored.lastPeriodKey != null ? "validated" : "none",
          periods,
        });
      }
    }
  }

  // --- action plan: the scorecard's milestones under the commitments' own facts ---
  const milestonesOf = new Map<number, (typeof data.milestones)[number][]>();
  for (const milestone of data.milestones) {
    const list = milestonesOf.get(milestone.commitment_id);
    if (list) list.push(milestone);
    else milestonesOf.set(milestone.commitment_id, [milestone]);
  }
  const commitments: ReportCommitment[] = commitmentRows.map((row) => {
    const milestones = milestonesOf.get(row.id) ?? [];
    const progress = commitmentProgress(
      milestones.map((m) => ({ label: m.title, weight: m.weight, progress: m.progress, state: m.state, dueDate: m.due_date })),
      today,
      { explain: false },
    );
    return {
      code: row.code,
      title: row.title,
      pillarName: row.pillar_name,
      unitName: row.unit_name,
      startDate: row.start_date,
      endDate: row.end_date,
      weight: row.weight,
      progress: progress.progress,
      expectedProgress: expectedProgress(row.start_date, row.end_date, today),
      level: progress.level,
      overdueMilestones: progress.overdueMilestones,
      milestones: milestones.map((m) => ({
        title: m.title,
        dueDate: m.due_date,
        weight: m.weight,
        progress: m.progress,
        state: m.state,
        overdue: isOverdue({ state: m.state, dueDate: m.due_date }, today),
      })),
    };
  });
  const agreements: ReportAgreement[] = agreementRows.map((row) => ({
    sessionNumber: row.session_number,
    sessionDate: row.session_date,
    sessionTitle: row.session_title,
    position: row.position,
    text: row.text,
    unitName: row.unit_name,
    dueDate: row.due_date,
    state: row.state,
    completedOn: row.completed_on,
    // An agreement is late as a milestone is: past its date and neither done nor cancelled.
    overdue: row.due_date != null && isOverdue({ state: row.state, dueDate: row.due_date }, today),
  }));

  // --- summary: the dashboard's figures; a pillar filter narrows the counts to its rows ---
  const pillarOfMilestone = new Map(data.milestones.map((m) => [m.id, m.pillar_id]));
  const statusCounts = filters.pillarId == null ? model.statusCounts : countStatuses(indicators);
  const withProgress = commitments.filter((c) => c.milestones.length > 0);
  const progresses = withProgress.map((c) => c.progress).filter((p): p is number => p != null);
  const filterWords = [
    ...(context.pillar_name != null ? [{ label: "Pilar", value: context.pillar_name }] : []),
    ...(context.unit_name != null ? [{ label: "Unidad", value: context.unit_name }] : []),
    ...(context.axis_name != null ? [{ label: "Eje transversal", value: context.axis_name }] : []),
  ];

  const reportData: ReportData = {
    plan: { code: context.code, name: context.name },
    period: { key: period.key, endDate: period.end_date },
    issuedOn: today,
    generatedAt: clock.now ?? new Date(),
    onlyValidated: !filters.includeSubmitted,
    filters: filterWords,
    pillarFiltered: filters.pillarId != null,
    settings,
    summary: {
      plan: { name: context.name, score: model.plan.score, status: model.plan.status, coverage: model.plan.coverage },
      pillars: pillars.map((pillar) => ({
        code: pillar.code,
        name: pillar.name,
        actionLine: pillar.actionLine,
        weight: pillar.weight,
        score: pillar.score,
        status: pillar.status,
        coverage: pillar.coverage,
      })),
      axes: model.axes.map((axis) => ({
        code: axis.code,
        name: axis.name,
        indicatorCount: axis.indicatorCount,
        score: axis.score,
        status: axis.status,
        coverage: axis.coverage,
      })),
      statusCounts,
      indicatorCount: filters.pillarId == null ? model.indicatorCount : indicators.length,
      commitments:
        filters.pillarId == null
          ? model.commitments
          : {
              count: withProgress.length,
              averageProgress: progresses.length > 0 ? progresses.reduce((a, b) => a + b, 0) / progresses.length : null,
            },
      overdueMilestones: model.overdueMilestones
        .filter((m) => filters.pillarId == null || pillarOfMilestone.get(m.id) === filters.pillarId)
        .map((m) => ({
          commitmentCode: m.commitmentCode,
          commitmentTitle: m.commitmentTitle,
          title: m.title,
          dueDate: m.dueDate,
          progress: m.progress,
          state: m.state,
        })),
    },
    indicators,
    commitments,
    agreements,
  };
  return { planId, fileName: `reporte-gestion-${period.key}.xlsx`, data: reportData };
}

function countStatuses(indicators: readonly ReportIndicator[]): Record<Status, number> {
  const counts: Record<Status, number> = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const indicator of indicators) counts[indicator.status] += 1;
  return counts;
}

/**
 * Checks the permission and the query, loads the report of the current plan and records the
 * export in the audit trail (who, which filters). Throws before anything is written.
 */
export async function prepareManagementReport(
  ctx: ServiceContext,
  query: Record<string, string>,
  clock: { today?: string; now?: Date } = {},
): Promise<ManagementReport> {
  requireCapability(ctx, "report.export");
  const filters = parseReportQuery(query);
  const plan = await requireCurrentPlan(ctx);
  const report = await loadManagementReport(ctx.db, plan.id, filters, clock);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, {
      action: "report.export",
      entityType: "plan",
      entityId: plan.id,
      after: {
        reporte: "gestion",
        periodo: report.data.period.key,
        pilar: filters.pillarId ?? null,
        unidad: filters.unitId ?? null,
        eje: filters.axisId ?? null,
        reportados: filters.includeSubmitted,
        indicadores: report.data.indicators.length,
      },
    }),
  );
  return report;
}

/** The download: prepared (and refused, if it must be) before the response; then streamed. */
export async function downloadManagementReport(ctx: ServiceContext, query: Record<string, string>): Promise<Response> {
  const report = await prepareManagementReport(ctx, query);
  return streamedXlsxResponse(report.fileName, (out) => buildManagementReport(report.data, out));
}

/** The choices of the `/reportes` form: the plan's periods, pillars, units and axes. */
export async function getReportOptions(ctx: ServiceContext) {
  requireCapability(ctx, "report.export");
  const plan = await requireCurrentPlan(ctx);
  const [periods, pillars, units, axes] = await Promise.all([
    listScorecardPeriods(ctx.db, plan.id),
    listPillars(ctx.db, plan.id),
    listUnits(ctx.db),
    listAxes(ctx.db, plan.id),
  ]);
  return {
    plan: { code: plan.code, name: plan.name },
    periods: periods.map((period) => ({
      key: period.key,
      label: `${periodLabel(period.key)}${period.status === "closed" ? " · cerrado" : ""}`,
    })),
    pillars: pillars.map((pillar) => ({ id: pillar.id, name: `${pillar.code} ${pillar.name}` })),
    units: units.map((unit) => ({ id: unit.id, name: unit.name })),
    axes: axes.map((axis) => ({ id: axis.id, name: axis.name })),
  };
}
