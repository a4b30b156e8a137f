import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

/** The units a user reports for: their own and every unit below them in the tree. */
export async function listUserUnitScope(db: Executor, userId: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    WITH RECURSIVE scope AS (
      SELECT unit_id AS id FROM user_units WHERE user_id = ${userId}
      UNION
      SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.id
    )
    SELECT id FROM scope`.execute(db);
  return result.rows.map((row) => row.id);
}

export async function listUnits(db: Executor) {
  return db
    .selectFrom("units")
    .select(["id", "parent_id", "code", "name", "kind", "is_active"])
    .orderBy("name")
    .execute();
}

/**
 * Every unit with what hangs from it, in one query: the current plan's live indicators and
 * commitments (none without a plan) and the unit heads who report for it.
 */
export async function listUnitsWithCounts(db: Executor, planId: number | null) {
  return db
    .selectFrom("units as u")
    .select((eb) => [
      "u.id",
      "u.parent_id",
      "u.code",
      "u.name",
      "u.kind",
      "u.is_active",
      eb
        .selectFrom("indicators as i")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("i.responsible_unit_id", "=", "u.id")
        .where("i.plan_id", "=", planId ?? -1)
        .where("i.archived_at", "is", null)
        .as("indicator_count"),
      eb
        .selectFrom("commitments as c")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("c.responsible_unit_id", "=", "u.id")
        .where("c.plan_id", "=", planId ?? -1)
        .where("c.archived_at", "is", null)
        .as("commitment_count"),
      eb
        .selectFrom("user_units as uu")
        .innerJoin("users as head", "head.id", "uu.user_id")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("uu.unit_id", "=", "u.id")
        .where("head.role", "=", "unit_head")
        .where("head.is_active", "=", true)
        .as("head_count"),
    ])
    .orderBy("u.name")
    .orderBy("u.id")
    .execute();
}

/** The whole tree's links, locked when a move is about to be checked against them. */
export async function listUnitLinks(db: Executor, options: { lock?: boolean } = {}) {
  const query = db.selectFrom("units").select(["id", "parent_id", "code", "name", "is_active"]).orderBy("id");
  return options.lock ? query.forUpdate().execute() : query.execute();
}

export async function findUnit(db: Executor, id: number, options: { lock?: boolean } = {}) {
  const query = db
    .selectFrom("units")
    .select(["id", "parent_id", "code", "name", "kind", "is_active", "created_at", "updated_at"])
    .where("id", "=", id);
  return options.lock ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

/** Codes compare without case: "dti" would read as the same unit as "DTI". */
export async function unitCodeTaken(db: Executor, code: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom("units").select("id").where(sql<string>`upper(code)`, "=", code.toUpperCase());
  if (exceptId != null) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface UnitFields {
  code: string;
  name: string;
  kind: Database["units"]["kind"]["__insert__"];
  parentId: number | null;
}

export async function insertUnit(db: Executor, fields: UnitFields): Promise<number> {
  const row = await db
    .insertInto("units")
    .values({ code: fields.code, name: fields.name, kind: fields.kind, parent_id: fields.parentId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUnitFields(db: Executor, id: number, fields: UnitFields) {
  await db
    .updateTable("units")
    .set({ code: fields.code, name: fields.name, kind: fields.kind!, parent_id: fields.parentId, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function setUnitActive(db: Executor, id: number, active: boolean) {
  await db.updateTable("units").set({ is_active: active, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function deleteUnitRow(db: Executor, id: number) {
  await db.deleteFrom("units").where("id", "=", id).execute();
}

/** Everything that points at a unit, in every plan (archived rows too: they still hold the key). */
export async function countUnitReferences(db: Executor, id: number) {
  const count = (table: string, column: string) =>
    sql<number>`(SELECT count(*)::int FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${id})`;
  const row = await db
    .selectNoFrom([
      count("indicators", "responsible_unit_id").as("indicators"),
      count("objectives", "owner_unit_id").as("objectives"),
      count("commitments", "responsible_unit_id").as("commitments"),
      count("agreements", "responsible_unit_id").as("agreements"),
      count("user_units", "unit_id").as("user_units"),
      count("units", "parent_id").as("children"),
    ])
    .executeTakeFirstOrThrow();
  return row;
}

export type UnitReferences = Awaited<ReturnType<typeof countUnitReferences>>;

/** The people who report for a unit (its user_units rows), active accounts first. */
export async function listUnitHeads(db: Executor, unitId: number) {
  return db
    .selectFrom("user_units as uu")
    .innerJoin("users as u", "u.id", "uu.user_id")
    .select(["u.id", "u.name", "u.email", "u.role", "u.is_active"])
    .where("uu.unit_id", "=", unitId)
    .orderBy("u.is_active", "desc")
    .orderBy("u.name")
    .execute();
}
