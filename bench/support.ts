import { performance } from "node:perf_hooks";
import type { CompiledQuery, LogEvent } from "kysely";

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
