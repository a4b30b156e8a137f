import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

/** What deciding and applying one measurement needs: indicator, period and the current row. */
export async function findMeasurementFacts(db: Executor, indicatorId: number, periodId: number) {
  const facts = await db
    .selectFrom("indicators as i")
    .innerJoin("periods as p", (join) => join.on("p.id", "=", periodId).onRef("p.plan_id", "=", "i.plan_id"))
    .leftJoin("measurements as m", (join) => join.onRef("m.indicator_id", "=", "i.id").onRef("m.period_id", "=", "p.id"))
    .select([
      "i.id as indicator_id",
      "i.code as indicator_code",
      "i.kind",
      "i.factor",
      "i.periodicity as indicator_periodicity",
      "i.sex_disaggregated",
      "i.responsible_unit_id",
      "i.archived_at",
      "p.id as period_id",
      "p.key as period_key",
      "p.periodicity as period_periodicity",
      "p.status as period_status",
      "m.id as measurement_id",
      "m.numerator",
      "m.denominator",
      "m.value",
      "m.value_women",
      "m.value_men",
      "m.comment",
      "m.evidence_url",
      "m.state",
      "m.version",
    ])
    .where("i.id", "=", indicatorId)
    .forUpdate("i")
    .executeTakeFirst();
  return facts;
}

export interface MeasurementWrite {
  indicatorId: number;
  periodId: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  valueWomen: number | null;
  valueMen: number | null;
  comment: string | null;
  evidenceUrl: string | null;
  reportedBy: number;
  /** The version the caller read; null: there was no measurement yet. */
  expectedVersion: number | null;
}

/**
 * Inserts or updates the draft value, bumping its version, and answers the new version; null
 * when the row is no longer the version the caller read (another change got in first).
 */
export async function upsertMeasurement(db: Executor, write: MeasurementWrite): Promise<number | null> {
  const now = new Date();
  const values = {
    numerator: write.numerator,
    denominator: write.denominator,
    value: write.value,
    value_women: write.valueWomen,
    value_men: write.valueMen,
    comment: write.comment,
    evidence_url: write.evidenceUrl,
    reported_by: write.reportedBy,
    reported_at: now,
    updated_at: now,
  };
  const row = await db
    .insertInto("measurements")
    .values({ indicator_id: write.indicatorId, period_id: write.periodId, state: "draft", ...values })
    .onConflict((conflict) =>
      conflict
        .columns(["indicator_id", "period_id"])
        .doUpdateSet((eb) => ({
          ...values,
          state: "draft",
          version: eb("measurements.version", "+", 1),
        }))
        // Only the version the caller read: a row changed (or created) since is left alone.
        .where("measurements.version", "=", write.expectedVersion ?? 0),
    )
    .returning("version")
    .executeTakeFirst();
  return row?.version ?? null;
}

export async function findMilestoneFacts(db: Executor, milestoneId: number) {
  return db
    .selectFrom("milestones as m")
    .innerJoin("commitments as c", "c.id", "m.commitment_id")
    .select([
      "m.id",
      "m.title",
      "m.progress",
      "m.state",
      "m.evidence_url",
      "m.comment",
      "m.version",
      "c.responsible_unit_id",
      "c.code as commitment_code",
    ])
    .where("m.id", "=", milestoneId)
    .forUpdate("m")
    .executeTakeFirst();
}

export async function updateMilestoneProgress(
  db: Executor,
  milestoneId: number,
  fields: { progress: number; state: Database["milestones"]["state"]["__update__"]; evidenceUrl: string | null; comment: string | null; updatedBy: number },
): Promise<number> {
  const now = new Date();
  const row = await db
    .updateTable("milestones")
    .set((eb) => ({
      progress: fields.progress,
      state: fields.state,
      evidence_url: fields.evidenceUrl,
      comment: fields.comment,
      completed_at: fields.state === "done" ? now : null,
      updated_by: fields.updatedBy,
      updated_at: now,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", milestoneId)
    .returning("version")
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function findTargetFacts(db: Executor, indicatorId: number, periodId: number) {
  return db
    .selectFrom("indicators as i")
    .innerJoin("periods as p", (join) => join.on("p.id", "=", periodId).onRef("p.plan_id", "=", "i.plan_id"))
    .leftJoin("targets as t", (join) => join.onRef("t.indicator_id", "=", "i.id").onRef("t.period_id", "=", "p.id"))
    .select([
      "i.id as indicator_id",
      "i.periodicity as indicator_periodicity",
      "p.key as period_key",
      "p.periodicity as period_periodicity",
      "p.status as period_status",
      "t.value as target_value",
      "t.version as target_version",
    ])
    .where("i.id", "=", indicatorId)
    .executeTakeFirst();
}

export async function upsertTarget(db: Executor, indicatorId: number, periodId: number, value: number, userId: number) {
  const now = new Date();
  await db
    .insertInto("targets")
    .values({ indicator_id: indicatorId, period_id: periodId, value, updated_by: userId })
    .onConflict((conflict) =>
      conflict.columns(["indicator_id", "period_id"]).doUpdateSet((eb) => ({
        value,
        updated_by: userId,
        updated_at: now,
        version: eb("targets.version", "+", 1),
      })),
    )
    .execute();
}

export async function findPeriod(db: Executor, periodId: number) {
  return db.selectFrom("periods").selectAll().where("id", "=", periodId).forUpdate().executeTakeFirst();
}

export async function setPeriodStatus(db: Executor, periodId: number, status: "open" | "closed", userId: number) {
  await db
    .updateTable("periods")
    .set(
      status === "closed"
        ? { status, closed_at: new Date(), closed_by: userId }
        : { status, closed_at: null, closed_by: null },
    )
    .where("id", "=", periodId)
    .execute();
}
