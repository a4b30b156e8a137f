import { sql, type Kysely, type Transaction } from "kysely";
import { selectAsJson, selectColumns, selectRows } from "../json-rows";
import { AUDIT_COLUMNS, auditRows, type AuditEventInput } from "./audit";
import type { MeasurementWrite } from "./reporting";
import type { Database, IndicatorKind, MeasurementState, Periodicity, PeriodStatus } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The reporting grid's SQL: the loader's reads (periods, indicators, then the year's targets and
 * measurements flat, matched in the service) and the batch save's two statements (the facts of
 * every row; one guarded write of every row with its audit). Nothing here grows with the batch.
 */

export async function findPlanById(db: Executor, planId: number) {
  return db
    .selectFrom("plans")
    .select(["id", "code", "name", "start_year", "end_year"])
    .where("id", "=", planId)
    .executeTakeFirst();
}

/** The year's periods of one periodicity, in calendar order. */
export async function listYearPeriods(db: Executor, planId: number, year: number, periodicity: Periodicity) {
  return db
    .selectFrom("periods")
    .select(["id", "key", "periodicity", "status", "end_date"])
    .where("plan_id", "=", planId)
    .where("year", "=", year)
    .where("periodicity", "=", periodicity)
    .orderBy("end_date")
    .execute();
}

export interface GridIndicatorScope {
  planId: number;
  /** Unit heads: only indicators of these units (their scope). */
  unitIds?: readonly number[];
  /** The grid's unit filter. */
  unitId?: number;
}

/** The distinct periodicities of the live indicators in scope: the grid's periodicity choices. */
export async function listGridPeriodicities(db: Executor, scope: GridIndicatorScope): Promise<Periodicity[]> {
  let query = db
    .selectFrom("indicators as i")
    .select("i.periodicity")
    .distinct()
    .where("i.plan_id", "=", scope.planId)
    .where("i.archived_at", "is", null);
  if (scope.unitIds) query = query.where("i.responsible_unit_id", "in", scope.unitIds.length > 0 ? [...scope.unitIds] : [0]);
  if (scope.unitId != null) query = query.where("i.responsible_unit_id", "=", scope.unitId);
  return (await query.execute()).map((row) => row.periodicity);
}

/** The live indicators of one periodicity a person may report, with their unit's name. */
export async function listGridIndicators(db: Kysely<Database>, scope: GridIndicatorScope, periodicity: Periodicity) {
  let query = db
    .selectFrom("indicators as i")
    .innerJoin("units as u", "u.id", "i.responsible_unit_id")
    .select([
      "i.id",
      "i.code",
      "i.name",
      "i.kind",
      "i.factor",
      "i.sex_disaggregated",
      "i.periodicity",
      "i.unit_of_measure",
      "i.responsible_unit_id",
      "u.name as unit_name",
    ])
    .where("i.plan_id", "=", scope.planId)
    .where("i.periodicity", "=", periodicity)
    .where("i.archived_at", "is", null);
  if (scope.unitIds) query = query.where("i.responsible_unit_id", "in", scope.unitIds.length > 0 ? [...scope.unitIds] : [0]);
  if (scope.unitId != null) query = query.where("i.responsible_unit_id", "=", scope.unitId);
  return selectAsJson(db, query, [
    "id",
    "code",
    "name",
    "kind",
    "factor",
    "sex_disaggregated",
    "periodicity",
    "unit_of_measure",
    "responsible_unit_id",
    "unit_name",
  ]);
}

/** The units responsible for live indicators of the plan (within a unit head's scope): the filter's choices. */
export async function listGridUnits(db: Executor, planId: number, unitIds?: readonly number[]) {
  let query = db
    .selectFrom("units as u")
    .select(["u.id", "u.name"])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("indicators as i")
          .select(sql`1`.as("one"))
          .whereRef("i.responsible_unit_id", "=", "u.id")
          .where("i.plan_id", "=", planId)
          .where("i.archived_at", "is", null),
      ),
    );
  if (unitIds) query = query.where("u.id", "in", unitIds.length > 0 ? [...unitIds] : [0]);
  return query.orderBy("u.name").orderBy("u.id").execute();
}

const TARGET_CELL_COLUMNS = ["indicator_id", "period_id", "value"] as const;
const MEASUREMENT_CELL_COLUMNS = [
  "indicator_id",
  "period_id",
  "numerator",
  "denominator",
  "value",
  "value_women",
  "value_men",
  "comment",
  "evidence_url",
  "state",
  "review_note",
  "version",
] as const;

