import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, Role } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

const PUBLIC_COLUMNS = ["id", "email", "name", "role", "is_active", "created_at", "updated_at", "password_changed_at"] as const;

export async function findUserForLogin(db: Executor, email: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "is_active", "password_hash"])
    .where(sql<string>`lower(email)`, "=", email.toLowerCase())
    .executeTakeFirst();
}

export async function findUser(db: Executor, id: number) {
  const user = await db.selectFrom("users").select(PUBLIC_COLUMNS).where("id", "=", id).executeTakeFirst();
  if (!user) return undefined;
  const units = await db.selectFrom("user_units").select("unit_id").where("user_id", "=", id).orderBy("unit_id").execute();
  return { ...user, unit_ids: units.map((row) => row.unit_id) };
}

export async function findPasswordHash(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", id).executeTakeFirst();
  return row?.password_hash ?? null;
}

export async function emailExists(db: Executor, email: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom("users").select("id").where(sql<string>`lower(email)`, "=", email.toLowerCase());
  if (exceptId != null) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Users with their units' names, in one query (aggregated per user). */
export async function listUsers(db: Executor) {
  return db
    .selectFrom("users as u")
    .leftJoin("user_units as uu", "uu.user_id", "u.id")
    .leftJoin("units as un", "un.id", "uu.unit_id")
    .select([
      "u.id",
      "u.email",
      "u.name",
      "u.role",
      "u.is_active",
      sql<number[]>`coalesce(array_agg(un.id ORDER BY un.name) FILTER (WHERE un.id IS NOT NULL), '{}')`.as("unit_ids"),
      sql<string[]>`coalesce(array_agg(un.name ORDER BY un.name) FILTER (WHERE un.id IS NOT NULL), '{}')`.as("unit_names"),
    ])
    .groupBy("u.id")
    .orderBy("u.is_active", "desc")
    .orderBy("u.name")
    .execute();
}

export async function insertUser(
  db: Executor,
  user: { email: string; name: string; role: Role; passwordHash: string },
): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({
      email: user.email,
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      password_changed_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUserProfile(db: Executor, id: number, fields: { email: string; name: string; role: Role }) {
  await db.updateTable("users").set({ ...fields, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function replaceUserUnits(db: Executor, userId: number, unitIds: readonly number[]) {
  await db.deleteFrom("user_units").where("user_id", "=", userId).execute();
  if (unitIds.length > 0) {
    await db
      .insertInto("user_units")
      .values(unitIds.map((unitId) => ({ user_id: userId, unit_id: unitId })))
      .execute();
  }
}

export async function setUserActive(db: Executor, id: number, isActive: boolean) {
  await db.updateTable("users").set({ is_active: isActive, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function setPasswordHash(db: Executor, id: number, passwordHash: string) {
  const now = new Date();
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/** Ends every session of a user, or every one but `keepSessionId`. */
export async function deleteUserSessions(db: Executor, userId: number, keepSessionId?: string) {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) query = query.where("id", "<>", keepSessionId);
  await query.execute();
}

export async function countActiveAdmins(db: Executor, exceptId: number): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("role", "=", "admin")
    .where("is_active", "=", true)
    .where("id", "<>", exceptId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function existingUnitIds(db: Executor, unitIds: readonly number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db.selectFrom("units").select("id").where("id", "in", [...unitIds]).execute();
  return rows.map((row) => row.id);
}
