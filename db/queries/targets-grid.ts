import { sql, type Kysely, type Transaction } from "kysely";
import { selectAsJson } from "../json-rows";
import type { Database, PeriodStatus, Periodicity } from "../schema";
import { parseJson } from "./validation-grid";

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The planning grid (`/plan/metas`): its loader in two queries and its batch save in three
 * (facts, one write statement, one audit insert), whatever the number of cells.
 */

const INDICATOR_COLUMNS = [
  "id",
  "code",
  "name",
  "objective_code",
  "objective_position",
  "position",
  "kind",
  "unit_of_measure",
  "periodicity",
  "weight",
  "responsible_unit_id",
  "version",
] as const;

/** The plan's live indicators, in the plan's order (objective, then indicator position and code). */
export async function listTargetsGridIndicators(db: Kysely<Database>, planId: number) {
  const query = db
    .selectFrom("indicators as i")
    .innerJoin("objectives as o", "o.id", "i.objective_id")
    .select([
      "i.id",
      "i.code",
      "i.name",
      "o.code as objective_code",
      "o.position as objective_position",
      "i.position",
      "i.kind",
      "i.unit_of_measure",
      "i.periodicity",
      "i.weight",
      "i.responsible_unit_id",
      "i.version",
    ])
    .where("i.plan_id", "=", planId)
    .where("i.archived_at", "is", null);
  return selectAsJson(
    db,
    query,
    INDICATOR_COLUMNS,
    (a, b) => a.objective_position - b.objective_position || a.objective_code.localeCompare(b.objective_code, "es") || a.position - b.position || a.code.localeCompare(b.code, "es"),
  );
}

export interface TargetsGridYear {
  periods: { id: number; key: string; periodicity: Periodicity; year: number; number: number; status: PeriodStatus }[];
  units: { id: number; name: string; is_active: boolean }[];
  /** Each target of the year's periods as [indicatorId, periodId, value, version]: compact for big plans. */
  targets: [number, number, number, number][];
}

/** The year's periods (every periodicity), the units, and the year's targets, in one query. */
export async function loadTargetsGridYear(db: Executor, planId: number, year: number): Promise<TargetsGridYear> {
  const result = await sql<{ [K in keyof TargetsGridYear]: TargetsGridYear[K] | string }>`
    WITH year_periods AS (SELECT * FROM periods WHERE plan_id = ${planId} AND year = ${year})
    SELECT
      coalesce((SELECT json_agg(json_build_object('id', p.id, 'key', p.key, 'periodicity', p.periodicity, 'year', p.year,
                                                  'number', p.number, 'status', p.status) ORDER BY p.start_date, p.end_date)
                FROM year_periods p), '[]'::json) AS periods,
      coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'is_active', u.is_active) ORDER BY u.name)
                FROM units u), '[]'::json) AS units,
      coalesce((SELECT json_agg(json_build_array(t.indicator_id, t.period_id, t.value, t.version))
                FROM targets t JOIN year_periods p ON p.id = t.period_id), '[]'::json) AS targets`.execute(db);
  const row = result.rows[0];
  return {
    periods: parseJson(row.periods) as TargetsGridYear["periods"],
    units: parseJson(row.units) as TargetsGridYear["units"],
    targets: parseJson(row.targets) as TargetsGridYear["targets"],
  };
}

export interface IndicatorFacts {
  id: number;
  code: string;
  periodicity: Periodicity;
  weight: number;
  responsible_unit_id: number;
  version: number;
  archived: boolean;
  objective_id: number;
  /** Total weight and count of the objective's live indicators, before this batch. */
  objective_weight: number;
  objective_live_count: number;
  /** The last audited change of the indicator: who and when. */
  updated_by_name: string | null;
  updated_at: string | null;
}

export interface TargetSlotFacts {
  indicator_id: number;
  period_id: number;
  period_key: string;
  period_periodicity: Periodicity;
  period_status: PeriodStatus;
  /** The target now; all null when there is none. */
  value: number | null;
  version: number | null;
  updated_by_name: string | null;
  updated_at: string | null;
}

