import { sql, type Kysely, type Transaction } from "kysely";
import type { Aggregation, Database, Direction, IndicatorKind, MeasurementState, PeriodStatus, Periodicity, ScoringMethod } from "../schema";
import { parseJson } from "./validation-grid";

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The Excel import: the uploads waiting between preview and apply, the facts an import is
 * checked against (one query, locked when applying), the writes (one multi-row statement per
 * kind of record, whatever the size of the file) and the data of the template.
 */

// --- uploads ----------------------------------------------------------------------------------

export interface NewImportUpload {
  id: string;
  userId: number;
  planId: number;
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
}

/** Stores an upload and, in the same statement, deletes the ones older than a day. */
export async function insertImportUpload(db: Executor, upload: NewImportUpload): Promise<void> {
  await sql`
    WITH expired AS (DELETE FROM import_uploads WHERE created_at < now() - interval '1 day')
    INSERT INTO import_uploads (id, user_id, plan_id, file_name, bytes, sha256)
    VALUES (${upload.id}, ${upload.userId}, ${upload.planId}, ${upload.fileName}, ${upload.bytes}, ${upload.sha256})`.execute(db);
}

/** One of this person's uploads of the last day, or undefined. */
export async function findImportUpload(db: Executor, id: string, userId: number) {
  const row = await db
    .selectFrom("import_uploads as u")
    .innerJoin("plans as p", "p.id", "u.plan_id")
    .select(["u.id", "u.plan_id", "u.file_name", "u.bytes", "u.sha256", "p.code as plan_code", "p.name as plan_name"])
    .where("u.id", "=", id)
    .where("u.user_id", "=", userId)
    .where("u.created_at", ">=", sql<Date>`now() - interval '1 day'`)
    .executeTakeFirst();
  return row ? { ...row, bytes: Buffer.from(row.bytes) } : undefined;
}

/**
 * Locks a stored upload for the applying transaction; false when it is gone (already applied,
 * possibly by a second click that got here first and has since committed).
 */
export async function lockImportUpload(trx: Transaction<Database>, id: string): Promise<boolean> {
  const row = await trx.selectFrom("import_uploads").select("id").where("id", "=", id).forUpdate().executeTakeFirst();
  return row != null;
}

export async function deleteImportUpload(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("import_uploads").where("id", "=", id).execute();
}

/** A plan by id, for an import or template aimed at a plan other than the current one. */
export async function findPlanById(db: Executor, id: number) {
  return db.selectFrom("plans").select(["id", "code", "name"]).where("id", "=", id).executeTakeFirst();
}

// --- facts ------------------------------------------------------------------------------------

export interface ObjectiveFact {
  id: number;
  code: string;
  pillar_id: number;
  title: string;
  description: string | null;
  weight: number;
  owner_unit_id: number | null;
  archived: boolean;
}

export interface IndicatorFact {
  id: number;
  code: string;
  objective_code: string;
  name: string;
  description: string | null;
  formula: string | null;
  kind: IndicatorKind;
  numerator_label: string | null;
  denominator_label: string | null;
  factor: number;
  unit_of_measure: string;
  direction: Direction;
  periodicity: Periodicity;
  aggregation: Aggregation;
  scoring_method: ScoringMethod;
  baseline_value: number | null;
  baseline_year: number | null;
  weight: number;
  responsible_unit_id: number;
  data_source: string | null;
  verification_means: string | null;
  sex_disaggregated: boolean;
  is_published: boolean;
  archived: boolean;
  target_count: number;
  measurement_count: number;
}

export interface TargetFact {
  indicator_code: string;
  period_key: string;
  value: number;
}

export interface MeasurementFact {
  indicator_code: string;
  period_key: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  value_women: number | null;
  value_men: number | null;
  comment: string | null;
  evidence_url: string | null;
  state: MeasurementState;
}

export interface ImportFacts {
  pillars: { id: number; code: string; name: string }[];
  units: { id: number; code: string; name: string; is_active: boolean }[];
  periods: { id: number; key: string; periodicity: Periodicity; status: PeriodStatus }[];
  objectives: ObjectiveFact[];
  indicators: IndicatorFact[];
  /** Per objective: weight and count of its live indicators that the file's Indicadores sheet does not list. */
  objective_weights: { objective_code: string; weight: number; live: number }[];
  targets: TargetFact[];
  measurements: MeasurementFact[];
}

