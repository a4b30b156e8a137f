import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditEventInput {
  userId: number | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

export async function insertAuditEvent(db: Executor, event: AuditEventInput): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      user_id: event.userId,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId == null ? null : String(event.entityId),
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      request_id: event.requestId ?? null,
    })
    .execute();
}

/**
 * One audit event for many records of one kind changed by one request: `entity_ids` lists the
 * records, `before` / `after` are objects keyed by their ids. See docs/decisions/009-audit-change-sets.md.
 */
interface ChangeSet {
  userId: number | null;
  requestId: string | null;
  action: string;
  entityType: string;
  records: { entityId: string; before: unknown; after: unknown }[];
}

/** An id inside a text[] literal: quoted, its quotes and backslashes escaped. */
const arrayItem = (id: string) => `"${id.replace(/["\\]/g, "\\$&")}"`;

/**
 * Change sets as the rows of a VALUES list (user_id, action, entity_type, entity_ids, before, after, request_id). The JSON is
 * written as text piece by piece (objects with a thousand keys are slow to build and to
 * serialise) and travels as plain parameters, parsed once by PostgreSQL.
 */
function changeSetValues(sets: readonly ChangeSet[]) {
  return sql.join(
    sets.map((set) => {
      const ids = set.records.map((record) => arrayItem(record.entityId)).join(",");
      const keyed = (side: "before" | "after") =>
        `{${set.records.map((record) => `${JSON.stringify(record.entityId)}:${JSON.stringify(record[side] ?? null)}`).join(",")}}`;
      return sql`(${set.userId}::int, ${set.action}, ${set.entityType}, ${`{${ids}}`}::text[], ${keyed("before")}::jsonb, ${keyed("after")}::jsonb, ${set.requestId}::text)`;
    }),
  );
}

/** The audit_events columns that auditRows gives, in order. */
export const AUDIT_COLUMNS = sql`(user_id, action, entity_type, entity_id, entity_ids, before, after, request_id)`;

/**
 * Audit events as the rows of one SELECT (columns: AUDIT_COLUMNS), to insert on their own
 * (insertAuditEvents) or inside a larger statement. Events of one person, request, action and
 * kind of record become one change set when there are several (a grid save, a bulk approval,
 * an import); a lone event, one without a record id, or a record written twice in one request
 * stays an event of its own. Plain events travel as one JSON parameter (a VALUES list of
 * thousands of rows would pass PostgreSQL's parameter limit).
 */