export interface TargetsBatchFacts {
  indicators: IndicatorFacts[];
  slots: TargetSlotFacts[];
  units: { id: number; is_active: boolean }[];
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * Everything a planning batch needs, in one query: the indicators it touches, the target slots
 * (period and current target), and the units it names. Indicators and existing targets are
 * locked FOR UPDATE, periods FOR SHARE (a period cannot close meanwhile), each in id order, until
 * the transaction ends: nothing can change between this check and the write. The locked rows
 * are read from the locking CTEs themselves, which see the latest committed version.
 */
export async function lockTargetsBatchFacts(
  trx: Transaction<Database>,
  planId: number,
  request: { indicatorIds: readonly number[]; slots: readonly { indicatorId: number; periodId: number }[]; unitIds: readonly number[] },
): Promise<TargetsBatchFacts> {
  const slots = JSON.stringify(request.slots.map((slot) => ({ indicator_id: slot.indicatorId, period_id: slot.periodId })));
  const indicatorIds = JSON.stringify([...new Set([...request.indicatorIds, ...request.slots.map((slot) => slot.indicatorId)])]);
  const result = await sql<{ [K in keyof TargetsBatchFacts]: TargetsBatchFacts[K] | string }>`
    WITH wanted_slots AS (SELECT * FROM jsonb_to_recordset(${slots}::jsonb) AS k(indicator_id int, period_id int)),
    locked_indicators AS MATERIALIZED (
      SELECT i.id, i.code, i.periodicity, i.weight, i.responsible_unit_id, i.version, i.archived_at IS NOT NULL AS archived, i.objective_id
      FROM indicators i
      WHERE i.plan_id = ${planId} AND i.id IN (SELECT value::int FROM jsonb_array_elements_text(${indicatorIds}::jsonb))
      ORDER BY i.id
      FOR UPDATE
    ),
    locked_periods AS MATERIALIZED (
      SELECT p.id, p.key, p.periodicity, p.status
      FROM periods p
      WHERE p.plan_id = ${planId} AND p.id IN (SELECT period_id FROM wanted_slots)
      ORDER BY p.id
      FOR SHARE
    ),
    locked_targets AS MATERIALIZED (
      SELECT t.indicator_id, t.period_id, t.value, t.version, t.updated_by, t.updated_at
      FROM targets t JOIN wanted_slots k ON k.indicator_id = t.indicator_id AND k.period_id = t.period_id
      ORDER BY t.id
      FOR UPDATE OF t
    )
    SELECT
      coalesce((SELECT json_agg(json_build_object(
                  'id', i.id, 'code', i.code, 'periodicity', i.periodicity, 'weight', i.weight,
                  'responsible_unit_id', i.responsible_unit_id, 'version', i.version, 'archived', i.archived,
                  'objective_id', i.objective_id,
                  'objective_weight', (SELECT coalesce(sum(s.weight), 0) FROM indicators s
                                       WHERE s.objective_id = i.objective_id AND s.archived_at IS NULL),
                  'objective_live_count', (SELECT count(*) FROM indicators s
                                           WHERE s.objective_id = i.objective_id AND s.archived_at IS NULL),
                  'updated_by_name', last.name, 'updated_at', to_char(last.occurred_at AT TIME ZONE 'UTC', ${sql.raw(ISO)})))
                FROM locked_indicators i
                LEFT JOIN LATERAL (
                  SELECT u.name, a.occurred_at FROM audit_events a LEFT JOIN users u ON u.id = a.user_id
                  WHERE a.entity_type = 'indicator'
                    AND (a.entity_id = i.id::text OR a.entity_ids @> ARRAY[i.id::text])
                  ORDER BY a.id DESC LIMIT 1
                ) last ON true), '[]'::json) AS indicators,
      coalesce((SELECT json_agg(json_build_object(
                  'indicator_id', k.indicator_id, 'period_id', k.period_id, 'period_key', p.key,
                  'period_periodicity', p.periodicity, 'period_status', p.status,
                  'value', t.value, 'version', t.version, 'updated_by_name', u.name,
                  'updated_at', to_char(t.updated_at AT TIME ZONE 'UTC', ${sql.raw(ISO)})))
                FROM wanted_slots k
                JOIN locked_periods p ON p.id = k.period_id
                LEFT JOIN locked_targets t ON t.indicator_id = k.indicator_id AND t.period_id = k.period_id
                LEFT JOIN users u ON u.id = t.updated_by), '[]'::json) AS slots,
      coalesce((SELECT json_agg(json_build_object('id', u.id, 'is_active', u.is_active))
                FROM units u WHERE u.id IN (SELECT value::int FROM jsonb_array_elements_text(${JSON.stringify(request.unitIds)}::jsonb))),
               '[]'::json) AS units`.execute(trx);
  const row = result.rows[0];
  return {
    indicators: parseJson(row.indicators) as IndicatorFacts[],
    slots: parseJson(row.slots) as TargetSlotFacts[],
    units: parseJson(row.units) as TargetsBatchFacts["units"],
  };
}

export interface IndicatorWrite {
  id: number;
  /** null: unchanged. */
  weight: number | null;
  responsibleUnitId: number | null;
  expectedVersion: number;
}

export interface TargetWrite {
  indicatorId: number;
  periodId: number;
  /** null removes the target. */
  value: number | null;
  /** The version the grid saw; null when the target did not exist. */
  expectedVersion: number | null;
}

/**
 * Every change of a planning batch in ONE statement: indicator updates, target updates, new
 * targets and removed targets, each a data-modifying CTE fed by one JSON parameter. Each write
 * is guarded by the version the grid saw (a new target by ON CONFLICT DO NOTHING), and the
 * counts come back: fewer than asked means another change slipped in, and the caller rolls back.
 */
export async function applyTargetsBatch(
  trx: Transaction<Database>,
  writes: { indicators: readonly IndicatorWrite[]; targets: readonly TargetWrite[] },
  userId: number,
): Promise<{ indicators: number; updated: number; inserted: number; deleted: number }> {
  const indicators = JSON.stringify(
    writes.indicators.map((write) => ({
      id: write.id,
      weight: write.weight,
      responsible_unit_id: write.responsibleUnitId,
      expected_version: write.expectedVersion,
    })),
  );
  const updates = JSON.stringify(
    writes.targets
      .filter((write) => write.value != null && write.expectedVersion != null)
      .map((write) => ({ indicator_id: write.indicatorId, period_id: write.periodId, value: write.value, expected_version: write.expectedVersion })),
  );
  const inserts = JSON.stringify(
    writes.targets
      .filter((write) => write.value != null && write.expectedVersion == null)
      .map((write) => ({ indicator_id: write.indicatorId, period_id: write.periodId, value: write.value })),
  );
  const deletes = JSON.stringify(
    writes.targets
      .filter((write) => write.value == null && write.expectedVersion != null)
      .map((write) => ({ indicator_id: write.indicatorId, period_id: write.periodId, expected_version: write.expectedVersion })),
  );
  const result = await sql<{ indicators: number; updated: number; inserted: number; deleted: number }>`
    WITH indicator_changes AS (
      UPDATE indicators i
      SET weight = coalesce(c.weight, i.weight),
          responsible_unit_id = coalesce(c.responsible_unit_id, i.responsible_unit_id),
          version = i.version + 1, updated_at = now()
      FROM jsonb_to_recordset(${indicators}::jsonb) AS c(id int, weight numeric, responsible_unit_id int, expected_version int)
      WHERE i.id = c.id AND i.version = c.expected_version
      RETURNING i.id
    ),
    target_updates AS (
      UPDATE targets t
      SET value = c.value, updated_by = ${userId}, updated_at = now(), version = t.version + 1
      FROM jsonb_to_recordset(${updates}::jsonb) AS c(indicator_id int, period_id int, value numeric, expected_version int)
      WHERE t.indicator_id = c.indicator_id AND t.period_id = c.period_id AND t.version = c.expected_version
      RETURNING t.id
    ),
    target_inserts AS (
      INSERT INTO targets (indicator_id, period_id, value, updated_by)
      SELECT c.indicator_id, c.period_id, c.value, ${userId}
      FROM jsonb_to_recordset(${inserts}::jsonb) AS c(indicator_id int, period_id int, value numeric)
      ON CONFLICT (indicator_id, period_id) DO NOTHING
      RETURNING id
    ),
    target_deletes AS (
      DELETE FROM targets t
      USING jsonb_to_recordset(${deletes}::jsonb) AS c(indicator_id int, period_id int, expected_version int)
      WHERE t.indicator_id = c.indicator_id AND t.period_id = c.period_id AND t.version = c.expected_version
      RETURNING t.id
    )
    SELECT (SELECT count(*) FROM indicator_changes)::int AS indicators,
           (SELECT count(*) FROM target_updates)::int AS updated,
           (SELECT count(*) FROM target_inserts)::int AS inserted,
           (SELECT count(*) FROM target_deletes)::int AS deleted`.execute(trx);
  return result.rows[0];
}