export interface ImportFactsRequest {
  /** Objective codes the file names (its sheet and the indicators' references). */
  objectiveCodes: readonly string[];
  /** Indicator codes the file names (its sheet and the targets' and measurements' references). */
  indicatorCodes: readonly string[];
  /** Indicator codes of the Indicadores sheet: their weight and objective come from the file. */
  sheetIndicatorCodes: readonly string[];
  /** [indicator code, period key] of every target and measurement row. */
  targetSlots: readonly (readonly [string, string])[];
  measurementSlots: readonly (readonly [string, string])[];
}

const LOCK = { none: sql``, update: sql`FOR UPDATE`, share: sql`FOR SHARE` };

/**
 * Everything an import is checked against, in ONE query, whatever the size of the file. With
 * `lock` (the apply step), the objectives, indicators, targets and measurements it names are
 * locked FOR UPDATE and the plan's periods FOR SHARE (none can close meanwhile) until the
 * transaction ends, each in id order.
 */
export async function loadImportFacts(db: Executor, planId: number, request: ImportFactsRequest, options: { lock: boolean }): Promise<ImportFacts> {
  const update = options.lock ? LOCK.update : LOCK.none;
  const updateTargets = options.lock ? sql`FOR UPDATE OF t` : LOCK.none;
  const updateMeasurements = options.lock ? sql`FOR UPDATE OF m` : LOCK.none;
  const share = options.lock ? LOCK.share : LOCK.none;
  const slots = (list: readonly (readonly [string, string])[]) => JSON.stringify(list.map(([c, k]) => ({ c, k })));
  const result = await sql<{ [K in keyof ImportFacts]: ImportFacts[K] | string }>`
    WITH wanted_objectives AS (SELECT value AS code FROM jsonb_array_elements_text(${JSON.stringify(request.objectiveCodes)}::jsonb)),
    wanted_indicators AS (SELECT value AS code FROM jsonb_array_elements_text(${JSON.stringify(request.indicatorCodes)}::jsonb)),
    sheet_indicators AS (SELECT value AS code FROM jsonb_array_elements_text(${JSON.stringify(request.sheetIndicatorCodes)}::jsonb)),
    target_slots AS (SELECT * FROM jsonb_to_recordset(${slots(request.targetSlots)}::jsonb) AS s(c text, k text)),
    measurement_slots AS (SELECT * FROM jsonb_to_recordset(${slots(request.measurementSlots)}::jsonb) AS s(c text, k text)),
    locked_objectives AS MATERIALIZED (
      SELECT o.id, o.code, o.pillar_id, o.title, o.description, o.weight, o.owner_unit_id, o.archived_at IS NOT NULL AS archived
      FROM objectives o
      WHERE o.plan_id = ${planId} AND o.code IN (SELECT code FROM wanted_objectives)
      ORDER BY o.id ${update}
    ),
    locked_indicators AS MATERIALIZED (
      SELECT i.id, i.code, i.objective_id, i.name, i.description, i.formula, i.kind, i.numerator_label, i.denominator_label,
             i.factor, i.unit_of_measure, i.direction, i.periodicity, i.aggregation, i.scoring_method, i.baseline_value,
             i.baseline_year, i.weight, i.responsible_unit_id, i.data_source, i.verification_means, i.sex_disaggregated,
             i.is_published, i.archived_at IS NOT NULL AS archived
      FROM indicators i
      WHERE i.plan_id = ${planId} AND i.code IN (SELECT code FROM wanted_indicators)
      ORDER BY i.id ${update}
    ),
    plan_periods AS MATERIALIZED (
      SELECT p.id, p.key, p.periodicity, p.status FROM periods p WHERE p.plan_id = ${planId} ORDER BY p.id ${share}
    ),
    locked_targets AS MATERIALIZED (
      SELECT i.code AS indicator_code, p.key AS period_key, t.value
      FROM target_slots s
      JOIN locked_indicators i ON i.code = s.c
      JOIN plan_periods p ON p.key = s.k
      JOIN targets t ON t.indicator_id = i.id AND t.period_id = p.id
      ORDER BY t.id ${updateTargets}
    ),
    locked_measurements AS MATERIALIZED (
      SELECT i.code AS indicator_code, p.key AS period_key, m.value, m.numerator, m.denominator, m.value_women, m.value_men,
             m.comment, m.evidence_url, m.state
      FROM measurement_slots s
      JOIN locked_indicators i ON i.code = s.c
      JOIN plan_periods p ON p.key = s.k
      JOIN measurements m ON m.indicator_id = i.id AND m.period_id = p.id
      ORDER BY m.id ${updateMeasurements}
    )
    SELECT
      coalesce((SELECT json_agg(json_build_object('id', x.id, 'code', x.code, 'name', x.name))
                FROM pillars x WHERE x.plan_id = ${planId}), '[]'::json) AS pillars,
      coalesce((SELECT json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'is_active', u.is_active))
                FROM units u), '[]'::json) AS units,
      coalesce((SELECT json_agg(json_build_object('id', p.id, 'key', p.key, 'periodicity', p.periodicity, 'status', p.status))
                FROM plan_periods p), '[]'::json) AS periods,
      coalesce((SELECT json_agg(o) FROM locked_objectives o), '[]'::json) AS objectives,
      coalesce((SELECT json_agg(json_build_object(
                  'id', i.id, 'code', i.code, 'objective_code', o.code, 'name', i.name, 'description', i.description,
                  'formula', i.formula, 'kind', i.kind, 'numerator_label', i.numerator_label, 'denominator_label', i.denominator_label,
                  'factor', i.factor, 'unit_of_measure', i.unit_of_measure, 'direction', i.direction, 'periodicity', i.periodicity,
                  'aggregation', i.aggregation, 'scoring_method', i.scoring_method, 'baseline_value', i.baseline_value,
                  'baseline_year', i.baseline_year, 'weight', i.weight, 'responsible_unit_id', i.responsible_unit_id,
                  'data_source', i.data_source, 'verification_means', i.verification_means,
                  'sex_disaggregated', i.sex_disaggregated, 'is_published', i.is_published, 'archived', i.archived,
                  'target_count', (SELECT count(*) FROM targets t WHERE t.indicator_id = i.id),
                  'measurement_count', (SELECT count(*) FROM measurements m WHERE m.indicator_id = i.id)))
                FROM locked_indicators i JOIN objectives o ON o.id = i.objective_id), '[]'::json) AS indicators,
      coalesce((SELECT json_agg(json_build_object('objective_code', w.code, 'weight', w.weight, 'live', w.live))
                FROM (SELECT o.code, sum(i.weight) AS weight, count(*) AS live
                      FROM indicators i JOIN objectives o ON o.id = i.objective_id
                      WHERE i.plan_id = ${planId} AND i.archived_at IS NULL AND i.code NOT IN (SELECT code FROM sheet_indicators)
                      GROUP BY o.code) w), '[]'::json) AS objective_weights,
      coalesce((SELECT json_agg(t) FROM locked_targets t), '[]'::json) AS targets,
      coalesce((SELECT json_agg(m) FROM locked_measurements m), '[]'::json) AS measurements`.execute(db);
  const row = result.rows[0];
  return {
    pillars: parseJson(row.pillars) as ImportFacts["pillars"],
    units: parseJson(row.units) as ImportFacts["units"],
    periods: parseJson(row.periods) as ImportFacts["periods"],
    objectives: parseJson(row.objectives) as ImportFacts["objectives"],
    indicators: parseJson(row.indicators) as ImportFacts["indicators"],
    objective_weights: parseJson(row.objective_weights) as ImportFacts["objective_weights"],
    targets: parseJson(row.targets) as ImportFacts["targets"],
    measurements: parseJson(row.measurements) as ImportFacts["measurements"],
  };
}

