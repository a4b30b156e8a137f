import { sql, type Kysely } from "kysely";
import type { Database, Periodicity, Role } from "../../db/schema";
import { DEMO_ACCOUNTS, DEMO_UNIT_HEAD_UNIT, seedDemo } from "../../db/seed/demo";
import { loadActor, type ServiceContext } from "../../app/services/context.server";
import { saveMeasurement } from "../../app/services/measurements.server";

export type DemoContexts = Record<Role, ServiceContext>;

/** Loads the demo plan and builds a service context for each demo account, as a request would. */
export async function seedDemoWithContexts(db: Kysely<Database>): Promise<DemoContexts> {
  await seedDemo(db);
  const contexts = {} as DemoContexts;
  for (const account of DEMO_ACCOUNTS) {
    const user = await db
      .selectFrom("users")
      .select(["id", "email", "name", "role"])
      .where("email", "=", account.email)
      .executeTakeFirstOrThrow();
    contexts[user.role] = { db, actor: await loadActor(db, user), requestId: `test-${user.role}` };
  }
  return contexts;
}

/** An indicator inside or outside the demo unit head's unit, with an open and a closed period. */
export async function findReportingCase(db: Kysely<Database>, ownUnit: boolean) {
  const unit = await db.selectFrom("units").select("id").where("code", "=", DEMO_UNIT_HEAD_UNIT).executeTakeFirstOrThrow();
  const indicator = await db
    .selectFrom("indicators")
    .select(["id", "plan_id", "code", "kind", "periodicity", "responsible_unit_id"])
    .where("responsible_unit_id", ownUnit ? "=" : "<>", unit.id)
    .where("kind", "=", "value")
    .where("periodicity", "in", ["monthly", "quarterly"])
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const periods = await db
    .selectFrom("periods")
    .select(["id", "key", "status"])
    .where("plan_id", "=", indicator.plan_id)
    .where("periodicity", "=", indicator.periodicity as Periodicity)
    .orderBy("start_date")
    .execute();
  const openPeriod = periods.find((period) => period.status === "open")!;
  const closedPeriod = periods.find((period) => period.status === "closed")!;
  // Start from a clean slot: no measurement yet in the open period.
  await db.deleteFrom("measurements").where("indicator_id", "=", indicator.id).where("period_id", "=", openPeriod.id).execute();
  return { indicator, openPeriod, closedPeriod };
}

export async function findMilestoneOf(db: Kysely<Database>, ownUnit: boolean) {
  const unit = await db.selectFrom("units").select("id").where("code", "=", DEMO_UNIT_HEAD_UNIT).executeTakeFirstOrThrow();
  return db
    .selectFrom("milestones as m")
    .innerJoin("commitments as c", "c.id", "m.commitment_id")
    .select(["m.id"])
    .where("c.responsible_unit_id", ownUnit ? "=" : "<>", unit.id)
    .where("m.state", "<>", "done")
    .orderBy("m.id")
    .executeTakeFirstOrThrow();
}

export async function countAuditEvents(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("audit_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Reports a value through the single-record service as a person who has the measurement in
 * front of them: with its current version (none when nothing is reported yet).
 */
export async function reportWithCurrentVersion(ctx: ServiceContext, input: { indicatorId: number; periodId: number; value: number }) {
  const current = await ctx.db
    .selectFrom("measurements")
    .select("version")
    .where("indicator_id", "=", input.indicatorId)
    .where("period_id", "=", input.periodId)
    .executeTakeFirst();
  return saveMeasurement(ctx, { ...input, version: current?.version });
}

/** How many records the audit trail covers: a change set counts each of its records. */
export async function countAuditedRecords(db: Kysely<Database>): Promise<number> {
  const row = await sql<{ n: number }>`SELECT coalesce(sum(coalesce(cardinality(entity_ids), 1)), 0)::int AS n FROM audit_events`.execute(db);
  return Number(row.rows[0].n);
}

/** The latest audit of one record, whichever shape holds it (an event of its own or a change set). */
export async function latestAuditOf(db: Kysely<Database>, entityType: string, entityId: string) {
  const result = await sql<{ action: string; user_id: number | null; request_id: string | null; change_set: boolean; before: unknown; after: unknown }>`
    SELECT a.action, a.user_id, a.request_id, a.entity_ids IS NOT NULL AS change_set,
           CASE WHEN a.entity_ids IS NULL THEN a.before ELSE a.before -> ${entityId}::text END AS before,
           CASE WHEN a.entity_ids IS NULL THEN a.after ELSE a.after -> ${entityId}::text END AS after
    FROM audit_events a
    WHERE a.entity_type = ${entityType} AND (a.entity_id = ${entityId} OR a.entity_ids @> ARRAY[${entityId}::text])
    ORDER BY a.id DESC LIMIT 1`.execute(db);
  return result.rows[0];
}
