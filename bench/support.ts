import { performance } from "node:perf_hooks";
import type { CompiledQuery, Kysely, LogEvent } from "kysely";
import { loadActor, type ServiceContext } from "../app/services/context.server";
import type { Database } from "../db/schema";

export interface Figure {
  value: number;
  unit: "ms" | "MB" | "x";
  budget: number;
}

export type Figures = Record<string, Figure>;

/** Median wall time of `runs` calls after `warmup` unmeasured ones. */
export async function medianMs(fn: () => Promise<unknown>, runs = 7, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * Median times of two pieces of work measured in alternation (a, b, a, b…), so that a slow
 * moment of the machine falls on both and their ratio stays fair.
 */
export async function pairedMedianMs(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs = 7,
  warmup = 2,
): Promise<[number, number]> {
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const startA = performance.now();
    await a();
    const startB = performance.now();
    await b();
    const end = performance.now();
    if (i >= warmup) {
      timesA.push(startB - startA);
      timesB.push(end - startB);
    }
  }
  const median = (times: number[]) => times.sort((x, y) => x - y)[Math.floor(times.length / 2)];
  return [median(timesA), median(timesB)];
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Records the statements a piece of code sends (pass `recorder.log` to createDb), so a figure
 * can time the very same SQL on its own, without the code around it.
 */
export function createSqlRecorder() {
  let recording: CompiledQuery[] | null = null;
  return {
    log(event: LogEvent) {
      if (recording && event.level === "query") recording.push(event.query);
    },
    async record(fn: () => Promise<unknown>): Promise<CompiledQuery[]> {
      recording = [];
      try {
        await fn();
        return recording;
      } finally {
        recording = null;
      }
    },
  };
}
export type SqlRecorder = ReturnType<typeof createSqlRecorder>;

/** A service context acting as the first active admin, tagged with the figure's request id (to clean up its audit). */
export async function adminContext(db: Kysely<Database>, requestId: string): Promise<ServiceContext> {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role"])
    .where("role", "=", "admin")
    .where("is_active", "=", true)
    .orderBy("id")
    .executeTakeFirst();
  if (!user) throw new Error("No hay una cuenta de administración activa para medir.");
  return { db, actor: await loadActor(db, user), requestId };
}
