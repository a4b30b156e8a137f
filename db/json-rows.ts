import { sql, type Compilable, type Kysely, type Simplify } from "kysely";
import type { Database } from "./schema";

/**
 * Runs a select and brings its rows back as ONE json value of arrays (no repeated keys), then
 * rebuilds the objects. Decoding row by row costs the embedded database ~25 µs a row (60,000
 * rows: 1.5 s); one JSON document parses natively in a fraction of that, and arrays keep it
 * small. Use it for the big reads (scorecards, exports). Values keep their JSON types:
 * numeric -> number, date -> 'YYYY-MM-DD', timestamptz -> ISO string.
 */
export async function selectAsJson<Row extends object>(
  db: Kysely<Database>,
  query: Compilable<Row>,
  columns: readonly (keyof Row & string)[],
  orderBy?: string,
): Promise<Simplify<Row>[]> {
  const tuple = sql.join(columns.map((column) => sql.ref(`r.${column}`)));
  const order = orderBy ? sql.raw(` ORDER BY ${orderBy}`) : sql``;
  const result = await sql<{ rows: unknown[][] | string }>`
    SELECT coalesce(json_agg(json_build_array(${tuple})${order}), '[]'::json) AS rows FROM (${query}) AS r`.execute(db);
  const raw = result.rows[0]?.rows ?? [];
  const arrays = (typeof raw === "string" ? JSON.parse(raw) : raw) as unknown[][];
  return arrays.map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
    return row as Simplify<Row>;
  });
}
