import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The periods page in one query: each period with who closed it, its measurements counted by
 * state and the indicators of its periodicity that have none yet. Archived indicators and
 * their measurements are left out of every count.
 */
export async function listPeriodOverview(db: Executor, planId: number, filter: { year: number } | { periodId: number }) {
  let query = db
    .selectFrom("periods as p")
    .leftJoin("users as closer", "closer.id", "p.closed_by")
    .leftJoin("measurements as m", "m.period_id", "p.id")
    .leftJoin("indicators as i", (join) =>
      join.onRef("i.id", "=", "m.indicator_id").onRef("i.plan_id", "=", "p.plan_id").on("i.archived_at", "is", null),
    )
    .select((eb) => [
      "p.id",
      "p.key",
      "p.periodicity",
      "p.year",
      "p.number",
      "p.start_date",
      "p.end_date",
      "p.status",
      "p.closed_at",
      "closer.name as closed_by_name",
      sql<number>`(count(i.id) FILTER (WHERE m.state = 'draft'))::int`.as("draft_count"),
      sql<number>`(count(i.id) FILTER (WHERE m.state = 'submitted'))::int`.as("submitted_count"),
      sql<number>`(count(i.id) FILTER (WHERE m.state = 'approved'))::int`.as("approved_count"),
      sql<number>`(count(i.id) FILTER (WHERE m.state = 'returned'))::int`.as("returned_count"),
      eb
        .selectFrom("indicators as pending")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("pending.plan_id", "=", "p.plan_id")
        .whereRef("pending.periodicity", "=", "p.periodicity")
        .where("pending.archived_at", "is", null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("measurements as done")
                .select(sql`1`.as("one"))
                .whereRef("done.indicator_id", "=", "pending.id")
                .whereRef("done.period_id", "=", "p.id"),
            ),
          ),
        )
        .as("missing_count"),
    ])
    .where("p.plan_id", "=", planId);
  query = "year" in filter ? query.where("p.year", "=", filter.year) : query.where("p.id", "=", filter.periodId);
  return query.groupBy(["p.id", "closer.name"]).orderBy("p.start_date").orderBy("p.end_date").execute();
}

export type PeriodOverviewRow = Awaited<ReturnType<typeof listPeriodOverview>>[number];
