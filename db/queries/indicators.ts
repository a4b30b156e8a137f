import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, MeasurementState, Periodicity, PeriodStatus } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

/** The columns of an indicator's definition: what the form edits and the audit records. */
export interface IndicatorDefinition {
  objective_id: number;
  code: string;
  name: string;
  description: string | null;
  formula: string | null;
  kind: Database["indicators"]["kind"];
  numerator_label: string | null;
  denominator_label: string | null;
  factor: number;
  unit_of_measure: string;
  direction: Database["indicators"]["direction"];
  periodicity: Periodicity;
  aggregation: Database["indicators"]["aggregation"];
  scoring_method: "ratio" | "baseline";
  baseline_value: number | null;
  baseline_year: number | null;
  weight: number;
  responsible_unit_id: number;
  data_source: string | null;
  verification_means: string | null;
  sex_disaggregated: boolean;
  is_published: boolean;
}

export const INDICATOR_DEFINITION_KEYS = [
  "objective_id",
  "code",
  "name",
  "description",
  "formula",
  "kind",
  "numerator_label",
  "denominator_label",
  "factor",
  "unit_of_measure",
  "direction",
  "periodicity",
  "aggregation",
  "scoring_method",
  "baseline_value",
  "baseline_year",
  "weight",
  "responsible_unit_id",
  "data_source",
  "verification_means",
  "sex_disaggregated",
  "is_published",
] as const satisfies readonly (keyof IndicatorDefinition)[];

const DEFINITION_COLUMNS = INDICATOR_DEFINITION_KEYS.map((key) => `i.${key}` as const);

/**
 * The definition with its axes and how much data hangs from it; `lock` holds the row for the
 * rest of the transaction (writes read it this way).
 */
export async function findIndicatorDefinition(db: Executor, id: number, { lock = false } = {}) {
  const query = db
    .selectFrom("indicators as i")
    .select(DEFINITION_COLUMNS)
    .select([
      "i.id",
      "i.plan_id",
      "i.archived_at",
      "i.updated_at",
      sql<number[]>`(SELECT coalesce(array_agg(ia.axis_id ORDER BY ia.axis_id), '{}') FROM indicator_axes ia
                     WHERE ia.indicator_id = i.id)`.as("axis_ids"),
      sql<number>`(SELECT count(*)::int FROM targets t WHERE t.indicator_id = i.id)`.as("target_count"),
      sql<number>`(SELECT count(*)::int FROM measurements m WHERE m.indicator_id = i.id)`.as("measurement_count"),
    ])
    .where("i.id", "=", id);
  return (lock ? query.forUpdate("i") : query).executeTakeFirst();
}

