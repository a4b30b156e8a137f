import { sql, type Kysely } from "kysely";

/**
 * The indicator list computes each indicator's status from its latest approved measurement:
 * one probe per (indicator, period) tried. This partial index answers the probe from approved
 * rows only, instead of the (period, state) index that walks every indicator of the period.
 */
const statements = [`CREATE INDEX measurements_approved_idx ON measurements (indicator_id, period_id) WHERE state = 'approved'`];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