// --- writes -----------------------------------------------------------------------------------

export interface ObjectiveWrite {
  code: string;
  pillar_id: number;
  title: string;
  description: string | null;
  weight: number;
  owner_unit_id: number | null;
}

export type IndicatorWrite = Omit<IndicatorFact, "id" | "archived" | "target_count" | "measurement_count">;

export interface TargetWrite {
  indicator_code: string;
  period_id: number;
  value: number;
}

export interface MeasurementWrite {
  indicator_code: string;
  period_id: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  value_women: number | null;
  value_men: number | null;
  comment: string | null;
  evidence_url: string | null;
}

/** Creates or updates objectives by code in ONE statement; new ones go after the plan's last. */
export async function upsertObjectives(trx: Transaction<Database>, planId: number, rows: readonly ObjectiveWrite[]) {
  if (rows.length === 0) return [];
  const payload = JSON.stringify(rows.map((row, index) => ({ ...row, ord: index + 1 })));
  const result = await sql<{ id: number; code: string }>`
    INSERT INTO objectives (plan_id, pillar_id, code, title, description, weight, owner_unit_id, position)
    SELECT ${planId}, c.pillar_id, c.code, c.title, c.description, c.weight, c.owner_unit_id,
           (SELECT coalesce(max(position), 0) FROM objectives WHERE plan_id = ${planId}) + c.ord
    FROM jsonb_to_recordset(${payload}::jsonb)
      AS c(pillar_id int, code text, title text, description text, weight numeric, owner_unit_id int, ord int)
    ON CONFLICT (plan_id, code) DO UPDATE
    SET pillar_id = excluded.pillar_id, title = excluded.title, description = excluded.description,
        weight = excluded.weight, owner_unit_id = excluded.owner_unit_id, updated_at = now()
    RETURNING id, code`.execute(trx);
  return result.rows;
}

