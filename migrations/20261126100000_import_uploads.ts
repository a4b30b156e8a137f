import { sql, type Kysely } from "kysely";

/**
 * Excel imports in two steps: the upload is previewed, and applied only when the planner
 * confirms. The file's bytes wait here between the two (a hidden form field cannot carry 10 MB),
 * tied to the person and the plan they were previewed for; the apply step re-reads these very
 * bytes, so what is applied is what was previewed. Rows older than a day are deleted on each
 * upload.
 */
const statements = [
  `CREATE TABLE import_uploads (
     id         uuid PRIMARY KEY,
     user_id    integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     plan_id    integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
     file_name  text NOT NULL,
     bytes      bytea NOT NULL,
     sha256     text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX import_uploads_created_idx ON import_uploads (created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
