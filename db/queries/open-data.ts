import { sql, type Kysely } from "kysely";
import type { Database, Periodicity } from "../schema";

/**
 * The reads the open data (`/datos`) needs beyond the scorecard's data path: the published
 * commitments with their milestones, the indicators' periodicity (the scorecard model does not
 * carry it) and, for the `/datos` page, counts and the date of the latest change. Each a fixed
 * number of queries whatever the size of the plan.
 */

/** The plan's live, published commitments, in the plan's order (pillar, then commitment). */
export async function listPublishedCommitments(db: Kysely<Database>, planId: number) {
  return db
    .selectFrom("commitments as c")
    .innerJoin("pillars as pl", "pl.id", "c.pillar_id")
    .innerJoin("units as u", "u.id", "c.responsible_unit_id")
    .select([
      "c.id",
      "c.code",
      "c.title",
      "c.description",
      "pl.name as pillar_name",
      "u.name as unit_name",
      "c.start_date",
      "c.end_date",
    ])
    .where("c.plan_id", "=", planId)
    .where("c.archived_at", "is", null)
    .where("c.is_published", "=", true)
    .orderBy("pl.position")
    .orderBy("pl.id")
    .orderBy("c.position")
    .orderBy("c.code")
    .execute();
}

/** Every milestone of those commitments (cancelled ones too: the file says so), in each commitment's order. */
export async function listMilestonesOfPublishedCommitments(db: Kysely<Database>, planId: number) {
  return db
    .selectFrom("milestones as m")
    .innerJoin("commitments as c", "c.id", "m.commitment_id")
    .select(["m.id", "m.commitment_id", "m.title", "m.due_date", "m.weight", "m.progress", "m.state"])
    .where("c.plan_id", "=", planId)
    .where("c.archived_at", "is", null)
    .where("c.is_published", "=", true)
    .orderBy("m.commitment_id")
    .orderBy("m.position")
    .orderBy("m.due_date")
    .orderBy("m.id")
    .execute();
}

/** Periodicity of each published indicator, by id. */
export async function mapPublishedIndicatorPeriodicities(db: Kysely<Database>, planId: number): Promise<Map<number, Periodicity>> {
  const rows = await db
    .selectFrom("indicators")
    .select(["id", "periodicity"])
    .where("plan_id", "=", planId)
    .where("is_published", "=", true)
    .where("archived_at", "is", null)
    .execute();
  return new Map(rows.map((row) => [row.id, row.periodicity]));
}

export interface OpenDataSummary {
  indicators: number;
  commitments: number;
  /** The latest change to anything the files show, or null when nothing is published. */
  lastChange: Date | null;
}

/**
 * How many items are published and when the published data last changed: the indicators and
 * their targets and approved measurements, the commitments and their milestones. One query.
 */
export async function findOpenDataSummary(db: Kysely<Database>, planId: number): Promise<OpenDataSummary> {
  const result = await sql<{ indicators: number; commitments: number; last_change: Date | null }>`
    WITH published_indicators AS (
      SELECT i.id, i.updated_at
        FROM indicators i
        JOIN objectives o ON o.id = i.objective_id
       WHERE i.plan_id = ${planId} AND i.is_published AND i.archived_at IS NULL AND o.archived_at IS NULL
    ), published_commitments AS (
      SELECT c.id, c.updated_at
        FROM commitments c
       WHERE c.plan_id = ${planId} AND c.is_published AND c.archived_at IS NULL
    )
    SELECT (SELECT count(*)::int FROM published_indicators) AS indicators,
           (SELECT count(*)::int FROM published_commitments) AS commitments,
           greatest(
             (SELECT max(updated_at) FROM published_indicators),
             (SELECT max(t.updated_at) FROM targets t JOIN published_indicators p ON p.id = t.indicator_id),
             (SELECT max(m.updated_at) FROM measurements m JOIN published_indicators p ON p.id = m.indicator_id
               WHERE m.state = 'approved'),
             (SELECT max(updated_at) FROM published_commitments),
             (SELECT max(m.updated_at) FROM milestones m JOIN published_commitments p ON p.id = m.commitment_id)
           ) AS last_change
  `.execute(db);
  const row = result.rows[0];
  return {
    indicators: row.indicators,
    commitments: row.commitments,
    lastChange: row.last_change == null ? null : new Date(row.last_change),
  };
}
