import { sql, type Compilable, type Kysely, type Simplify } from "kysely";
import { isEmbeddedDatabase } from "./connection";
import type { Database } from "./schema";

/**
 * Runs a select and brings its rows back as ONE json value (see `selectColumns`), then rebuilds
 * the objects and sorts them with `compare`. Decoding row by row costs the embedded database
 * ~25 µs a row (60,000 rows: 1.5 s); one JSON document parses natively in a fraction of that.
 * Use it for the big reads (scorecards, exports). Values keep their JSON types:
 * numeric -> number, date -> 'YYYY-MM-DD', timestamptz -> ISO string.
 */
export async function selectAsJson<Row extends object, Column extends keyof Row & string>(
  db: Kysely<Database>,
  query: Compilable<Row>,
  columns: readonly Column[],
  compare?: (a: Pick<Row, Column>, b: Pick<Row, Column>) => number,
): Promise<Simplify<Pick<Row, Column>>[]> {
  const byColumn = await selectColumns(db, query, columns);
  const count = columns.length > 0 ? byColumn[columns[0]].length : 0;
  const rows: Pick<Row, Column>[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const row: Record<string, unknown> = {};
    for (const column of columns) row[column] = byColumn[column][i];
    rows[i] = row as Pick<Row, Column>;
  }
  // Sorted here, not in SQL: an ORDER BY inside the aggregate cost the large plan's
  // indicators 48 ms embedded against 19 ms unsorted plus a few in JavaScript.
  if (compare) rows.sort(compare);
  return rows as Simplify<Pick<Row, Column>>[];
}

/**
 * A select's rows in whichever form is cheaper to bring back: plain rows from a server (where
 * a few thousand rows decode faster than json_agg builds them), one JSON document from the
 * embedded database (see `selectAsJson`). Only for columns that read the same both ways:
 * numbers, texts, booleans and dates, not timestamps (a Date from a server, an ISO string in JSON).
 */
export async function selectRows<Row extends object, Column extends keyof Row & string>(
  db: Kysely<Database>,
  query: Compilable<Row> & { execute(): Promise<Row[]> },
  columns: readonly Column[],
): Promise<Simplify<Pick<Row, Column>>[]> {
  if (isEmbeddedDatabase(db)) return selectAsJson(db, query, columns);
  return (await query.execute()) as Simplify<Pick<Row, Column>>[];
}

/**
 * A select's result as one JSON array per column (one json value in all): the database builds
 * it and Node parses it in well under half the time of one array per row. No order: callers
 * that need one impose it themselves.
 */
export async function selectColumns<Row extends object, Column extends keyof Row & string>(
  db: Kysely<Database>,
  query: Compilable<Row>,
  columns: readonly Column[],
): Promise<{ [K in Column]: Row[K][] }> {
  const arrays = sql.join(columns.map((column) => sql`coalesce(json_agg(${sql.ref(`r.${column}`)}), '[]'::json)`));
  const result = await sql<{ columns: unknown[][] | string }>`
    SELECT json_build_array(${arrays}) AS columns FROM (${query}) AS r`.execute(db);
  const raw = result.rows[0]?.columns ?? [];
  const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as unknown[][];
  return Object.fromEntries(columns.map((column, index) => [column, parsed[index]])) as { [K in Column]: Row[K][] };
}
