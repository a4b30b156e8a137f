import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import { selectAsJson } from "../json-rows";
import type { Database, MeasurementState, PeriodStatus, Periodicity } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

/** A timestamptz as an ISO string in UTC, the same on both drivers and inside JSON. */
export const isoTime = (column: string): RawBuilder<string | null> =>
  sql<string | null>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A unit and every unit below it, as a subquery for `... IN (...)`. */
export const unitSubtree = (unitId: number) =>
  sql<number>`(WITH RECURSIVE scope AS (SELECT id FROM units WHERE id = ${unitId}
                UNION SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.id) SELECT id FROM scope)`;

export interface ValidationRowsFilter {
  planId: number;
  state: MeasurementState;
  periodKey?: string;
  /** Only indicators of this unit or any unit below it. */
  unitId?: number;
  /** At most this many rows, those of the latest periods first. */
  limit: number;
}

const VALIDATION_COLUMNS = [
  "indicator_id",
  "period_id",
  "code",
  "name",
  "unit_name",
  "period_key",
  "period_periodicity",
  "period_year",
  "period_number",
  "period_end",
  "kind",
  "factor",
  "direction",
  "scoring_method",
  "baseline_value",
  "unit_of_measure",
  "target",
  "value",
  "numerator",
  "denominator",
  "evidence_url",
  "comment",
  "reported_by_name",
  "submitted_at",
  "state",
  "review_note",
  "version",
] as const;

/**
 * The validation grid's measurements in one query: each with its indicator, period, unit,
 * target and reporter. Read as one JSON value: a year of a large plan is thousands of rows.
 */
export async function listValidationRows(db: Kysely<Database>, filter: ValidationRowsFilter) {
  let query = db
    .selectFrom("measurements as m")
    .innerJoin("indicators as i", "i.id", "m.indicator_id")
    .innerJoin("periods as p", "p.id", "m.period_id")
    .innerJoin("units as u", "u.id", "i.responsible_unit_id")
    .leftJoin("targets as t", (join) => join.onRef("t.indicator_id", "=", "m.indicator_id").onRef("t.period_id", "=", "m.period_id"))
    .leftJoin("users as reporter", "reporter.id", "m.reported_by")
    .select([
      "m.indicator_id",
      "m.period_id",
      "i.code",
      "i.name",
      "u.name as unit_name",
      "p.key as period_key",
      "p.periodicity as period_periodicity",
      "p.year as period_year",
      "p.number as period_number",
      "p.end_date as period_end",
      "i.kind",
      "i.factor",
      "i.direction",
      "i.scoring_method",
      "i.baseline_value",
      "i.unit_of_measure",
      "t.value as target",
      "m.value",
      "m.numerator",
      "m.denominator",
      "m.evidence_url",
      "m.comment",
      "reporter.name as reported_by_name",
      isoTime("m.submitted_at").as("submitted_at"),
      "m.state",
      "m.review_note",
      "m.version",
    ])
    .where("i.plan_id", "=", filter.planId)
    .where("i.archived_at", "is", null)
    .where("m.state", "=", filter.state);
  if (filter.periodKey) query = query.where("p.key", "=", filter.periodKey);
  if (filter.unitId != null) query = query.where("i.responsible_unit_id", "in", unitSubtree(filter.unitId));
  query = query.orderBy("p.end_date", "desc").orderBy("m.id", "desc").limit(filter.limit);
  return selectAsJson(db, query, VALIDATION_COLUMNS, (a, b) =>
    a.period_end < b.period_end ? -1 : a.period_end > b.period_end ? 1 : a.code.localeCompare(b.code, "es"),
  );
}

export interface ValidationFilterChoices {
  periods: { id: number; key: string; periodicity: Periodicity; year: number; number: number; status: PeriodStatus }[];
  units: { id: number; name: string }[];
  green_threshold: number;
  yellow_threshold: number;
  score_cap: number;
}

