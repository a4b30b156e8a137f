import type { Kysely } from "kysely";
import { findScoringSettings, listScorecardPeriods, loadScorecardData } from "../../db/queries/scorecard";
import { listAxes } from "../../db/queries/plans";
import { listUnits } from "../../db/queries/units";
import type { Database, MeasurementState } from "../../db/schema";
import { todayInSantiago } from "../domain/dates";
import { buildScorecard, trendCheckpoints, type ScorecardModel } from "../domain/scorecard";
import { SCORECARD_FILTER_LABELS, scorecardFiltersSchema } from "../domain/schemas/scorecard";
import type { ScoringSettings } from "../domain/scoring";
import { parseInput } from "../domain/validation";
import { requireCapability, type ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";
import { NotFoundError, ValidationError } from "./errors";

export interface ScorecardRequest {
  periodKey?: string;
  unitId?: number;
  axisId?: number;
  /** Count submitted (not yet validated) values too; official scores use approved ones only. */
  includeSubmitted?: boolean;
  publishedOnly?: boolean;
  today?: string;
  /** Whose indicators get their explanation sentences: all (default), none, or one objective's. */
  explainIndicators?: "all" | "none" | { objectiveId: number };
}

/**
 * The one data path to scores: load the plan's rows for a cut-off (a fixed number of queries)
 * and run the pure engine. The dashboard, the Excel report and the open data call this.
 */
export async function computeScorecard(db: Kysely<Database>, planId: number, settings: ScoringSettings, request: ScorecardRequest) {
  const periods = await listScorecardPeriods(db, planId);
  if (periods.length === 0) throw new NotFoundError("El plan no tiene periodos de reporte.");
  const today = request.today ?? todayInSantiago();
  const period = request.periodKey
    ? periods.find((candidate) => candidate.key === request.periodKey)
    : (periods.find((candidate) => candidate.status === "closed") ??
      periods.find((candidate) => candidate.end_date <= today) ??
      periods[periods.length - 1]);
  if (!period) {
    throw new ValidationError([{ field: "periodo", message: `Periodo: ${request.periodKey} no existe en este plan` }]);
  }
  const states: MeasurementState[] = request.includeSubmitted ? ["approved", "submitted"] : ["approved"];
  const data = await loadScorecardData(db, {
    planId,
    year: period.year,
    cutoff: period.end_date,
    states,
    unitId: request.unitId,
    axisId: request.axisId,
    publishedOnly: request.publishedOnly,
  });
  const explain = request.explainIndicators ?? "all";
  const model: ScorecardModel = buildScorecard(data, settings, {
    cutoff: period.end_date,
    today,
    checkpoints: trendCheckpoints(period.year, period.end_date),
    explainObjective:
      explain === "all" ? () => true : explain === "none" ? () => false : (objectiveId) => objectiveId === explain.objectiveId,
  });
  // `data`: the rows the engine read, for callers that lay them out as they are (the Excel report).
  return { period, periods, model, today, includeSubmitted: !!request.includeSubmitted, data };
}

export function settingsOf(plan: { green_threshold: number; yellow_threshold: number; score_cap: number }): ScoringSettings {
  return { greenThreshold: plan.green_threshold, yellowThreshold: plan.yellow_threshold, cap: plan.score_cap };
}

/** The dashboard: filters from the URL, checked; the scorecard of the current plan. */
export async function getDashboard(ctx: ServiceContext, query: Record<string, string>) {
  requireCapability(ctx, "plan.read");
  const parsed = parseInput(scorecardFiltersSchema, query, SCORECARD_FILTER_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const plan = await requireCurrentPlan(ctx);
  const settings = settingsOf(await findScoringSettings(ctx.db, plan.id));
  const filters = parsed.data;
  const [scorecard, units, axes] = await Promise.all([
    computeScorecard(ctx.db, plan.id, settings, {
      periodKey: filters.periodo,
      unitId: filters.unidad,
      axisId: filters.eje,
      includeSubmitted: filters.reportados,
      // The dashboard shows one objective's indicators at a time: only those need the sentences.
      explainIndicators: filters.objetivo ? { objectiveId: filters.objetivo } : "none",
    }),
    listUnits(ctx.db),
    listAxes(ctx.db, plan.id),
  ]);
  return { plan, settings, filters, units, axes, ...scorecard };
}
