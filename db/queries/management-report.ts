import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";
import { unitSubtree } from "./validation-grid";

/**
 * What the management report shows beyond the scorecard (db/queries/scorecard.ts gives the
 * indicators, their period rows and the milestones): the commitments' own facts and the
 * committee's agreements. One query each, whatever the size of the plan.
 */

export interface ReportScope {
  planId: number;
  /** Only items of this unit or any unit below it, as the scorecard filters. */
  unitId?: number;
  pillarId?: number;
}

/** The plan's name and scoring settings, and the names of the chosen filters (null: not in this plan). */
export async function findReportContext(
  db: Kysely<Database>,
  filters: { planId: number; unitId?: number; axisId?: number; pillarId?: number },
) {
  return db
    .selectFrom("plans as pl")
    .select((eb) => [
      "pl.id",
      "pl.code",
      "pl.name",
      "pl.green_threshold",
      "pl.yellow_threshold",
      "pl.score_cap",
      eb.selectFrom("units").select("name").where("id", "=", filters.unitId ?? 0).as("unit_name"),
      eb.selectFrom("axes").select("name").where("id", "=", filters.axisId ?? 0).whereRef("plan_id", "=", "pl.id").as("axis_name"),
      eb.selectFrom("pillars").select("name").where("id", "=", filters.pillarId ?? 0).whereRef("plan_id", "=", "pl.id").as("pillar_name"),
    ])
    .where("pl.id", "=", filters.planId)
    .executeTakeFirst();
}

/** The plan's live commitments in the plan's order, with pillar and unit names and their dates. */
export async function listReportCommitments(db: Kysely<Database>, scope: ReportScope) {
  let query = db
    .selectFrom("commitments as c")
    .innerJoin("pillars as p", "p.id", "c.pillar_id")
    .innerJoin("units as u", "u.id", "c.responsible_unit_id")
    .select([
      "c.id",
      "c.code",
      "c.title",
      "c.pillar_id",
      "p.name as pillar_name",
      "u.name as unit_name",
      "c.start_date",
      "c.end_date",
      "c.weight",
    ])
    .where("c.plan_id", "=", scope.planId)
    .where("c.archived_at", "is", null);
  if (scope.unitId != null) query = query.where("c.responsible_unit_id", "in", unitSubtree(scope.unitId));
  if (scope.pillarId != null) query = query.where("c.pillar_id", "=", scope.pillarId);
  return query.orderBy("p.position").orderBy("c.position").orderBy("c.code").execute();
}

/** The committee's agreements with their session, oldest session first. */
export async function listReportAgreements(db: Kysely<Database>, scope: Omit<ReportScope, "pillarId">) {
  let query = db
    .selectFrom("agreements as a")
    .innerJoin("committee_sessions as s", "s.id", "a.session_id")
    .leftJoin("units as u", "u.id", "a.responsible_unit_id")
    .select([
      "a.id",
      "s.number as session_number",
      "s.held_on as session_date",
      "s.title as session_title",
      "a.position",
      "a.text",
      "u.name as unit_name",
      "a.due_date",
      "a.state",
      // The day it was done, as people in Santiago saw it.
      sql<string | null>`to_char(a.completed_at AT TIME ZONE 'America/Santiago', 'YYYY-MM-DD')`.as("completed_on"),
    ])
    .where("s.plan_id", "=", scope.planId);
  if (scope.unitId != null) query = query.where("a.responsible_unit_id", "in", unitSubtree(scope.unitId));
  return query.orderBy("s.held_on").orderBy("s.number").orderBy("a.position").orderBy("a.id").execute();
}