export async function codeExistsInPlan(db: Executor, planId: number, code: string, exceptId?: number) {
  let query = db.selectFrom("indicators").select("id").where("plan_id", "=", planId).where("code", "=", code);
  if (exceptId != null) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function findObjectiveInPlan(db: Executor, planId: number, objectiveId: number) {
  return db
    .selectFrom("objectives")
    .select(["id", "code", "archived_at"])
    .where("plan_id", "=", planId)
    .where("id", "=", objectiveId)
    .executeTakeFirst();
}

export async function unitExists(db: Executor, unitId: number) {
  return (await db.selectFrom("units").select("id").where("id", "=", unitId).executeTakeFirst()) !== undefined;
}

export async function axisIdsInPlan(db: Executor, planId: number, axisIds: number[]): Promise<number[]> {
  if (axisIds.length === 0) return [];
  const rows = await db.selectFrom("axes").select("id").where("plan_id", "=", planId).where("id", "in", axisIds).execute();
  return rows.map((row) => row.id);
}

export async function insertIndicator(db: Executor, planId: number, fields: IndicatorDefinition): Promise<number> {
  const row = await db
    .insertInto("indicators")
    .values((eb) => ({
      ...fields,
      plan_id: planId,
      // Last among its objective's indicators.
      position: eb
        .selectFrom("indicators")
        .where("objective_id", "=", fields.objective_id)
        .select(sql<number>`coalesce(max(position), 0) + 1`.as("next")),
    }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateIndicatorRow(db: Executor, id: number, fields: IndicatorDefinition) {
  await db
    .updateTable("indicators")
    // A new version, so a grid that loaded the indicator before this edit sees a conflict.
    .set((eb) => ({ ...fields, version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", id)
    .execute();
}

export async function replaceIndicatorAxes(db: Executor, indicatorId: number, axisIds: number[]) {
  await db.deleteFrom("indicator_axes").where("indicator_id", "=", indicatorId).execute();
  if (axisIds.length > 0) {
    await db
      .insertInto("indicator_axes")
      .values(axisIds.map((axisId) => ({ indicator_id: indicatorId, axis_id: axisId })))
      .execute();
  }
}

export async function setIndicatorArchivedAt(db: Executor, id: number, archivedAt: Date | null) {
  await db
    .updateTable("indicators")
    .set((eb) => ({ archived_at: archivedAt, version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", id)
    .execute();
}

/** Targets, axes and comments go with it (ON DELETE CASCADE); measurements would block it. */
export async function deleteIndicatorRow(db: Executor, id: number) {
  await db.deleteFrom("indicators").where("id", "=", id).execute();
}

/** Weights of an objective's indicators still in use: rollups need at least one above zero. */
export async function objectiveWeightSummary(db: Executor, objectiveId: number) {
  return db
    .selectFrom("indicators")
    .select([sql<number>`count(*)::int`.as("count"), sql<number>`coalesce(sum(weight), 0)::float8`.as("total")])
    .where("objective_id", "=", objectiveId)
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
}

/** What the indicator form offers: objectives (with their pillar), units and axes, in one query. */
export async function listIndicatorFormChoices(db: Executor, planId: number) {
  const result = await sql<{
    objectives: { id: number; code: string; title: string; pillar_id: number; pillar_name: string; archived: boolean }[];
    units: { id: number; name: string; is_active: boolean }[];
    axes: { id: number; name: string }[];
  }>`
    SELECT
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'code', o.code, 'title', o.title, 'pillar_id', p.id,
                                                    'pillar_name', p.name, 'archived', o.archived_at IS NOT NULL)
                                 ORDER BY p.position, p.id, o.position, o.code), '[]')
         FROM objectives o JOIN pillars p ON p.id = o.pillar_id WHERE o.plan_id = ${planId}) AS objectives,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'name', u.name, 'is_active', u.is_active)
                                 ORDER BY u.name, u.id), '[]')
         FROM units u) AS units,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name) ORDER BY a.position, a.id), '[]')
         FROM axes a WHERE a.plan_id = ${planId}) AS axes`.execute(db);
  return result.rows[0];
}

// --- one indicator's page -----------------------------------------------------------------------

/** The definition with the names it points to, the plan's thresholds and its axes. */
export async function findIndicatorDetail(db: Executor, id: number) {
  return db
    .selectFrom("indicators as i")
    .innerJoin("plans as pn", "pn.id", "i.plan_id")
    .innerJoin("objectives as o", "o.id", "i.objective_id")
    .innerJoin("pillars as pl", "pl.id", "o.pillar_id")
    .innerJoin("units as u", "u.id", "i.responsible_unit_id")
    .select(DEFINITION_COLUMNS)
    .select([
      "i.id",
      "i.plan_id",
      "i.archived_at",
      "i.created_at",
      "i.updated_at",
      "pn.code as plan_code",
      "pn.green_threshold",
      "pn.yellow_threshold",
      "o.code as objective_code",
      "o.title as objective_title",
      "pl.id as pillar_id",
      "pl.name as pillar_name",
      "u.name as unit_name",
      sql<{ id: number; name: string }[]>`(
        SELECT coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name) ORDER BY a.position, a.id), '[]')
        FROM indicator_axes ia JOIN axes a ON a.id = ia.axis_id WHERE ia.indicator_id = i.id)`.as("axes"),
    ])
    .where("i.id", "=", id)
    .executeTakeFirst();
}

export interface SeriesRow {
  period_id: number;
  period_key: string;
  year: number;
  number: number;
  period_status: PeriodStatus;
  target: number | null;
  measurement_id: number | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  value_women: number | null;
  value_men: number | null;
  comment: string | null;
  evidence_url: string | null;
  state: MeasurementState | null;
  review_note: string | null;
  reported_by_name: string | null;
  reported_at: Date | null;
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
}

/** Every period of the indicator's periodicity in its plan, oldest first, with its target and measurement. */
export async function listIndicatorSeries(db: Executor, indicatorId: number): Promise<SeriesRow[]> {
  return db
    .selectFrom("indicators as i")
    .innerJoin("periods as p", (join) => join.onRef("p.plan_id", "=", "i.plan_id").onRef("p.periodicity", "=", "i.periodicity"))
    .leftJoin("targets as t", (join) => join.onRef("t.indicator_id", "=", "i.id").onRef("t.period_id", "=", "p.id"))
    .leftJoin("measurements as m", (join) => join.onRef("m.indicator_id", "=", "i.id").onRef("m.period_id", "=", "p.id"))
    .leftJoin("users as rep", "rep.id", "m.reported_by")
    .leftJoin("users as rev", "rev.id", "m.reviewed_by")
    .select([
      "p.id as period_id",
      "p.key as period_key",
      "p.year",
      "p.number",
      "p.status as period_status",
      "t.value as target",
      "m.id as measurement_id",
      "m.numerator",
      "m.denominator",
      "m.value",
      "m.value_women",
      "m.value_men",
      "m.comment",
      "m.evidence_url",
      "m.state",
      "m.review_note",
      "rep.name as reported_by_name",
      "m.reported_at",
      "rev.name as reviewed_by_name",
      "m.reviewed_at",
    ])
    .where("i.id", "=", indicatorId)
    .orderBy("p.year")
    .orderBy("p.number")
    .execute();
}

/** Comments on the indicator or on any of its measurements, newest first. */
export async function listIndicatorComments(db: Executor, indicatorId: number) {
  return db
    .selectFrom("comments as c")
    .innerJoin("users as u", "u.id", "c.author_id")
    .leftJoin("measurements as m", "m.id", "c.measurement_id")
    .leftJoin("periods as p", "p.id", "m.period_id")
    .select(["c.id", "c.body", "c.created_at", "u.name as author_name", "p.key as period_key"])
    .where((eb) =>
      eb.or([
        eb("c.indicator_id", "=", indicatorId),
        eb("c.measurement_id", "in", eb.selectFrom("measurements").select("id").where("indicator_id", "=", indicatorId)),
      ])
    )
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .execute();
}

export interface IndicatorAuditRow {
  id: number;
  occurred_at: Date;
  action: string;
  entity_type: string;
  /** "12" for the indicator itself, "12:340" for its target or measurement in period 340. */
  entity_id: string | null;
  before: unknown;
  after: unknown;
  user_name: string | null;
}

/**
 * The audit trail of the indicator and of its targets and measurements (ids "indicator:period"),
 * newest first. Change sets (one event for a whole grid save, see
 * docs/decisions/009-audit-change-sets.md) are opened up: each of this indicator's records in
 * them comes back as a row of its own, with its own before and after. Both halves are found by
 * index (the entity index; the GIN index on entity_ids, with every key this indicator can have).
 */
export async function listIndicatorAudit(db: Executor, indicatorId: number, limit: number): Promise<IndicatorAuditRow[]> {
  const result = await sql<IndicatorAuditRow>`
    WITH record_keys AS MATERIALIZED (
      -- Every id a target or measurement of this indicator can have: "indicator:period", over
      -- the plan's periods (a period is removed only when nothing was ever kept in it).
      SELECT ARRAY(SELECT i.id || ':' || p.id FROM indicators i JOIN periods p ON p.plan_id = i.plan_id
                   WHERE i.id = ${indicatorId}) AS ids
    ),
    -- ...and the indicator's own id, for change sets of indicators (an import, the targets grid).
    change_set_keys AS MATERIALIZED (SELECT ids || ${String(indicatorId)}::text AS ids FROM record_keys)
    SELECT e.id, e.occurred_at, e.action, e.entity_type, e.entity_id, e.before, e.after, u.name AS user_name
    FROM (
      (SELECT a.id, a.occurred_at, a.action, a.entity_type, a.entity_id, a.before, a.after, a.user_id
       FROM audit_events a
       WHERE (a.entity_type = 'indicator' AND a.entity_id = ${String(indicatorId)})
          OR (a.entity_type IN ('target', 'measurement') AND a.entity_id = ANY((SELECT ids FROM record_keys)::text[]))
       ORDER BY a.occurred_at DESC, a.id DESC
       LIMIT ${limit})
      UNION ALL
      -- Each change set found holds at least one of these records, so the newest sets, as many as
      -- rows asked for, are enough; only they are opened (their lists and documents may be large).
      (SELECT a.id, a.occurred_at, a.action, a.entity_type, k.entity_id, a.before -> k.entity_id, a.after -> k.entity_id, a.user_id
       FROM (SELECT id FROM audit_events
             WHERE entity_type IN ('indicator', 'target', 'measurement') AND entity_ids && (SELECT ids FROM change_set_keys)
             ORDER BY occurred_at DESC, id DESC
             LIMIT ${limit}) AS newest
       JOIN audit_events a ON a.id = newest.id
       CROSS JOIN LATERAL unnest(a.entity_ids) AS k(entity_id)
       WHERE k.entity_id = ANY((SELECT ids FROM change_set_keys)::text[]))
    ) e
    LEFT JOIN users u ON u.id = e.user_id
    ORDER BY e.occurred_at DESC, e.id DESC, e.entity_id
    LIMIT ${limit}`.execute(db);
  return result.rows;
}

// --- targets ------------------------------------------------------------------------------------

/** The periods asked for, as seen from the indicator: its plan's periods only, with the current target. */
export async function findTargetSlots(db: Executor, indicatorId: number, periodIds: number[]) {
  if (periodIds.length === 0) return [];
  return db
    .selectFrom("indicators as i")
    .innerJoin("periods as p", "p.plan_id", "i.plan_id")
    .leftJoin("targets as t", (join) => join.onRef("t.indicator_id", "=", "i.id").onRef("t.period_id", "=", "p.id"))
    .select([
      "i.periodicity as indicator_periodicity",
      "i.archived_at",
      "p.id as period_id",
      "p.key as period_key",
      "p.periodicity",
      "p.status",
      "t.value as target_value",
      "t.version as target_version",
    ])
    .where("i.id", "=", indicatorId)
    .where("p.id", "in", periodIds)
    .forUpdate("i")
    .execute();
}

/** Several targets of one indicator in one statement; each changed row's version goes up. */
export async function upsertTargets(
  db: Executor,
  indicatorId: number,
  entries: { periodId: number; value: number }[],
  userId: number
) {
  if (entries.length === 0) return;
  const now = new Date();
  await db
    .insertInto("targets")
    .values(
      entries.map((entry) => ({ indicator_id: indicatorId, period_id: entry.periodId, value: entry.value, updated_by: userId }))
    )
    .onConflict((conflict) =>
      conflict.columns(["indicator_id", "period_id"]).doUpdateSet((eb) => ({
        value: eb.ref("excluded.value"),
        updated_by: userId,
        updated_at: now,
        version: eb("targets.version", "+", 1),
      }))
    )
    .execute();
}
