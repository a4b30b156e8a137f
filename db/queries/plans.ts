import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

/**
 * The plan the app shows: the one named by PLAN_CODE, else the first active plan created
 * (so a generated large plan added later does not replace the plan people work on).
 */
export async function findCurrentPlan(db: Kysely<Database>, code?: string) {
  let query = db
    .selectFrom("plans")
    .select(["id", "code", "name", "description", "start_year", "end_year", "status", "is_demo"]);
  query = code ? query.where("code", "=", code) : query.where("status", "=", "active");
  return query.orderBy("id").limit(1).executeTakeFirst();
}

/** Pillars with their action-plan line and how much hangs from each; one query. */
export async function listPillarSummaries(db: Kysely<Database>, planId: number) {
  return db
    .selectFrom("pillars as p")
    .select((eb) => [
      "p.id",
      "p.code",
      "p.name",
      "p.action_line",
      "p.governance",
      "p.description",
      "p.color",
      eb
        .selectFrom("objectives as o")
        .whereRef("o.pillar_id", "=", "p.id")
        .where("o.archived_at", "is", null)
        .select(sql<number>`count(*)::int`.as("n"))
        .as("objective_count"),
      eb
        .selectFrom("indicators as i")
        .innerJoin("objectives as o", "o.id", "i.objective_id")
        .whereRef("o.pillar_id", "=", "p.id")
        .where("i.archived_at", "is", null)
        .select(sql<number>`count(*)::int`.as("n"))
        .as("indicator_count"),
      eb
        .selectFrom("commitments as c")
        .whereRef("c.pillar_id", "=", "p.id")
        .where("c.archived_at", "is", null)
        .select(sql<number>`count(*)::int`.as("n"))
        .as("commitment_count"),
    ])
    .where("p.plan_id", "=", planId)
    .orderBy("p.position")
    .orderBy("p.id")
    .execute();
}

export async function listAxes(db: Kysely<Database>, planId: number) {
  return db
    .selectFrom("axes")
    .select(["id", "code", "name", "description", "color"])
    .where("plan_id", "=", planId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function countPlans(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("plans").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  return row.n;
}
