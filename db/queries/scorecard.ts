import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { ScorecardValueRow } from "../../app/domain/scorecard";
import { selectAsJson, selectColumns } from "../json-rows";
import type { Database, MeasurementState, Periodicity } from "../schema";

/**
 * Everything a scorecard needs for one plan, year and cut-off date, in a fixed number of
 * queries whatever the size of the plan (eight). Dashboard, Excel report and open data all read
 * through here, so the same number appears everywhere.
 */
export interface ScorecardQuery {
  planId: number;
  year: number;
  /** Periods ending on or before this date count ('YYYY-MM-DD'). */
  cutoff: string;
  /** Measurement states that count: approved only, or approved and submitted. */
  states: readonly MeasurementState[];
  /** Only indicators of this unit or any unit below it. */
  unitId?: number;
  /** Only indicators tagged with this axis. */
  axisId?: number;
  /** Only published items (the open-data view). */
  publishedOnly?: boolean;
}

type IndicatorScope = SelectQueryBuilder<Database, "indicators" | "objectives", object>;

function scopeIndicators<QB extends IndicatorScope>(query: QB, params: ScorecardQuery): QB {
  let scoped = query
    .where("indicators.plan_id", "=", params.planId)
    .where("indicators.archived_at", "is", null)
    .where("objectives.archived_at", "is", null) as QB;
  if (params.publishedOnly) scoped = scoped.where("indicators.is_published", "=", true) as QB;
  if (params.axisId != null) {
    const axisId = params.axisId;
    scoped = scoped.where((eb) =>
      eb.exists(
        eb
          .selectFrom("indicator_axes")
          .select(sql`1`.as("one"))
          .whereRef("indicator_axes.indicator_id", "=", "indicators.id")
          .where("indicator_axes.axis_id", "=", axisId),
      ),
    ) as QB;
  }
  if (params.unitId != null) {
    scoped = scoped.where(
      "indicators.responsible_unit_id",
      "in",
      sql<number>`(WITH RECURSIVE scope AS (SELECT id FROM units WHERE id = ${params.unitId}
                    UNION SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.id) SELECT id FROM scope)`,
    ) as QB;
  }
  return scoped;
}

const INDICATOR_COLUMNS = [
  "id", "code", "name", "objective_id", "kind", "factor", "direction", "periodicity", "aggregation", "scoring_method",
  "baseline_value", "weight", "unit_of_measure", "responsible_unit_id", "unit_name", "is_published", "objective_position", "position",
] as const;
const MILESTONE_COLUMNS = [
  "id", "commitment_id", "commitment_code", "commitment_title", "pillar_id", "responsible_unit_id", "title", "due_date",
  "weight", "progress", "state",
] as const;

