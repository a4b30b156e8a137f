import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

export interface FailureWindow {
  count: number;
  oldest: Date | null;
}

/** Failures for an account and for an address since `since`; one query. */
export async function countRecentFailures(
  db: Kysely<Database>,
  email: string,
  ip: string,
  since: Date,
): Promise<{ byEmail: FailureWindow; byIp: FailureWindow }> {
  const row = await db
    .selectFrom("login_attempts")
    .select([
      sql<number>`count(*) FILTER (WHERE email = ${email})::int`.as("email_count"),
      sql<Date | null>`min(attempted_at) FILTER (WHERE email = ${email})`.as("email_oldest"),
      sql<number>`count(*) FILTER (WHERE ip = ${ip})::int`.as("ip_count"),
      sql<Date | null>`min(attempted_at) FILTER (WHERE ip = ${ip})`.as("ip_oldest"),
    ])
    .where("attempted_at", ">", since)
    .where((eb) => eb.or([eb("email", "=", email), eb("ip", "=", ip)]))
    .executeTakeFirstOrThrow();
  return {
    byEmail: { count: row.email_count, oldest: row.email_oldest ? new Date(row.email_oldest) : null },
    byIp: { count: row.ip_count, oldest: row.ip_oldest ? new Date(row.ip_oldest) : null },
  };
}

export async function recordFailure(db: Kysely<Database>, email: string, ip: string): Promise<void> {
  await db.insertInto("login_attempts").values({ email, ip }).execute();
}

export async function clearFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom("login_attempts").where("email", "=", email).execute();
}

export async function pruneFailures(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom("login_attempts").where("attempted_at", "<", before).execute();
}