/** The filters' choices (the plan's periods, the active units) and the plan's thresholds, in one query. */
export async function loadValidationFilterChoices(db: Executor, planId: number): Promise<ValidationFilterChoices> {
  const result = await sql<ValidationFilterChoices>`
    SELECT
      coalesce((SELECT json_agg(json_build_object('id', p.id, 'key', p.key, 'periodicity', p.periodicity, 'year', p.year,
                                                  'number', p.number, 'status', p.status) ORDER BY p.start_date, p.end_date)
                FROM periods p WHERE p.plan_id = ${planId}), '[]'::json) AS periods,
      coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
                FROM units u WHERE u.is_active), '[]'::json) AS units,
      pl.green_threshold, pl.yellow_threshold, pl.score_cap
    FROM plans pl WHERE pl.id = ${planId}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error(`El plan ${planId} no existe.`);
  return { ...row, periods: parseJson(row.periods), units: parseJson(row.units) };
}

export interface MeasurementKey {
  indicatorId: number;
  periodId: number;
}

export interface ReviewFacts {
  id: number;
  indicator_id: number;
  period_id: number;
  code: string;
  period_key: string;
  period_status: PeriodStatus;
  state: MeasurementState;
  review_note: string | null;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
}

/**
 * The measurements to review, locked (FOR UPDATE) until the transaction ends so that no one
 * changes them between the check and the write; in id order, so two bulk reviews wait for each
 * other instead of deadlocking. Only measurements of the plan's live indicators are found.
 * Who changed each one last: its reviewer if the review is the latest event, else its reporter.
 */
export async function lockMeasurementsForReview(
  trx: Transaction<Database>,
  planId: number,
  keys: readonly MeasurementKey[],
): Promise<ReviewFacts[]> {
  if (keys.length === 0) return [];
  const wanted = JSON.stringify(keys.map((key) => ({ indicator_id: key.indicatorId, period_id: key.periodId })));
  const result = await sql<ReviewFacts>`
    WITH locked AS MATERIALIZED (
      SELECT m.id, m.indicator_id, m.period_id, m.state, m.review_note, m.version, m.updated_at,
             m.reported_by, m.reported_at, m.reviewed_by, m.reviewed_at
      FROM measurements m
      JOIN jsonb_to_recordset(${wanted}::jsonb) AS k(indicator_id int, period_id int)
        ON k.indicator_id = m.indicator_id AND k.period_id = m.period_id
      ORDER BY m.id
      FOR UPDATE OF m
    )
    SELECT l.id, l.indicator_id, l.period_id, i.code, p.key AS period_key, p.status AS period_status, l.state, l.review_note, l.version, l.updated_at,
           CASE WHEN l.reviewed_at IS NOT NULL AND (l.reported_at IS NULL OR l.reviewed_at >= l.reported_at)
                THEN reviewer.name ELSE reporter.name END AS updated_by_name
    FROM locked l
    JOIN indicators i ON i.id = l.indicator_id AND i.plan_id = ${planId} AND i.archived_at IS NULL
    JOIN periods p ON p.id = l.period_id
    LEFT JOIN users reviewer ON reviewer.id = l.reviewed_by
    LEFT JOIN users reporter ON reporter.id = l.reported_by`.execute(trx);
  return result.rows;
}

/** Approves or returns the measurements in one statement, raising each one's version; returns how many. */
export async function applyReview(
  trx: Transaction<Database>,
  review: { measurementIds: readonly number[]; state: "approved" | "returned"; note: string | null; reviewerId: number },
): Promise<number> {
  if (review.measurementIds.length === 0) return 0;
  const result = await sql`
    UPDATE measurements m
    SET state = ${review.state}, review_note = ${review.note}, reviewed_by = ${review.reviewerId},
        reviewed_at = now(), updated_at = now(), version = m.version + 1
    WHERE m.id IN (SELECT value::int FROM jsonb_array_elements_text(${JSON.stringify(review.measurementIds)}::jsonb))`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}


/** json columns arrive parsed from both drivers, but a string is parsed here to be sure. */
export function parseJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}