/**
 * The year's targets and measurements in the given periods, as one JSON document each (see
 * selectColumns): read flat by period id and matched to the rows in the service, which costs
 * the large plan's 60,000 slots a fraction of a join in SQL.
 */
export async function loadGridCells(db: Kysely<Database>, params: { planId: number; periodIds: readonly number[]; scope: GridIndicatorScope }) {
  const periodIds = params.periodIds.length > 0 ? [...params.periodIds] : [0];
  const { unitIds, unitId } = params.scope;
  const filtered = unitIds != null || unitId != null;
  let scopedIndicators = db.selectFrom("indicators").select("id").where("plan_id", "=", params.planId);
  if (unitIds) scopedIndicators = scopedIndicators.where("responsible_unit_id", "in", unitIds.length > 0 ? [...unitIds] : [0]);
  if (unitId != null) scopedIndicators = scopedIndicators.where("responsible_unit_id", "=", unitId);

  let targets = db.selectFrom("targets").select(TARGET_CELL_COLUMNS).where("period_id", "in", periodIds);
  let measurements = db.selectFrom("measurements").select(MEASUREMENT_CELL_COLUMNS).where("period_id", "in", periodIds);
  if (filtered) {
    targets = targets.where("indicator_id", "in", scopedIndicators);
    measurements = measurements.where("indicator_id", "in", scopedIndicators);
  }
  const [targetColumns, measurementColumns] = await Promise.all([
    selectColumns(db, targets, TARGET_CELL_COLUMNS),
    selectColumns(db, measurements, MEASUREMENT_CELL_COLUMNS),
  ]);
  return { targets: targetColumns, measurements: measurementColumns };
}

// --- batch save -----------------------------------------------------------------------------------

export interface CellKey {
  indicatorId: number;
  periodId: number;
}

/** Everything deciding and applying one grid row needs, as it is now. */
export interface GridRowFacts {
  indicator_id: number;
  period_id: number;
  indicator_code: string;
  kind: IndicatorKind;
  factor: number;
  indicator_periodicity: Periodicity;
  sex_disaggregated: boolean;
  responsible_unit_id: number;
  archived: boolean;
  period_key: string;
  period_periodicity: Periodicity;
  period_status: PeriodStatus;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  value_women: number | null;
  value_men: number | null;
  comment: string | null;
  evidence_url: string | null;
  state: MeasurementState | null;
  version: number | null;
}

const FACT_COLUMNS = [
  "indicator_id",
  "period_id",
  "indicator_code",
  "kind",
  "factor",
  "indicator_periodicity",
  "sex_disaggregated",
  "responsible_unit_id",
  "archived",
  "period_key",
  "period_periodicity",
  "period_status",
  "numerator",
  "denominator",
  "value",
  "value_women",
  "value_men",
  "comment",
  "evidence_url",
  "state",
  "version",
] as const satisfies readonly (keyof GridRowFacts)[];

const intArray = (values: readonly number[]) => `{${values.join(",")}}`;

/** The (indicator, period) pairs of a batch as a table `k`, from two array parameters. */
const slotsOf = (keys: readonly CellKey[]) =>
  sql<{ indicator_id: number; period_id: number }>`(SELECT unnest(${intArray(keys.map((key) => key.indicatorId))}::int[]) AS indicator_id,
         unnest(${intArray(keys.map((key) => key.periodId))}::int[]) AS period_id)`.as("k");

/**
 * Facts for every (indicator, period) of a batch in one query, whatever its size. Keys outside
 * the plan have no row. The periods are share-locked (each once) until the transaction ends,
 * so none can close between this check and the write; changes to the measurements themselves
 * are caught by the version guard of the write. Who changed a row last is read only for
 * conflicts (findMeasurementAuthors): the common path stays lean.
 */
export async function findGridRowFacts(trx: Transaction<Database>, planId: number, keys: readonly CellKey[]): Promise<GridRowFacts[]> {
  if (keys.length === 0) return [];
  const periodIds = [...new Set(keys.map((key) => key.periodId))];
  const query = trx
    .selectFrom(slotsOf(keys))
    .innerJoin("indicators as i", (join) => join.onRef("i.id", "=", "k.indicator_id").on("i.plan_id", "=", planId))
    .innerJoin(
      (eb) =>
        eb
          .selectFrom("periods")
          .select(["id", "key", "periodicity", "status"])
          .where("plan_id", "=", planId)
          .where("id", "=", sql<number>`ANY(${intArray(periodIds)}::int[])`)
          .forShare()
          .as("p"),
      (join) => join.onRef("p.id", "=", "k.period_id"),
    )
    .leftJoin("measurements as m", (join) => join.onRef("m.indicator_id", "=", "k.indicator_id").onRef("m.period_id", "=", "k.period_id"))
    .select([
      "k.indicator_id",
      "k.period_id",
      "i.code as indicator_code",
      "i.kind",
      "i.factor",
      "i.periodicity as indicator_periodicity",
      "i.sex_disaggregated",
      "i.responsible_unit_id",
      sql<boolean>`i.archived_at IS NOT NULL`.as("archived"),
      "p.key as period_key",
      "p.periodicity as period_periodicity",
      "p.status as period_status",
      "m.numerator",
      "m.denominator",
      "m.value",
      "m.value_women",
      "m.value_men",
      "m.comment",
      "m.evidence_url",
      "m.state",
      "m.version",
    ]);
  return selectRows(trx, query, FACT_COLUMNS);
}