export async function loadScorecardData(db: Kysely<Database>, params: ScorecardQuery) {
  const indicatorsQuery = scopeIndicators(
    db.selectFrom("indicators").innerJoin("objectives", "objectives.id", "indicators.objective_id"),
    params,
  )
    .innerJoin("units", "units.id", "indicators.responsible_unit_id")
    .select([
      "indicators.id",
      "indicators.code",
      "indicators.name",
      "indicators.objective_id",
      "indicators.kind",
      "indicators.factor",
      "indicators.direction",
      "indicators.periodicity",
      "indicators.aggregation",
      "indicators.scoring_method",
      "indicators.baseline_value",
      "indicators.weight",
      "indicators.unit_of_measure",
      "indicators.responsible_unit_id",
      "units.name as unit_name",
      "indicators.is_published",
    ])
    .select(["objectives.position as objective_position", "indicators.position"]);

  // Targets and measurements are read flat (no join to indicators and periods: building that
  // 60,000-row product in SQL cost the large plan ~220 ms) and matched to the periods here.
  const yearPeriods = db
    .selectFrom("periods")
    .select(["id", "key", "periodicity", "end_date"])
    .where("plan_id", "=", params.planId)
    .where("year", "=", params.year)
    .where("end_date", "<=", params.cutoff)
    .orderBy("end_date")
    .orderBy("id");
  // The year's periods come first so the big reads name their ids: with a literal list the
  // planner reads only those periods' rows through the period index (the large plan's
  // measurements: 11 ms) instead of scanning every year (40 ms).
  const periods = await yearPeriods.execute();
  const yearPeriodIds = periods.length > 0 ? periods.map((period) => period.id) : [0];
  const filtered = params.unitId != null || params.axisId != null || params.publishedOnly;
  const scopedIds = scopeIndicators(
    db.selectFrom("indicators").innerJoin("objectives", "objectives.id", "indicators.objective_id"),
    params,
  ).select("indicators.id");
  let targetsQuery = db
    .selectFrom("targets")
    .select(["indicator_id", "period_id", "value"])
    .where("period_id", "in", yearPeriodIds);
  let measurementsQuery = db
    .selectFrom("measurements")
    .select(["indicator_id", "period_id", "numerator", "denominator", "value", "state"])
    .where("period_id", "in", yearPeriodIds)
    .where("state", "in", [...params.states]);
  if (filtered) {
    targetsQuery = targetsQuery.where("indicator_id", "in", scopedIds);
    measurementsQuery = measurementsQuery.where("indicator_id", "in", scopedIds);
  }

  const objectivesQuery = db
    .selectFrom("objectives")
    .select(["id", "pillar_id", "code", "title", "weight", "owner_unit_id"])
    .where("plan_id", "=", params.planId)
    .where("archived_at", "is", null)
    .orderBy("position")
    .orderBy("code");

  const pillarsQuery = db
    .selectFrom("pillars")
    .select(["id", "code", "name", "action_line", "weight", "color"])
    .where("plan_id", "=", params.planId)
    .orderBy("position")
    .orderBy("id");

  const axesQuery = db
    .selectFrom("axes")
    .leftJoin("indicator_axes", "indicator_axes.axis_id", "axes.id")
    .select([
      "axes.id",
      "axes.code",
      "axes.name",
      "axes.color",
      sql<number[]>`coalesce(array_agg(indicator_axes.indicator_id) FILTER (WHERE indicator_axes.indicator_id IS NOT NULL), '{}')`.as(
        "indicator_ids",
      ),
    ])
    .where("axes.plan_id", "=", params.planId)
    .groupBy("axes.id")
    .orderBy("axes.position")
    .orderBy("axes.id");

  let milestonesQuery = db
    .selectFrom("milestones")
    .innerJoin("commitments", "commitments.id", "milestones.commitment_id")
    .select([
      "milestones.id",
      "milestones.commitment_id",
      "commitments.code as commitment_code",
      "commitments.title as commitment_title",
      "commitments.pillar_id",
      "commitments.responsible_unit_id",
      "milestones.title",
      "milestones.due_date",
      "milestones.weight",
      "milestones.progress",
      "milestones.state",
    ])
    .where("commitments.plan_id", "=", params.planId)
    .where("commitments.archived_at", "is", null);
  if (params.publishedOnly) milestonesQuery = milestonesQuery.where("commitments.is_published", "=", true);
  if (params.unitId != null) {
    milestonesQuery = milestonesQuery.where(
      "commitments.responsible_unit_id",
      "in",
      sql<number>`(WITH RECURSIVE scope AS (SELECT id FROM units WHERE id = ${params.unitId}
                    UNION SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.id) SELECT id FROM scope)`,
    );
  }
  // Side by side: a server runs them on several connections; PGlite simply queues them.
  // The big reads come back as one JSON document each (see db/json-rows.ts).
  const [indicators, targets, measurements, objectives, pillars, axes, milestones] = await Promise.all([
    selectAsJson(db, indicatorsQuery, INDICATOR_COLUMNS, byObjectivePositionAndCode),
    selectColumns(db, targetsQuery, ["indicator_id", "period_id", "value"]),
    selectColumns(db, measurementsQuery, ["indicator_id", "period_id", "numerator", "denominator", "value", "state"]),
    objectivesQuery.execute(),
    pillarsQuery.execute(),
    axesQuery.execute(),
    selectAsJson(db, milestonesQuery, MILESTONE_COLUMNS, byDueDate),
  ]);
  const valuesByIndicator = indicatorPeriodRows(indicators, periods, targets, measurements);
  return { indicators, valuesByIndicator, objectives, pillars, axes, milestones };
}