/**
 * Creates or updates indicators by code in ONE statement, their objective found by code (it may
 * have been created by the statement before); an update raises the indicator's version.
 */
export async function upsertIndicators(trx: Transaction<Database>, planId: number, rows: readonly IndicatorWrite[]) {
  if (rows.length === 0) return [];
  const payload = JSON.stringify(rows.map((row, index) => ({ ...row, ord: index + 1 })));
  const result = await sql<{ id: number; code: string }>`
    INSERT INTO indicators (plan_id, objective_id, code, name, description, formula, kind, numerator_label, denominator_label,
                            factor, unit_of_measure, direction, periodicity, aggregation, scoring_method, baseline_value,
                            baseline_year, weight, responsible_unit_id, data_source, verification_means, sex_disaggregated,
                            is_published, position)
    SELECT ${planId}, o.id, c.code, c.name, c.description, c.formula, c.kind, c.numerator_label, c.denominator_label,
           c.factor, c.unit_of_measure, c.direction, c.periodicity, c.aggregation, c.scoring_method, c.baseline_value,
           c.baseline_year, c.weight, c.responsible_unit_id, c.data_source, c.verification_means, c.sex_disaggregated,
           c.is_published, (SELECT coalesce(max(position), 0) FROM indicators WHERE plan_id = ${planId}) + c.ord
    FROM jsonb_to_recordset(${payload}::jsonb) AS c(
      objective_code text, code text, name text, description text, formula text, kind text, numerator_label text,
      denominator_label text, factor numeric, unit_of_measure text, direction text, periodicity text, aggregation text,
      scoring_method text, baseline_value numeric, baseline_year int, weight numeric, responsible_unit_id int,
      data_source text, verification_means text, sex_disaggregated boolean, is_published boolean, ord int)
    JOIN objectives o ON o.plan_id = ${planId} AND o.code = c.objective_code
    ON CONFLICT (plan_id, code) DO UPDATE
    SET objective_id = excluded.objective_id, name = excluded.name, description = excluded.description,
        formula = excluded.formula, kind = excluded.kind, numerator_label = excluded.numerator_label,
        denominator_label = excluded.denominator_label, factor = excluded.factor, unit_of_measure = excluded.unit_of_measure,
        direction = excluded.direction, periodicity = excluded.periodicity, aggregation = excluded.aggregation,
        scoring_method = excluded.scoring_method, baseline_value = excluded.baseline_value,
        baseline_year = excluded.baseline_year, weight = excluded.weight, responsible_unit_id = excluded.responsible_unit_id,
        data_source = excluded.data_source, verification_means = excluded.verification_means,
        sex_disaggregated = excluded.sex_disaggregated, is_published = excluded.is_published,
        version = indicators.version + 1, updated_at = now()
    RETURNING id, code`.execute(trx);
  return result.rows;
}

