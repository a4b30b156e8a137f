import { sql, type Kysely } from "kysely";

/**
 * Change sets: one audit event for a batch of records of one kind (a grid save of 1,000 cells),
 * instead of one event per record. `entity_ids` lists the records, and `before` / `after` are
 * objects keyed by those ids; `entity_id` stays empty. The GIN index finds every change set
 * that touched a record (an indicator's history), as `audit_events_entity_idx` does for
 * single events. See docs/decisions/009-audit-change-sets.md.
 */
const statements = [
  `ALTER TABLE audit_events ADD COLUMN entity_ids text[]`,
  `ALTER TABLE audit_events ADD CONSTRAINT audit_events_one_entity_shape
     CHECK (entity_ids IS NULL OR (entity_id IS NULL AND cardinality(entity_ids) > 0))`,
  `CREATE INDEX audit_events_entity_ids_idx ON audit_events USING gin (entity_ids) WHERE entity_ids IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