function byObjectivePositionAndCode(
  a: { objective_position: number; position: number; code: string },
  b: { objective_position: number; position: number; code: string },
): number {
  return a.objective_position - b.objective_position || a.position - b.position || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function byDueDate(a: { due_date: string; id: number }, b: { due_date: string; id: number }): number {
  return a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.id - b.id;
}

type PeriodRow = { id: number; key: string; periodicity: Periodicity; end_date: string };

/**
 * Each indicator's rows, one per period of its periodicity in period order, with the period's
 * target and the measurement that counts, or nulls: the shape the scoring engine reads.
 */
function indicatorPeriodRows(
  indicators: readonly { id: number; periodicity: Periodicity }[],
  periods: readonly PeriodRow[],
  targets: { indicator_id: number[]; period_id: number[]; value: number[] },
  measurements: {
    indicator_id: number[];
    period_id: number[];
    numerator: (number | null)[];
    denominator: (number | null)[];
    value: (number | null)[];
    state: MeasurementState[];
  },
): Map<number, ScorecardValueRow[]> {
  const periodsOf = new Map<Periodicity, PeriodRow[]>();
  const slotOf = new Map<number, { periodicity: Periodicity; slot: number }>();
  for (const period of periods) {
    const list = periodsOf.get(period.periodicity) ?? [];
    slotOf.set(period.id, { periodicity: period.periodicity, slot: list.length });
    list.push(period);
    periodsOf.set(period.periodicity, list);
  }
  // First where each target and measurement goes, then each row built once with its final
  // values (filling rows in afterwards changed their shape 60,000 times: three times slower).
  const slotsOf = new Map<number, { periodicity: Periodicity; target: (number | null)[]; measurement: number[] }>();
  for (const indicator of indicators) {
    const count = periodsOf.get(indicator.periodicity)?.length ?? 0;
    slotsOf.set(indicator.id, {
      periodicity: indicator.periodicity,
      target: new Array<number | null>(count).fill(null),
      measurement: new Array<number>(count).fill(-1),
    });
  }
  // Values of indicators outside the view, or of periods of another periodicity, find no slot.
  const slotFor = (indicatorId: number, periodId: number) => {
    const indicator = slotsOf.get(indicatorId);
    const period = slotOf.get(periodId);
    return indicator && period && period.periodicity === indicator.periodicity ? { indicator, slot: period.slot } : undefined;
  };
  for (let i = 0; i < targets.indicator_id.length; i++) {
    const found = slotFor(targets.indicator_id[i], targets.period_id[i]);
    if (found) found.indicator.target[found.slot] = targets.value[i];
  }
  for (let i = 0; i < measurements.indicator_id.length; i++) {
    const found = slotFor(measurements.indicator_id[i], measurements.period_id[i]);
    if (found) found.indicator.measurement[found.slot] = i;
  }
  const rowsByIndicator = new Map<number, ScorecardValueRow[]>();
  for (const indicator of indicators) {
    const slots = slotsOf.get(indicator.id)!;
    const indicatorPeriods = periodsOf.get(indicator.periodicity) ?? [];
    const rows: ScorecardValueRow[] = new Array(indicatorPeriods.length);
    for (let slot = 0; slot < indicatorPeriods.length; slot++) {
      const period = indicatorPeriods[slot];
      const m = slots.measurement[slot];
      rows[slot] =
        m >= 0
          ? {
              indicator_id: indicator.id,
              period_key: period.key,
              end_date: period.end_date,
              target: slots.target[slot],
              numerator: measurements.numerator[m],
              denominator: measurements.denominator[m],
              value: measurements.value[m],
              state: measurements.state[m],
            }
          : {
              indicator_id: indicator.id,
              period_key: period.key,
              end_date: period.end_date,
              target: slots.target[slot],
              numerator: null,
              denominator: null,
              value: null,
              state: null,
            };
    }
    rowsByIndicator.set(indicator.id, rows);
  }
  return rowsByIndicator;
}

export type ScorecardData = Awaited<ReturnType<typeof loadScorecardData>>;

/** The plan's periods, newest first, for choosing the scorecard's cut-off. */
export async function listScorecardPeriods(db: Kysely<Database>, planId: number) {
  return db
    .selectFrom("periods")
    .select(["id", "key", "periodicity", "year", "number", "start_date", "end_date", "status"])
    .where("plan_id", "=", planId)
    .orderBy("end_date", "desc")
    .orderBy("start_date", "asc")
    .execute();
}

export async function findScoringSettings(db: Kysely<Database>, planId: number) {
  return db
    .selectFrom("plans")
    .select(["green_threshold", "yellow_threshold", "score_cap"])
    .where("id", "=", planId)
    .executeTakeFirstOrThrow();
}