/** Sets targets (indicator by code, period by id) in ONE statement; an update raises the version. */
export async function upsertTargets(trx: Transaction<Database>, planId: number, rows: readonly TargetWrite[], userId: number) {
  if (rows.length === 0) return [];
  const result = await sql<{ indicator_id: number; period_id: number; indicator_code: string; version: number }>`
    INSERT INTO targets (indicator_id, period_id, value, updated_by)
    SELECT i.id, c.period_id, c.value, ${userId}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS c(indicator_code text, period_id int, value numeric)
    JOIN indicators i ON i.plan_id = ${planId} AND i.code = c.indicator_code
    ON CONFLICT (indicator_id, period_id) DO UPDATE
    SET value = excluded.value, updated_by = excluded.updated_by, updated_at = now(), version = targets.version + 1
    RETURNING indicator_id, period_id, (SELECT code FROM indicators WHERE id = indicator_id) AS indicator_code, version`.execute(trx);
  return result.rows;
}

/**
 * Saves measurements as drafts reported by the importer, in ONE statement. A measurement sent to
 * validation or approved meanwhile is left alone (the caller compares the count and rolls back).
 */
export async function upsertMeasurements(trx: Transaction<Database>, planId: number, rows: readonly MeasurementWrite[], userId: number) {
  if (rows.length === 0) return [];
  const result = await sql<{ indicator_id: number; period_id: number; indicator_code: string; version: number }>`
    INSERT INTO measurements (indicator_id, period_id, value, numerator, denominator, value_women, value_men, comment,
                              evidence_url, state, reported_by, reported_at)
    SELECT i.id, c.period_id, c.value, c.numerator, c.denominator, c.value_women, c.value_men, c.comment, c.evidence_url,
           'draft', ${userId}, now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS c(
      indicator_code text, period_id int, value numeric, numerator numeric, denominator numeric, value_women numeric,
      value_men numeric, comment text, evidence_url text)
    JOIN indicators i ON i.plan_id = ${planId} AND i.code = c.indicator_code
    ON CONFLICT (indicator_id, period_id) DO UPDATE
    SET value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
        value_women = excluded.value_women, value_men = excluded.value_men, comment = excluded.comment,
        evidence_url = excluded.evidence_url, state = 'draft', reported_by = excluded.reported_by,
        reported_at = excluded.reported_at, updated_at = now(), version = measurements.version + 1
    WHERE measurements.state IN ('draft', 'returned')
    RETURNING indicator_id, period_id, (SELECT code FROM indicators WHERE id = indicator_id) AS indicator_code, version`.execute(trx);
  return result.rows;
}

// --- the template -----------------------------------------------------------------------------

export interface TemplateObjective {
  pillar_name: string;
  code: string;
  title: string;
  description: string | null;
  weight: number;
  owner_unit_name: string | null;
}

export type TemplateIndicator = Omit<IndicatorFact, "id" | "responsible_unit_id" | "archived" | "target_count" | "measurement_count"> & {
  responsible_unit_name: string;
};

export interface TemplateData {
  pillars: { code: string; name: string }[];
  units: { code: string; name: string }[];
  objectives: TemplateObjective[];
  indicators: TemplateIndicator[];
  period_keys: string[];
  targets: TargetFact[];
  measurements: MeasurementFact[];
}

