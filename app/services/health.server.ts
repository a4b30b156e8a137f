import { sql } from "kysely";
import { getAppDb } from "../db.server";

export type Health =
  | { status: "ok"; database: "pglite" | "postgres" }
  | { status: "error"; database: "pglite" | "postgres"; error: string };

const TIMEOUT_MS = 3_000;

/** Asks the database a trivial question; a database that does not answer in time is down. */
export async function checkHealth(): Promise<Health> {
  const { db, kind } = getAppDb();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("la base de datos no respondió a tiempo")), TIMEOUT_MS);
    });
    await Promise.race([sql`SELECT 1`.execute(db), timeout]);
    return { status: "ok", database: kind };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: "error", database: kind, error: `Base de datos no disponible: ${message}` };
  } finally {
    clearTimeout(timer);
  }
}
