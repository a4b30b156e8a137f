import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

export async function findIndicatorForUpdate(db: Executor, id: number) {
  return db
    .selectFrom("indicators")
    .select(["id", "code", "name", "weight", "responsible_unit_id", "is_published"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateIndicatorFields(
  db: Executor,
  id: number,
  fields: { name: string; weight: number; responsible_unit_id: number; is_published: boolean },
) {
  await db.updateTable("indicators").set({ ...fields, updated_at: new Date() }).where("id", "=", id).execute();
}
