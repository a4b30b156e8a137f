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
