import { sql, type Kysely, type Transaction } from "kysely";
import { selectAsJson } from "../json-rows";
import type { Database, MilestoneState } from "../schema";
import { isoTime, parseJson, unitSubtree } from "./validation-grid";

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The milestones grid (`/plan-de-accion/hitos`): its loader in two queries and its batch save in
 * three (facts, one update, one audit insert), whatever the number of cells.
 */

export interface MilestoneRowsFilter {
  planId: number;
  commitmentId?: number;
  /** Only commitments of this unit or any unit below it. */
  unitId?: number;
}

const MILESTONE_COLUMNS = [
  "id",
  "commitment_id",
  "commitment_code",
  "commitment_title",
  "commitment_position",
  "pillar_name",
  "responsible_unit_id",
  "unit_name",
  "title",
  "due_date",
  "progress",
  "state",
  "evidence_url",
  "comment",
  "position",
  "version",
  "updated_by_name",
  "updated_at",
] as const;

/** The live commitments' milestones, in the plan's order (commitment, then milestone position and due date). */
export async function listMilestoneGridRows(db: Kysely<Database>, filter: MilestoneRowsFilter) {
  let query = db
    .selectFrom("milestones as m")
    .innerJoin("commitments as c", "c.id", "m.commitment_id")
    .innerJoin("pillars as pl", "pl.id", "c.pillar_id")
    .innerJoin("units as u", "u.id", "c.responsible_unit_id")
    .leftJoin("users as updater", "updater.id", "m.updated_by")
    .select([
      "m.id",
      "m.commitment_id",
      "c.code as commitment_code",
      "c.title as commitment_title",
      "c.position as commitment_position",
      "pl.name as pillar_name",
      "c.responsible_unit_id",
      "u.name as unit_name",
      "m.title",
      "m.due_date",
      "m.progress",
      "m.state",
      "m.evidence_url",
      "m.comment",
      "m.position",
      "m.version",
      "updater.name as updated_by_name",
      isoTime("m.updated_at").as("updated_at"),
    ])
    .where("c.plan_id", "=", filter.planId)
    .where("c.archived_at", "is", null);
  if (filter.commitmentId != null) query = query.where("c.id", "=", filter.commitmentId);
  if (filter.unitId != null) query = query.where("c.responsible_unit_id", "in", unitSubtree(filter.unitId));
  return selectAsJson(
    db,
    query,
    MILESTONE_COLUMNS,
    (a, b) =>
      a.commitment_position - b.commitment_position ||
      a.commitment_code.localeCompare(b.commitment_code, "es") ||
      a.position - b.position ||
      a.due_date.localeCompare(b.due_date) ||
      a.id - b.id,
  );
}

export interface MilestoneFilterChoices {
  commitments: { id: number; code: string; title: string }[];
  units: { id: number; name: string }[];
}

/** The filters' choices: the plan's live commitments and the active units, in one query. */
export async function loadMilestoneFilterChoices(db: Executor, planId: number): Promise<MilestoneFilterChoices> {
  const result = await sql<{ [K in keyof MilestoneFilterChoices]: MilestoneFilterChoices[K] | string }>`
    SELECT
      coalesce((SELECT json_agg(json_build_object('id', c.id, 'code', c.code, 'title', c.title) ORDER BY c.position, c.code)
                FROM commitments c WHERE c.plan_id = ${planId} AND c.archived_at IS NULL), '[]'::json) AS commitments,
      coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
                FROM units u WHERE u.is_active), '[]'::json) AS units`.execute(db);
  const row = result.rows[0];
  return { commitments: parseJson(row.commitments) as MilestoneFilterChoices["commitments"], units: parseJson(row.units) as MilestoneFilterChoices["units"] };
}

export interface MilestoneFacts {
  id: number;
  title: string;
  commitment_code: string;
  responsible_unit_id: number;
  due_date: string;
  progress: number;
  state: MilestoneState;
  evidence_url: string | null;
  comment: string | null;
  version: number;
  updated_by_name: string | null;
  updated_at: string | null;
}

/**
 * The milestones of a batch, locked FOR UPDATE in id order until the transaction ends (nothing
 * can change them between the check and the write), read from the locking CTE itself so that
 * each is its latest committed version. Only milestones of the plan's live commitments are found.
 */
export async function lockMilestonesForBatch(trx: Transaction<Database>, planId: number, ids: readonly number[]): Promise<MilestoneFacts[]> {
  if (ids.length === 0) return [];
  const result = await sql<{ facts: MilestoneFacts[] | string }>`
    WITH locked AS MATERIALIZED (
      SELECT m.id, m.commitment_id, m.title, m.due_date, m.progress, m.state, m.evidence_url, m.comment, m.version,
             m.updated_by, m.updated_at
      FROM milestones m
      WHERE m.id IN (SELECT value::int FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
      ORDER BY m.id
      FOR UPDATE
    )
    SELECT coalesce(json_agg(json_build_object(
             'id', l.id, 'title', l.title, 'commitment_code', c.code, 'responsible_unit_id', c.responsible_unit_id,
             'due_date', l.due_date, 'progress', l.progress, 'state', l.state, 'evidence_url', l.evidence_url,
             'comment', l.comment, 'version', l.version, 'updated_by_name', u.name,
             'updated_at', to_char(l.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))), '[]'::json) AS facts
    FROM locked l
    JOIN commitments c ON c.id = l.commitment_id AND c.plan_id = ${planId} AND c.archived_at IS NULL
    LEFT JOIN users u ON u.id = l.updated_by`.execute(trx);
  return parseJson(result.rows[0].facts);
}

export interface MilestoneWrite {
  id: number;
  progress: number;
  state: MilestoneState;
  dueDate: string;
  evidenceUrl: string | null;
  comment: string | null;
  expectedVersion: number;
}

/**
 * Every milestone of a batch in one UPDATE, each with its whole merged record (one JSON
 * parameter), guarded by the version the grid saw; returns how many changed. A milestone that
 * becomes done keeps the date it was first completed; one that stops being done loses it.
 */
export async function applyMilestonesBatch(trx: Transaction<Database>, writes: readonly MilestoneWrite[], userId: number): Promise<number> {
  if (writes.length === 0) return 0;
  const rows = JSON.stringify(
    writes.map((write) => ({
      id: write.id,
      progress: write.progress,
      state: write.state,
      due_date: write.dueDate,
      evidence_url: write.evidenceUrl,
      comment: write.comment,
      expected_version: write.expectedVersion,
    })),
  );
  const result = await sql`
    UPDATE milestones m
    SET progress = c.progress, state = c.state, due_date = c.due_date, evidence_url = c.evidence_url, comment = c.comment,
        completed_at = CASE WHEN c.state = 'done' THEN coalesce(m.completed_at, now()) END,
        updated_by = ${userId}, updated_at = now(), version = m.version + 1
    FROM jsonb_to_recordset(${rows}::jsonb)
      AS c(id int, progress numeric, state text, due_date date, evidence_url text, comment text, expected_version int)
    WHERE m.id = c.id AND m.version = c.expected_version`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
