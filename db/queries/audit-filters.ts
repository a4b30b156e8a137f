import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Executor = Kysely<Database> | Transaction<Database>;

/** Every account, inactive ones included: their past actions stay in the trail. */
export async function listUserChoices(db: Executor) {
  return db.selectFrom("users").select(["id", "name", "is_active"]).orderBy("name").orderBy("id").execute();
}
