import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { ComplianceStatus } from "../../app/domain/compliance";
import type { Database, Periodicity } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

export interface IndicatorListFilter {
  planId: number;
  /** Free text over code and name. */
  text?: string;
  pillarId?: number;
  objectiveId?: number;
  axisId?: number;
  unitId?: number;
  status?: ComplianceStatus;
  includeArchived?: boolean;
  limit: number;
  offset: number;
}

export interface IndicatorListRow {
  id: number;
  code: string;
  name: string;
  periodicity: Periodicity;
  unit_of_measure: string;
  archived: boolean;
  objective_id: number;
  objective_code: string;
  objective_title: string;
  pillar_id: number;
  pillar_name: string;
  unit_id: number;
  unit_name: string;
  period_key: string | null;
  actual: number | null;
  target: number | null;
  compliance: number | null;
  status: ComplianceStatus;
  /** Rows matching the filter over all pages (the same on every row). */
  total: number;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * One page of the indicator list and the total, in ONE query: `count(*) OVER ()` counts the
 * filtered rows before LIMIT. The status (semáforo) is computed here, in SQL, with the rules
 * of app/domain/compliance.ts (kept equal by a test), so that filtering by status and paging
 * both happen in the database.
 *
 * Without a status filter the status is only computed for the page's rows; with one it must
 * be computed for every candidate before counting. Names (objective, pillar, unit) are looked
 * up for the page's rows only.
 */
export async function listIndicatorPage(db: Executor, filter: IndicatorListFilter): Promise<IndicatorListRow[]> {
  const conditions: RawBuilder<unknown>[] = [sql`i.plan_id = ${filter.planId}`];
  if (!filter.includeArchived) conditions.push(sql`i.archived_at IS NULL`);
  if (filter.text) {
    const pattern = likePattern(filter.text);
    conditions.push(sql`(i.code ILIKE ${pattern} OR i.name ILIKE ${pattern})`);
  }
  if (filter.pillarId != null) conditions.push(sql`o.pillar_id = ${filter.pillarId}`);
  if (filter.objectiveId != null) conditions.push(sql`i.objective_id = ${filter.objectiveId}`);
  if (filter.unitId != null) conditions.push(sql`i.responsible_unit_id = ${filter.unitId}`);
  if (filter.axisId != null) {
    conditions.push(sql`EXISTS (SELECT 1 FROM indicator_axes ia WHERE ia.indicator_id = i.id AND ia.axis_id = ${filter.axisId})`);
  }
  const where = sql.join(conditions, sql` AND `);

  // Only what filtering, ordering and scoring need; names are joined for the page's rows alone.
  const base = sql`
    SELECT i.id, i.plan_id, i.code, i.name, i.periodicity, i.unit_of_measure, i.kind, i.factor::float8 AS factor,
           i.direction, i.scoring_method, i.baseline_value::float8 AS baseline_value, i.position,
           i.archived_at IS NOT NULL AS archived, i.objective_id, i.responsible_unit_id AS unit_id,
           o.pillar_id, o.position AS objective_position, pl.position AS pillar_position,
           (SELECT pn.green_threshold::float8 FROM plans pn WHERE pn.id = ${filter.planId}) AS green,
           (SELECT pn.yellow_threshold::float8 FROM plans pn WHERE pn.id = ${filter.planId}) AS yellow
    FROM indicators i
    JOIN objectives o ON o.id = i.objective_id
    JOIN pillars pl ON pl.id = o.pillar_id
    WHERE ${where}`;
  const order = sql`ORDER BY b.pillar_position, b.objective_position, b.position, b.code, b.id`;
  const paging = sql`LIMIT ${filter.limit} OFFSET ${filter.offset}`;
  const scoring = sql`
    CROSS JOIN LATERAL (SELECT ${complianceSql} OFFSET 0) sc
    CROSS JOIN LATERAL (SELECT ${statusSql} OFFSET 0) st`;

  // The rows whose status is computed: every candidate when filtering by status, else the page.
  const candidates = filter.status ? base : sql`SELECT b.*, count(*) OVER ()::int AS total FROM (${base}) b ${order} ${paging}`;
  const page = filter.status
    ? sql`
        SELECT b.*, sc.compliance, st.status, count(*) OVER ()::int AS total
        FROM latest b ${scoring}
        WHERE st.status = ${filter.status}
        ${order}
        ${paging}`
    : sql`SELECT b.*, sc.compliance, st.status FROM latest b ${scoring}`;

  const query = sql<IndicatorListRow>`
    WITH RECURSIVE ${approvedPeriodsCte(filter.planId)},
    ${latestApprovedCtes(candidates)}
    SELECT b.id, b.code, b.name, b.periodicity, b.unit_of_measure, b.archived,
           b.objective_id, o.code AS objective_code, o.title AS objective_title,
           b.pillar_id, pl.name AS pillar_name, b.unit_id, u.name AS unit_name,
           b.period_key, b.actual, b.target, b.compliance, b.status, b.total
    FROM (${page}) b
    JOIN objectives o ON o.id = b.objective_id
    JOIN pillars pl ON pl.id = b.pillar_id
    JOIN units u ON u.id = b.unit_id
    ${order}`;
  const result = await query.execute(db);
  return result.rows;
}

/**
 * Per periodicity, the periods in which anything at all was approved, newest first, with
 * their keys alongside. A handful of rows, computed once per query.
 */
function approvedPeriodsCte(planId: number) {
  return sql`
    ap AS MATERIALIZED (
      SELECT p.periodicity,
             array_agg(p.id ORDER BY p.year DESC, p.number DESC) AS ids,
             array_agg(p.key ORDER BY p.year DESC, p.number DESC) AS keys
      FROM periods p
      WHERE p.plan_id = ${planId}
        AND EXISTS (SELECT 1 FROM measurements am WHERE am.period_id = p.id AND am.state = 'approved')
      GROUP BY p.periodicity
    )`;
}

/** An approved measurement with a value, and a target, for the indicator row `b` in one period. */
function probeSql(periodId: RawBuilder<unknown>, periodKey: RawBuilder<unknown>) {
  return sql`
    SELECT ${periodKey} AS period_key,
           CASE WHEN b.kind = 'ratio' THEN (m.numerator::float8 / m.denominator::float8) * b.factor
                ELSE m.value::float8 END AS actual,
           t.value::float8 AS target
    FROM measurements m
    JOIN targets t ON t.indicator_id = m.indicator_id AND t.period_id = m.period_id
    WHERE m.indicator_id = b.id AND m.period_id = ${periodId} AND m.state = 'approved'
      AND CASE WHEN b.kind = 'ratio' THEN m.numerator IS NOT NULL AND m.denominator IS NOT NULL AND m.denominator <> 0
               ELSE m.value IS NOT NULL END`;
}

/**
 * `latest`: each candidate with its latest period (of its periodicity) that has an approved
 * measurement with a value and a target. Only periods in which anything was approved are
 * tried, newest first. The newest is tried for every row by a unique-key probe, which settles
 * nearly every indicator; the few left over walk back one period at a time, all together (a
 * recursive CTE whose rows drop out as soon as they find their period). The planner thus
 * costs one probe per row and not a walk per row, which keeps the estimate low enough that a
 * real server does not spend longer on JIT compilation than on the query.
 */
function latestApprovedCtes(candidates: RawBuilder<unknown>) {
  return sql`
    probed AS MATERIALIZED (
      SELECT b.*, h.period_key AS hit_key, h.actual AS hit_actual, h.target AS hit_target
      FROM (
        SELECT c.*, ap.ids[1] AS p1, ap.keys[1] AS k1
        FROM (${candidates}) c LEFT JOIN ap ON ap.periodicity = c.periodicity
      ) b
      LEFT JOIN LATERAL (${probeSql(sql`b.p1`, sql`b.k1`)} OFFSET 0) h ON true
    ),
    walk AS (
      -- Only rows that still have an older period to try.
      SELECT b.id, b.periodicity, b.kind, b.factor, 1 AS n,
             NULL::text AS period_key, NULL::float8 AS actual, NULL::float8 AS target
      FROM probed b JOIN ap ON ap.periodicity = b.periodicity
      WHERE b.hit_key IS NULL AND cardinality(ap.ids) > 1
      UNION ALL
      SELECT b.id, b.periodicity, b.kind, b.factor, b.n + 1, h.period_key, h.actual, h.target
      FROM walk b
      JOIN ap ON ap.periodicity = b.periodicity AND b.n < cardinality(ap.ids)
      LEFT JOIN LATERAL (${probeSql(sql`ap.ids[b.n + 1]`, sql`ap.keys[b.n + 1]`)}) h ON true
      WHERE b.period_key IS NULL
    ),
    latest AS (
      SELECT b.*, b.hit_key AS period_key, b.hit_actual AS actual, b.hit_target AS target
      FROM probed b WHERE b.hit_key IS NOT NULL
      UNION ALL
      SELECT b.*, w.period_key, w.actual, w.target
      FROM probed b
      LEFT JOIN walk w ON w.id = b.id AND w.period_key IS NOT NULL
      WHERE b.hit_key IS NULL
    )`;
}

/** compliance() of app/domain/scoring.ts (via compliancePercent), in float8 like JavaScript's numbers. */
const complianceSql = sql`
  CASE
    WHEN b.actual IS NULL THEN NULL
    WHEN b.scoring_method = 'baseline' THEN
      CASE
        WHEN b.baseline_value IS NULL THEN NULL
        WHEN b.target = b.baseline_value THEN
          CASE WHEN (b.direction = 'increase' AND b.actual >= b.target)
                 OR (b.direction = 'decrease' AND b.actual <= b.target) THEN 100::float8 ELSE 0::float8 END
        ELSE greatest(0::float8, ((b.actual - b.baseline_value) / (b.target - b.baseline_value)) * 100)
      END
    WHEN b.actual < 0 OR b.target < 0 THEN NULL
    WHEN b.direction = 'increase' THEN
      CASE WHEN b.target = 0 THEN CASE WHEN b.actual >= 0 THEN 100::float8 ELSE 0::float8 END
           ELSE (b.actual / b.target) * 100 END
    ELSE
      CASE WHEN b.actual = 0 THEN CASE WHEN b.target >= 0 THEN 100::float8 ELSE 0::float8 END
           ELSE (b.target / b.actual) * 100 END
  END AS compliance`;

/** statusOf() of app/domain/compliance.ts. */
const statusSql = sql`
  CASE
    WHEN sc.compliance IS NULL THEN 'no_data'
    WHEN sc.compliance >= b.green THEN 'met'
    WHEN sc.compliance >= b.yellow THEN 'at_risk'
    ELSE 'not_met'
  END AS status`;

/** The choices of the list's filters, in one query: pillars, objectives, axes and the units that hold indicators. */
export async function listIndicatorFilterChoices(db: Executor, planId: number) {
  const result = await sql<{
    pillars: { id: number; name: string }[];
    objectives: { id: number; code: string; title: string; pillar_id: number; archived: boolean }[];
    axes: { id: number; name: string }[];
    units: { id: number; name: string }[];
  }>`
    SELECT
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name) ORDER BY p.position, p.id), '[]')
         FROM pillars p WHERE p.plan_id = ${planId}) AS pillars,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'code', o.code, 'title', o.title, 'pillar_id', o.pillar_id,
                                                    'archived', o.archived_at IS NOT NULL)
                                 ORDER BY p.position, o.position, o.code), '[]')
         FROM objectives o JOIN pillars p ON p.id = o.pillar_id WHERE o.plan_id = ${planId}) AS objectives,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name) ORDER BY a.position, a.id), '[]')
         FROM axes a WHERE a.plan_id = ${planId}) AS axes,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'name', u.name) ORDER BY u.name, u.id), '[]')
         FROM units u WHERE EXISTS (SELECT 1 FROM indicators i WHERE i.plan_id = ${planId} AND i.responsible_unit_id = u.id))
        AS units`.execute(db);
  return result.rows[0];
}
