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