/** How many rows a filled template of the plan would have (objectives, indicators, targets, measurements). */
export async function countTemplateRows(db: Executor, planId: number): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT ((SELECT count(*) FROM objectives WHERE plan_id = ${planId} AND archived_at IS NULL)
          + (SELECT count(*) FROM indicators WHERE plan_id = ${planId} AND archived_at IS NULL)
          + (SELECT count(*) FROM targets t JOIN indicators i ON i.id = t.indicator_id
             WHERE i.plan_id = ${planId} AND i.archived_at IS NULL)
          + (SELECT count(*) FROM measurements m JOIN indicators i ON i.id = m.indicator_id
             WHERE i.plan_id = ${planId} AND i.archived_at IS NULL))::int AS n`.execute(db);
  return result.rows[0].n;
}

/**
 * The plan's lists for the template (pillars, active units, live objectives' and indicators'
 * codes, period keys) and, when `filled`, its live rows, in the plan's order, in one query.
 */
export async function loadTemplateData(db: Executor, planId: number, options: { filled: boolean }): Promise<TemplateData> {
  const filled = options.filled;
  const result = await sql<{ [K in keyof TemplateData]: TemplateData[K] | string }>`
    WITH live_objectives AS (
      SELECT o.*, x.position AS pillar_position FROM objectives o JOIN pillars x ON x.id = o.pillar_id
      WHERE o.plan_id = ${planId} AND o.archived_at IS NULL
    ),
    live_indicators AS (
      SELECT i.*, o.code AS objective_code, o.pillar_position, o.position AS objective_position
      FROM indicators i JOIN live_objectives o ON o.id = i.objective_id
      WHERE i.archived_at IS NULL
    )
    SELECT
      coalesce((SELECT json_agg(json_build_object('code', x.code, 'name', x.name) ORDER BY x.position, x.code)
                FROM pillars x WHERE x.plan_id = ${planId}), '[]'::json) AS pillars,
      coalesce((SELECT json_agg(json_build_object('code', u.code, 'name', u.name) ORDER BY u.name)
                FROM units u WHERE u.is_active), '[]'::json) AS units,
      coalesce((SELECT json_agg(json_build_object(
                  'pillar_name', x.name, 'code', o.code, 'title', o.title, 'description', o.description, 'weight', o.weight,
                  'owner_unit_name', u.name) ORDER BY o.pillar_position, o.position, o.code)
                FROM live_objectives o JOIN pillars x ON x.id = o.pillar_id LEFT JOIN units u ON u.id = o.owner_unit_id), '[]'::json) AS objectives,
      coalesce((SELECT json_agg(json_build_object(
                  'code', i.code, 'objective_code', i.objective_code, 'name', i.name, 'description', i.description,
                  'formula', i.formula, 'kind', i.kind, 'numerator_label', i.numerator_label, 'denominator_label', i.denominator_label,
                  'factor', i.factor, 'unit_of_measure', i.unit_of_measure, 'direction', i.direction, 'periodicity', i.periodicity,
                  'aggregation', i.aggregation, 'scoring_method', i.scoring_method, 'baseline_value', i.baseline_value,
                  'baseline_year', i.baseline_year, 'weight', i.weight, 'responsible_unit_name', u.name,
                  'data_source', i.data_source, 'verification_means', i.verification_means,
                  'sex_disaggregated', i.sex_disaggregated, 'is_published', i.is_published)
                  ORDER BY i.pillar_position, i.objective_position, i.objective_code, i.position, i.code)
                FROM live_indicators i JOIN units u ON u.id = i.responsible_unit_id), '[]'::json) AS indicators,
      coalesce((SELECT json_agg(p.key ORDER BY p.periodicity DESC, p.start_date) FROM periods p WHERE p.plan_id = ${planId}), '[]'::json) AS period_keys,
      coalesce((SELECT json_agg(json_build_object('indicator_code', i.code, 'period_key', p.key, 'value', t.value)
                  ORDER BY i.pillar_position, i.objective_position, i.position, i.code, p.start_date)
                FROM targets t JOIN live_indicators i ON i.id = t.indicator_id JOIN periods p ON p.id = t.period_id
                WHERE ${filled}), '[]'::json) AS targets,
      coalesce((SELECT json_agg(json_build_object(
                  'indicator_code', i.code, 'period_key', p.key, 'value', m.value, 'numerator', m.numerator,
                  'denominator', m.denominator, 'value_women', m.value_women, 'value_men', m.value_men, 'comment', m.comment,
                  'evidence_url', m.evidence_url, 'state', m.state)
                  ORDER BY i.pillar_position, i.objective_position, i.position, i.code, p.start_date)
                FROM measurements m JOIN live_indicators i ON i.id = m.indicator_id JOIN periods p ON p.id = m.period_id
                WHERE ${filled}), '[]'::json) AS measurements`.execute(db);
  const row = result.rows[0];
  return {
    pillars: parseJson(row.pillars) as TemplateData["pillars"],
    units: parseJson(row.units) as TemplateData["units"],
    objectives: parseJson(row.objectives) as TemplateData["objectives"],
    indicators: parseJson(row.indicators) as TemplateData["indicators"],
    period_keys: parseJson(row.period_keys) as TemplateData["period_keys"],
    targets: parseJson(row.targets) as TemplateData["targets"],
    measurements: parseJson(row.measurements) as TemplateData["measurements"],
  };
}
