import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import { selectAsJson } from "../json-rows";
import type { Database, MeasurementState } from "../schema";

/**
 * Everything a scorecard needs for one plan, year and cut-off date, in a fixed number of
 * queries whatever the size of the plan (six). Dashboard, Excel report and open data all read
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
  "baseline_value", "weight", "unit_of_measure", "responsible_unit_id", "unit_name", "is_published",
] as const;
const VALUE_COLUMNS = ["indicator_id", "period_key", "end_date", "target", "numerator", "denominator", "value", "state"] as const;
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

  const yearPeriods = db
    .selectFrom("periods")
    .select("id")
    .where("plan_id", "=", params.planId)
    .where("year", "=", params.year)
    .where("end_date", "<=", params.cutoff);

  // One row per indicator and period of its periodicity in the year up to the cut-off,
  // with the target and the measurement that counts (or nulls).
  const valuesQuery = scopeIndicators(
    db.selectFrom("indicators").innerJoin("objectives", "objectives.id", "indicators.objective_id"),
    params,
  )
    .innerJoin("periods", (join) =>
      join
        .onRef("periods.plan_id", "=", "indicators.plan_id")
        .onRef("periods.periodicity", "=", "indicators.periodicity")
        .on("periods.year", "=", params.year)
        .on("periods.end_date", "<=", params.cutoff),
    )
    // Naming the year's periods again on targets and measurements lets the planner read only
    // those rows through the period indexes instead of hashing every year of both tables.
    .leftJoin("targets", (join) =>
      join
        .onRef("targets.indicator_id", "=", "indicators.id")
        .onRef("targets.period_id", "=", "periods.id")
        .on("targets.period_id", "in", yearPeriods),
    )
    .leftJoin("measurements", (join) =>
      join
        .onRef("measurements.indicator_id", "=", "indicators.id")
        .onRef("measurements.period_id", "=", "periods.id")
        .on("measurements.period_id", "in", yearPeriods)
        .on("measurements.state", "in", [...params.states]),
    )
    .select([
      "indicators.id as indicator_id",
      "periods.key as period_key",
      "periods.end_date",
      "targets.value as target",
      "measurements.numerator",
      "measurements.denominator",
      "measurements.value",
      "measurements.state",
    ]);

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
  // Run in sequence: PGlite serves one query at a time anyway, and a pool stays free for others.
  // The three big reads come back as one JSON document each (see db/json-rows.ts).
  const indicators = await selectAsJson(db, indicatorsQuery, INDICATOR_COLUMNS, "r.objective_position, r.position, r.code");
  const values = await selectAsJson(db, valuesQuery, VALUE_COLUMNS, "r.indicator_id, r.end_date");
  const objectives = await objectivesQuery.execute();
  const pillars = await pillarsQuery.execute();
  const axes = await axesQuery.execute();
  const milestones = await selectAsJson(db, milestonesQuery, MILESTONE_COLUMNS, "r.due_date, r.id");
  return { indicators, values, objectives, pillars, axes, milestones };
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