/** Who reported and who reviewed these measurements last, and when (ISO): what a conflict shows. */
export async function findMeasurementAuthors(trx: Transaction<Database>, keys: readonly CellKey[]) {
  if (keys.length === 0) return [];
  return trx
    .selectFrom(slotsOf(keys))
    .innerJoin("measurements as m", (join) => join.onRef("m.indicator_id", "=", "k.indicator_id").onRef("m.period_id", "=", "k.period_id"))
    .leftJoin("users as reporter", "reporter.id", "m.reported_by")
    .leftJoin("users as reviewer", "reviewer.id", "m.reviewed_by")
    .select([
      "m.indicator_id",
      "m.period_id",
      "m.reported_by",
      "reporter.name as reported_by_name",
      "m.reported_at",
      "reviewer.name as reviewed_by_name",
      "m.reviewed_at",
      "m.updated_at",
    ])
    .execute();
}

/**
 * One row of the batch save: the single-record write's fields (its value as stored: at most 4
 * decimals, see toStoredDecimal), without the reporter (the actor), with the row's audit.
 */
export interface GridMeasurementWrite extends Omit<MeasurementWrite, "reportedBy"> {
  /** The row's part of the audit: action, and before/after as a diff (after with the version the row gets). */
  audit: { action: string; before: unknown; after: Record<string, unknown> };
}

/**
 * A row as the write's JSON parameter reads it, written as text: empty fields are left out
 * (json_to_recordset reads them as NULL). Numbers are finite (the cell checks refuse the rest),
 * so their JavaScript text is valid JSON. Building an object per row and serialising it cost
 * more than the rest of the request's JavaScript.
 */
function rowJson(write: GridMeasurementWrite): string {
  let json = `{"indicator_id":${write.indicatorId},"period_id":${write.periodId}`;
  if (write.numerator != null) json += `,"numerator":${write.numerator}`;
  if (write.denominator != null) json += `,"denominator":${write.denominator}`;
  if (write.value != null) json += `,"value":${write.value}`;
  if (write.valueWomen != null) json += `,"value_women":${write.valueWomen}`;
  if (write.valueMen != null) json += `,"value_men":${write.valueMen}`;
  if (write.comment != null) json += `,"comment":${JSON.stringify(write.comment)}`;
  if (write.evidenceUrl != null) json += `,"evidence_url":${JSON.stringify(write.evidenceUrl)}`;
  if (write.expectedVersion != null) json += `,"expected_version":${write.expectedVersion}`;
  return `${json}}`;
}

export interface SavedMeasurement {
  indicator_id: number;
  period_id: number;
  version: number;
  value: number | null;
}

/** The audit of a batch: one event per row, which auditRows gathers in change sets (one per action). */
function auditEventsOf(ordered: readonly GridMeasurementWrite[], actor: { userId: number; requestId: string | null }): AuditEventInput[] {
  return ordered.map((write) => ({
    userId: actor.userId,
    requestId: actor.requestId,
    action: write.audit.action,
    entityType: "measurement",
    entityId: `${write.indicatorId}:${write.periodId}`,
    before: write.audit.before,
    after: write.audit.after,
  }));
}

/**
 * Writes every row of a batch as a draft reported by the actor, and its audit, in ONE
 * statement: an UPDATE of the rows the grid saw (only while they still have the version it
 * saw), an INSERT of the new ones (skipped if someone created them meanwhile), and the audit
 * change sets. The rows travel as one JSON parameter (a VALUES list of 10,000 rows would pass
 * PostgreSQL's 65,535 parameters). A row missing from the answer means another change slipped
 * in since the facts were read: the audit is then left out, and the caller must roll back.
 */
