import { sql, type Kysely } from "kysely";

/**
 * The planning grid edits an indicator's weight and responsible unit next to its targets, with
 * the same "no lost update" rule: each indicator carries a version, raised by every write, and a
 * save made from a stale version is refused as a conflict. Existing indicators start at 1.
 */
const statements = [`ALTER TABLE indicators ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
