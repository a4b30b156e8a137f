import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type KyselyPlugin, type LogConfig } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { Database } from "./schema";

/** Where the data lives: a real PostgreSQL server, or an embedded PGlite database. */
export type DbConfig =
  | { kind: "postgres"; url: string; poolSize?: number; statementTimeoutMs?: number }
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob };

export type DbKind = DbConfig["kind"];

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;

/**
 * One mapping for both drivers, decided here and nowhere else:
 * numeric and bigint become JS numbers (the plan's values fit a double exactly: at most
 * 14 significant digits), and `date` stays the ISO string 'YYYY-MM-DD' so that no time
 * zone can move a due date by a day.
 */
const toNumber = (value: string) => Number(value);
const keepDate = (value: string) => value;

export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  if (env.DATABASE_URL) {
    return {
      kind: "postgres",
      url: env.DATABASE_URL,
      poolSize: env.DB_POOL_SIZE ? Number(env.DB_POOL_SIZE) : undefined,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS ? Number(env.DB_STATEMENT_TIMEOUT_MS) : undefined,
    };
  }
  return { kind: "pglite", dataDir: path.join(env.DATA_DIR ?? "./data", "pglite") };
}

/** `log` is for measuring (bench, scratch scripts): Kysely calls it with each query's SQL and duration. */
export function createDb(config: DbConfig, options: { log?: LogConfig } = {}): Kysely<Database> {
  if (config.kind === "postgres") return new Kysely<Database>({ dialect: postgresDialect(config), log: options.log });
  return new Kysely<Database>({
    dialect: new PGliteDialect(createPglite(config)),
    plugins: [new EmbeddedDatabaseMark()],
    log: options.log,
  });
}

/**
 * Changes no query: it marks a Kysely instance, and every transaction opened from it, as the
 * embedded database, where decoding a result row by row is far slower than on a server (see
 * `selectRows`). A plugin because Kysely hands plugins on to transactions.
 */
class EmbeddedDatabaseMark implements KyselyPlugin {
  transformQuery: KyselyPlugin["transformQuery"] = (args) => args.node;
  transformResult: KyselyPlugin["transformResult"] = async (args) => args.result;
}

export function isEmbeddedDatabase(db: Kysely<Database>): boolean {
  return db.getExecutor().plugins.some((plugin) => plugin instanceof EmbeddedDatabaseMark);
}

function postgresDialect(config: Extract<DbConfig, { kind: "postgres" }>) {
  const statementTimeout = config.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    statement_timeout: statementTimeout,
    idle_in_transaction_session_timeout: statementTimeout * 2,
    application_name: "gore-planificacion",
    // The app runs many short queries: JIT compilation cost more than it saved (880 ms on the
    // indicator list's status filter, almost all of it compiling).
    options: "-c jit=off",
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === OID.INT8 || oid === OID.NUMERIC) return toNumber;
        if (oid === OID.DATE) return keepDate;
        return pg.types.getTypeParser(oid, format as "text");
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error("[db] conexión inactiva perdida:", error.message));
  return new PostgresDialect({ pool });
}

function createPglite(config: Extract<DbConfig, { kind: "pglite" }>): PGlite {
  if (config.dataDir) mkdirSync(path.dirname(path.resolve(config.dataDir)), { recursive: true });
  return new PGlite({
    dataDir: config.dataDir,
    loadDataDir: config.loadDataDir,
    parsers: { [OID.INT8]: toNumber, [OID.NUMERIC]: toNumber, [OID.DATE]: keepDate },
  });
}

/** Dumps an embedded database's data directory (tests migrate once and load the dump per file). */
export async function dumpPglite(dataDir: string): Promise<Blob> {
  const pglite = await PGlite.create({ dataDir });
  try {
    return await pglite.dumpDataDir("none");
  } finally {
    await pglite.close();
  }
}
