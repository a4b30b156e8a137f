import type { Kysely } from "kysely";
import { createDb, dbConfigFromEnv, type DbKind } from "../db/connection";
import type { Database } from "../db/schema";

export interface AppDb {
  db: Kysely<Database>;
  kind: DbKind;
}

/**
 * One database handle per process, kept on globalThis: the server entry (run by tsx) and the
 * Remix bundle each carry their own copy of this module, and `remix dev` re-evaluates modules
 * on every rebuild; PGlite must be opened once, or two instances would share one data folder.
 */
const HANDLE = Symbol.for("gore-planificacion.db");
type Holder = { [HANDLE]?: AppDb };

export function getAppDb(): AppDb {
  const holder = globalThis as Holder;
  if (!holder[HANDLE]) {
    const config = dbConfigFromEnv();
    holder[HANDLE] = { db: createDb(config), kind: config.kind };
  }
  return holder[HANDLE];
}

export async function closeAppDb(): Promise<void> {
  const holder = globalThis as Holder;
  const handle = holder[HANDLE];
  delete holder[HANDLE];
  await handle?.db.destroy();
}
