import { sql, type Kysely } from "kysely";

/**
 * Failed sign-ins, kept in the database so that throttling holds across several app processes.
 * Only failures are stored; a successful sign-in clears the account's failures.
 */
const statements = [
  `CREATE TABLE login_attempts (
     id           bigserial PRIMARY KEY,
     email        text NOT NULL,
     ip           text NOT NULL,
     attempted_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX login_attempts_email_idx ON login_attempts (email, attempted_at)`,
  `CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, attempted_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