export async function saveGridMeasurements(
  trx: Transaction<Database>,
  writes: readonly GridMeasurementWrite[],
  actor: { userId: number; requestId: string | null },
): Promise<SavedMeasurement[]> {
  if (writes.length === 0) return [];
  // Empty fields are left out of the JSON (json_to_recordset reads a missing key as NULL): the
  // parameter is the larger part of this statement's cost. Read as json, not jsonb: converting
  // the whole document first cost the embedded database ~10 ms per 500 rows.
  // In key order, as the other grids lock: two saves of the same rows in opposite orders must
  // not deadlock (one waits, then sees a conflict).
  const ordered = [...writes].sort((a, b) => a.indicatorId - b.indicatorId || a.periodId - b.periodId);
  const rows = `[${ordered.map(rowJson).join(",")}]`;
  const result = await sql<SavedMeasurement>`
    WITH w AS MATERIALIZED (
      SELECT * FROM json_to_recordset(${rows}::json) AS w(
        indicator_id int, period_id int, numerator numeric, denominator numeric, value numeric, value_women numeric,
        value_men numeric, comment text, evidence_url text, expected_version int)
    ),
    updated AS (
      UPDATE measurements AS m
      SET numerator = w.numerator, denominator = w.denominator, value = w.value, value_women = w.value_women,
          value_men = w.value_men, comment = w.comment, evidence_url = w.evidence_url, state = 'draft',
          reported_by = ${actor.userId}, reported_at = now(), updated_at = now(), version = m.version + 1
      FROM w
      WHERE m.indicator_id = w.indicator_id AND m.period_id = w.period_id AND m.version = w.expected_version
      RETURNING m.indicator_id, m.period_id, m.version, m.value
    ),
    inserted AS (
      INSERT INTO measurements (indicator_id, period_id, numerator, denominator, value, value_women, value_men,
                                comment, evidence_url, state, reported_by, reported_at, updated_at)
      SELECT w.indicator_id, w.period_id, w.numerator, w.denominator, w.value, w.value_women, w.value_men,
             w.comment, w.evidence_url, 'draft', ${actor.userId}, now(), now()
      FROM w WHERE w.expected_version IS NULL
      ON CONFLICT (indicator_id, period_id) DO NOTHING
      RETURNING indicator_id, period_id, version, value
    ),
    audited AS (
      INSERT INTO audit_events ${AUDIT_COLUMNS}
      SELECT * FROM (${auditRows(auditEventsOf(ordered, actor))}) AS e
      -- Only when every row was saved: otherwise the caller rolls back and tries again.
      WHERE (SELECT count(*) FROM updated) + (SELECT count(*) FROM inserted) = ${ordered.length}
    )
    SELECT * FROM updated UNION ALL SELECT * FROM inserted`.execute(trx);
  return result.rows;
}


// --- submit for validation --------------------------------------------------------------------------

export async function findPlanPeriod(trx: Transaction<Database>, planId: number, periodId: number) {
  return trx
    .selectFrom("periods")
    .select(["id", "key", "status"])
    .where("id", "=", periodId)
    .where("plan_id", "=", planId)
    .forShare()
    .executeTakeFirst();
}

export interface SubmittedMeasurement {
  indicator_id: number;
  period_id: number;
  version: number;
  previous_state: MeasurementState;
}

/**
 * Moves the period's draft and returned measurements of live indicators (of these units, when
 * given) to 'submitted' in one statement, bumping each version.
 */
export async function submitPeriodMeasurements(
  trx: Transaction<Database>,
  params: { planId: number; periodId: number; unitIds?: readonly number[]; unitId?: number },
): Promise<SubmittedMeasurement[]> {
  const unitScope = params.unitIds ? sql`AND i.responsible_unit_id = ANY(${intArray(params.unitIds)}::int[])` : sql``;
  const unitFilter = params.unitId != null ? sql`AND i.responsible_unit_id = ${params.unitId}` : sql``;
  const result = await sql<SubmittedMeasurement>`
    WITH chosen AS (
      SELECT m.id, m.state AS previous_state
      FROM measurements m
      JOIN indicators i ON i.id = m.indicator_id AND i.plan_id = ${params.planId} AND i.archived_at IS NULL
      WHERE m.period_id = ${params.periodId} AND m.state IN ('draft', 'returned') ${unitScope} ${unitFilter}
      FOR UPDATE OF m
    )
    UPDATE measurements AS m
    SET state = 'submitted', submitted_at = now(), updated_at = now(), version = m.version + 1
    FROM chosen
    WHERE m.id = chosen.id
    RETURNING m.indicator_id, m.period_id, m.version, chosen.previous_state`.execute(trx);
  return result.rows;
}