export function auditRows(events: readonly AuditEventInput[]) {
  const groups = new Map<string, AuditEventInput[]>();
  for (const event of events) {
    const key = JSON.stringify([event.userId, event.requestId ?? null, event.action, event.entityType, event.entityId == null]);
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  const single: AuditEventInput[] = [];
  const sets: ChangeSet[] = [];
  for (const group of groups.values()) {
    const ids = group.map((event) => (event.entityId == null ? null : String(event.entityId)));
    if (group.length === 1 || ids.includes(null) || new Set(ids).size < ids.length) {
      single.push(...group);
      continue;
    }
    const [first] = group;
    sets.push({
      userId: first.userId,
      requestId: first.requestId ?? null,
      action: first.action,
      entityType: first.entityType,
      records: group.map((event, index) => ({ entityId: ids[index]!, before: event.before ?? null, after: event.after ?? null })),
    });
  }
  const rows = single.map((event) => ({
    user_id: event.userId,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId == null ? null : String(event.entityId),
    before: event.before === undefined ? null : event.before,
    after: event.after === undefined ? null : event.after,
    request_id: event.requestId ?? null,
  }));
  const parts = [
    ...(rows.length > 0
      ? [
          sql`SELECT e.user_id, e.action, e.entity_type, e.entity_id, NULL::text[] AS entity_ids, e.before, e.after, e.request_id
              FROM json_to_recordset(${JSON.stringify(rows)}::json)
                AS e(user_id int, action text, entity_type text, entity_id text, before jsonb, after jsonb, request_id text)`,
        ]
      : []),
    ...(sets.length > 0
      ? [
          sql`SELECT s.user_id, s.action, s.entity_type, NULL::text AS entity_id, s.entity_ids, s.before, s.after, s.request_id
              FROM (VALUES ${changeSetValues(sets)}) AS s(user_id, action, entity_type, entity_ids, before, after, request_id)`,
        ]
      : []),
  ];
  return sql.join(parts, sql` UNION ALL `);
}

/** Many audit events in one INSERT, whatever their number (see auditRows). */
export async function insertAuditEvents(db: Executor, events: readonly AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  // One statement either way, so a service's number of queries does not depend on the batch.
  await sql`INSERT INTO audit_events ${AUDIT_COLUMNS} ${auditRows(events)}`.execute(db);
}

/** How many records of a change set a page of the audit trail shows. */
export const CHANGE_SET_SAMPLE = 3;

export interface AuditFilter {
  userId?: number;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  /** Keyset cursor: the (occurred_at, id) of the last row of the previous page, time to the microsecond. */
  after?: { occurredAt: string; id: number };
  limit: number;
}

/**
 * One page of events, newest first, by keyset on (occurred_at, id): the cost of a page does not
 * grow with how deep the reader has paged, even over a million events.
 */
export async function listAuditEvents(db: Executor, filter: AuditFilter) {
  let query = db
    .selectFrom("audit_events as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select([
      "a.id",
      "a.occurred_at",
      "a.user_id",
      "u.name as user_name",
      "u.email as user_email",
      "a.action",
      "a.entity_type",
      "a.entity_id",
      // A change set (docs/decisions/009-audit-change-sets.md) may list thousands of records: a
      // page shows how many, and the first few with their before and after.
      sql<number | null>`cardinality(a.entity_ids)`.as("entity_count"),
      sql<string[] | null>`a.entity_ids[1:${sql.lit(CHANGE_SET_SAMPLE)}]`.as("entity_sample"),
      sql<unknown>`CASE WHEN a.entity_ids IS NULL THEN a.before
        ELSE (SELECT jsonb_object_agg(k, a.before -> k) FROM unnest(a.entity_ids[1:${sql.lit(CHANGE_SET_SAMPLE)}]) AS k) END`.as("before"),
      sql<unknown>`CASE WHEN a.entity_ids IS NULL THEN a.after
        ELSE (SELECT jsonb_object_agg(k, a.after -> k) FROM unnest(a.entity_ids[1:${sql.lit(CHANGE_SET_SAMPLE)}]) AS k) END`.as("after"),
      "a.request_id",
      // Microseconds survive in the cursor (a JS Date would cut them to milliseconds and skip rows).
      sql<string>`to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("cursor_time"),
    ]);
  if (filter.userId != null) query = query.where("a.user_id", "=", filter.userId);
  if (filter.entityType) query = query.where("a.entity_type", "=", filter.entityType);
  if (filter.entityId) {
    const entityId = filter.entityId;
    // A single event names its record; a change set lists it (GIN index on entity_ids).
    query = query.where((eb) => eb.or([eb("a.entity_id", "=", entityId), sql<boolean>`a.entity_ids @> ARRAY[${entityId}]::text[]`]));
  }
  if (filter.from) query = query.where("a.occurred_at", ">=", filter.from);
  if (filter.to) query = query.where("a.occurred_at", "<", filter.to);
  if (filter.after) {
    const { occurredAt, id } = filter.after;
    query = query.where(sql<boolean>`(a.occurred_at, a.id) < (${occurredAt}::timestamptz, ${id}::bigint)`);
  }
  return query.orderBy("a.occurred_at", "desc").orderBy("a.id", "desc").limit(filter.limit).execute();
}

export async function listAuditEntityTypes(db: Executor): Promise<string[]> {
  const rows = await sql<{ entity_type: string }>`
    WITH RECURSIVE kinds AS (
      (SELECT entity_type FROM audit_events ORDER BY entity_type LIMIT 1)
      UNION ALL
      SELECT (SELECT a.entity_type FROM audit_events a WHERE a.entity_type > k.entity_type ORDER BY a.entity_type LIMIT 1)
      FROM kinds k WHERE k.entity_type IS NOT NULL
    )
    SELECT entity_type FROM kinds WHERE entity_type IS NOT NULL`.execute(db);
  return rows.rows.map((row) => row.entity_type);
}
