import { sql, type Kysely, type Transaction } from "kysely";
import { ALL_PERIODICITIES, generatePeriods } from "../../app/domain/periods";
import type { Database, DefinitionKind, PlanStatus } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

const countInt = sql<number>`count(*)::int`;

// --- plans -----------------------------------------------------------------------------------

const PLAN_COLUMNS = [
  "id",
  "code",
  "name",
  "description",
  "start_year",
  "end_year",
  "status",
  "green_threshold",
  "yellow_threshold",
  "score_cap",
  "is_demo",
  "updated_at",
] as const;

/** Every plan with its settings, oldest first: a handful of rows, read in one query. */
export async function listPlanDetails(db: Executor) {
  return db.selectFrom("plans").select(PLAN_COLUMNS).orderBy("id").execute();
}

export async function findPlanDetails(db: Executor, id: number, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom("plans").select(PLAN_COLUMNS).where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function planCodeExists(db: Executor, code: string): Promise<boolean> {
  const row = await db.selectFrom("plans").select("id").where(sql<string>`lower(code)`, "=", code.toLowerCase()).executeTakeFirst();
  return row !== undefined;
}

/** The first active plan other than `exceptId`, if any. */
export async function findOtherActivePlan(db: Executor, exceptId?: number) {
  let query = db.selectFrom("plans").select(["id", "code", "name"]).where("status", "=", "active");
  if (exceptId != null) query = query.where("id", "<>", exceptId);
  return query.orderBy("id").limit(1).executeTakeFirst();
}

export interface PlanWrite {
  name: string;
  description: string | null;
  start_year: number;
  end_year: number;
  status: PlanStatus;
  green_threshold: number;
  yellow_threshold: number;
  score_cap: number;
}

export async function insertPlan(db: Executor, plan: PlanWrite & { code: string }): Promise<number> {
  const row = await db.insertInto("plans").values(plan).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlan(db: Executor, id: number, plan: PlanWrite) {
  await db.updateTable("plans").set({ ...plan, updated_at: new Date() }).where("id", "=", id).execute();
}

/**
 * Inserts the plan's reporting periods of every periodicity from `startYear` to `endYear`
 * (all open), leaving the ones it already has untouched. One statement; returns how many were new.
 * Shared with the periods page, which may call it to fill gaps.
 */
export async function insertPlanPeriods(db: Executor, planId: number, startYear: number, endYear: number): Promise<number> {
  const rows = ALL_PERIODICITIES.flatMap((periodicity) => generatePeriods(periodicity, startYear, endYear)).map((period) => ({
    plan_id: planId,
    key: period.key,
    periodicity: period.periodicity,
    year: period.year,
    number: period.number,
    start_date: period.startDate,
    end_date: period.endDate,
  }));
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto("periods")
    .values(rows)
    .onConflict((conflict) => conflict.columns(["plan_id", "key"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length;
}

/** Per year outside [startYear, endYear]: its periods and the targets and measurements they hold. */
export async function summarizePeriodsOutsideYears(db: Executor, planId: number, startYear: number, endYear: number) {
  const result = await sql<{ year: number; periods: number; targets: number; measurements: number }>`
    SELECT p.year,
           count(*)::int AS periods,
           coalesce(sum(t.n), 0)::int AS targets,
           coalesce(sum(m.n), 0)::int AS measurements
      FROM periods p
      LEFT JOIN LATERAL (SELECT count(*) AS n FROM targets WHERE period_id = p.id) t ON true
      LEFT JOIN LATERAL (SELECT count(*) AS n FROM measurements WHERE period_id = p.id) m ON true
     WHERE p.plan_id = ${planId} AND (p.year < ${startYear} OR p.year > ${endYear})
     GROUP BY p.year
     ORDER BY p.year`.execute(db);
  return result.rows;
}

export async function deletePeriodsOutsideYears(db: Executor, planId: number, startYear: number, endYear: number): Promise<number> {
  const deleted = await db
    .deleteFrom("periods")
    .where("plan_id", "=", planId)
    .where((eb) => eb.or([eb("year", "<", startYear), eb("year", ">", endYear)]))
    .returning("id")
    .execute();
  return deleted.length;
}

// --- strategic definitions -------------------------------------------------------------------

export async function listDefinitions(db: Executor, planId: number) {
  return db
    .selectFrom("strategic_definitions")
    .select(["id", "plan_id", "kind", "title", "body", "position", "updated_at"])
    .where("plan_id", "=", planId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function findDefinition(db: Executor, id: number) {
  return db
    .selectFrom("strategic_definitions")
    .select(["id", "plan_id", "kind", "title", "body", "position"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export interface DefinitionWrite {
  kind: DefinitionKind;
  title: string | null;
  body: string;
}

/** Appends a definition at the end of the plan's order. */
export async function insertDefinition(db: Executor, planId: number, definition: DefinitionWrite): Promise<number> {
  const row = await db
    .insertInto("strategic_definitions")
    .values((eb) => ({
      plan_id: planId,
      ...definition,
      position: eb
        .selectFrom("strategic_definitions")
        .select(sql<number>`coalesce(max(position), 0) + 1`.as("next"))
        .where("plan_id", "=", planId),
    }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDefinition(db: Executor, id: number, definition: DefinitionWrite) {
  await db
    .updateTable("strategic_definitions")
    .set({ ...definition, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteDefinition(db: Executor, id: number) {
  await db.deleteFrom("strategic_definitions").where("id", "=", id).execute();
}

/** Locks the plan's definitions, in their shown order, before reordering them. */
export async function lockDefinitionOrder(db: Executor, planId: number) {
  return db
    .selectFrom("strategic_definitions")
    .select(["id", "position"])
    .where("plan_id", "=", planId)
    .orderBy("position")
    .orderBy("id")
    .forUpdate()
    .execute();
}

/** Sets positions 1..n in the given order, in one statement. */
export async function setDefinitionOrder(db: Executor, planId: number, orderedIds: readonly number[]) {
  if (orderedIds.length === 0) return;
  const cases = sql.join(orderedIds.map((id, index) => sql`WHEN ${id}::int THEN ${index + 1}::int`), sql` `);
  await db
    .updateTable("strategic_definitions")
    .set({ position: sql<number>`CASE id ${cases} END`, updated_at: new Date() })
    .where("plan_id", "=", planId)
    .where("id", "in", [...orderedIds])
    .execute();
}

// --- pillars ---------------------------------------------------------------------------------

/** The plan's pillars with how many objectives and commitments hang from each; one query. */
export async function listPillars(db: Executor, planId: number) {
  return db
    .selectFrom("pillars as p")
    .select((eb) => [
      "p.id",
      "p.code",
      "p.name",
      "p.action_line",
      "p.governance",
      "p.description",
      "p.weight",
      "p.color",
      "p.position",
      eb
        .selectFrom("objectives as o")
        .whereRef("o.pillar_id", "=", "p.id")
        .where("o.archived_at", "is", null)
        .select(countInt.as("n"))
        .as("objective_count"),
      eb
        .selectFrom("commitments as c")
        .whereRef("c.pillar_id", "=", "p.id")
        .where("c.archived_at", "is", null)
        .select(countInt.as("n"))
        .as("commitment_count"),
    ])
    .where("p.plan_id", "=", planId)
    .orderBy("p.position")
    .orderBy("p.id")
    .execute();
}

export async function findPillar(db: Executor, id: number, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom("pillars")
    .select(["id", "plan_id", "code", "name", "action_line", "governance", "description", "weight", "color", "position", "updated_at"])
    .where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface PillarWrite {
  code: string;
  name: string;
  action_line: string | null;
  governance: string | null;
  description: string | null;
  weight: number;
  color: string;
}

export async function insertPillar(db: Executor, planId: number, pillar: PillarWrite): Promise<number> {
  const row = await db
    .insertInto("pillars")
    .values((eb) => ({
      plan_id: planId,
      ...pillar,
      position: eb
        .selectFrom("pillars")
        .select(sql<number>`coalesce(max(position), 0) + 1`.as("next"))
        .where("plan_id", "=", planId),
    }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePillar(db: Executor, id: number, pillar: PillarWrite) {
  await db.updateTable("pillars").set({ ...pillar, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function deletePillar(db: Executor, id: number) {
  await db.deleteFrom("pillars").where("id", "=", id).execute();
}

/** Weights of the plan's other pillars, for the "not all zero" rule. */
export async function listOtherPillarWeights(db: Executor, planId: number, exceptId?: number): Promise<number[]> {
  let query = db.selectFrom("pillars").select("weight").where("plan_id", "=", planId);
  if (exceptId != null) query = query.where("id", "<>", exceptId);
  return (await query.execute()).map((row) => row.weight);
}

/** Everything that would block deleting a pillar (archived rows too: they still reference it). */
export async function countPillarDependents(db: Executor, id: number) {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("objectives").where("pillar_id", "=", id).select(countInt.as("n")).as("objectives"),
      eb.selectFrom("commitments").where("pillar_id", "=", id).select(countInt.as("n")).as("commitments"),
    ])
    .executeTakeFirstOrThrow();
  return { objectives: row.objectives ?? 0, commitments: row.commitments ?? 0 };
}

export async function pillarCodeExists(db: Executor, planId: number, code: string, exceptId?: number): Promise<boolean> {
  let query = db
    .selectFrom("pillars")
    .select("id")
    .where("plan_id", "=", planId)
    .where(sql<string>`lower(code)`, "=", code.toLowerCase());
  if (exceptId != null) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

// --- axes ------------------------------------------------------------------------------------

export async function listPlanAxes(db: Executor, planId: number) {
  return db
    .selectFrom("axes")
    .select(["id", "code", "name", "description", "color", "position"])
    .where("plan_id", "=", planId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function findAxis(db: Executor, id: number, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom("axes")
    .select(["id", "plan_id", "code", "name", "description", "color", "position", "updated_at"])
    .where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface AxisWrite {
  code: string;
  name: string;
  description: string | null;
  color: string;
}

export async function insertAxis(db: Executor, planId: number, axis: AxisWrite): Promise<number> {
  const row = await db
    .insertInto("axes")
    .values((eb) => ({
      plan_id: planId,
      ...axis,
      position: eb
        .selectFrom("axes")
        .select(sql<number>`coalesce(max(position), 0) + 1`.as("next"))
        .where("plan_id", "=", planId),
    }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAxis(db: Executor, id: number, axis: AxisWrite) {
  await db.updateTable("axes").set({ ...axis, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function deleteAxis(db: Executor, id: number) {
  await db.deleteFrom("axes").where("id", "=", id).execute();
}

/** How many objectives, indicators and commitments carry the axis as a tag. */
export async function countAxisTags(db: Executor, id: number) {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("objective_axes").where("axis_id", "=", id).select(countInt.as("n")).as("objectives"),
      eb.selectFrom("indicator_axes").where("axis_id", "=", id).select(countInt.as("n")).as("indicators"),
      eb.selectFrom("commitment_axes").where("axis_id", "=", id).select(countInt.as("n")).as("commitments"),
    ])
    .executeTakeFirstOrThrow();
  return { objectives: row.objectives ?? 0, indicators: row.indicators ?? 0, commitments: row.commitments ?? 0 };
}

export async function axisCodeExists(db: Executor, planId: number, code: string, exceptId?: number): Promise<boolean> {
  let query = db
    .selectFrom("axes")
    .select("id")
    .where("plan_id", "=", planId)
    .where(sql<string>`lower(code)`, "=", code.toLowerCase());
  if (exceptId != null) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The subset of `axisIds` that are axes of the plan. */
export async function existingPlanAxisIds(db: Executor, planId: number, axisIds: readonly number[]): Promise<number[]> {
  if (axisIds.length === 0) return [];
  const rows = await db.selectFrom("axes").select("id").where("plan_id", "=", planId).where("id", "in", [...axisIds]).execute();
  return rows.map((row) => row.id);
}

// --- objectives ------------------------------------------------------------------------------

/**
 * Every objective of the plan with its owner unit's name, its axes and how many live
 * indicators it has: one query for the whole section, whatever the number of objectives.
 */
export async function listObjectivesOverview(db: Executor, planId: number) {
  return db
    .selectFrom("objectives as o")
    .leftJoin("units as u", "u.id", "o.owner_unit_id")
    .select((eb) => [
      "o.id",
      "o.pillar_id",
      "o.code",
      "o.title",
      "o.description",
      "o.weight",
      "o.archived_at",
      "o.owner_unit_id",
      "u.name as owner_unit_name",
      sql<number[]>`coalesce((SELECT array_agg(a.id ORDER BY a.position, a.id)
        FROM objective_axes oa JOIN axes a ON a.id = oa.axis_id
        WHERE oa.objective_id = o.id), '{}')`.as("axis_ids"),
      eb
        .selectFrom("indicators as i")
        .whereRef("i.objective_id", "=", "o.id")
        .where("i.archived_at", "is", null)
        .select(countInt.as("n"))
        .as("indicator_count"),
    ])
    .where("o.plan_id", "=", planId)
    .orderBy("o.position")
    .orderBy("o.code")
    .execute();
}

export async function findObjective(db: Executor, id: number, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom("objectives as o")
    .select([
      "o.id",
      "o.plan_id",
      "o.pillar_id",
      "o.code",
      "o.title",
      "o.description",
      "o.weight",
      "o.owner_unit_id",
      "o.position",
      "o.archived_at",
      "o.updated_at",
      sql<number[]>`coalesce((SELECT array_agg(oa.axis_id ORDER BY oa.axis_id)
        FROM objective_axes oa WHERE oa.objective_id = o.id), '{}')`.as("axis_ids"),
    ])
    .where("o.id", "=", id);
  if (options.forUpdate) query = query.forUpdate("o");
  return query.executeTakeFirst();
}

export interface ObjectiveWrite {
  pillar_id: number;
  code: string;
  title: string;
  description: string | null;
  weight: number;
  owner_unit_id: number | null;
}

/** Appends the objective at the end of its pillar's order. */
export async function insertObjective(db: Executor, planId: number, objective: ObjectiveWrite): Promise<number> {
  const row = await db
    .insertInto("objectives")
    .values((eb) => ({
      plan_id: planId,
      ...objective,
      position: eb
        .selectFrom("objectives")
        .select(sql<number>`coalesce(max(position), 0) + 1`.as("next"))
        .where("pillar_id", "=", objective.pillar_id),
    }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateObjective(db: Executor, id: number, objective: ObjectiveWrite) {
  await db.updateTable("objectives").set({ ...objective, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function setObjectiveArchived(db: Executor, id: number, archived: boolean) {
  const now = new Date();
  await db
    .updateTable("objectives")
    .set({ archived_at: archived ? now : null, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function deleteObjective(db: Executor, id: number) {
  await db.deleteFrom("objectives").where("id", "=", id).execute();
}

export async function replaceObjectiveAxes(db: Executor, objectiveId: number, axisIds: readonly number[]) {
  await db.deleteFrom("objective_axes").where("objective_id", "=", objectiveId).execute();
  if (axisIds.length > 0) {
    await db
      .insertInto("objective_axes")
      .values(axisIds.map((axisId) => ({ objective_id: objectiveId, axis_id: axisId })))
      .execute();
  }
}

/** Indicators under the objective, archived ones included (they still reference it). */
export async function countObjectiveIndicators(db: Executor, id: number): Promise<number> {
  const row = await db
    .selectFrom("indicators")
    .select(countInt.as("n"))
    .where("objective_id", "=", id)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Weights of the pillar's other live objectives, for the "not all zero" rule. */
export async function listOtherObjectiveWeights(db: Executor, pillarId: number, exceptId?: number): Promise<number[]> {
  let query = db.selectFrom("objectives").select("weight").where("pillar_id", "=", pillarId).where("archived_at", "is", null);
  if (exceptId != null) query = query.where("id", "<>", exceptId);
  return (await query.execute()).map((row) => row.weight);
}

export async function objectiveCodeExists(db: Executor, planId: number, code: string, exceptId?: number): Promise<boolean> {
  let query = db
    .selectFrom("objectives")
    .select("id")
    .where("plan_id", "=", planId)
    .where(sql<string>`lower(code)`, "=", code.toLowerCase());
  if (exceptId != null) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}
