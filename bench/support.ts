import { performance } from "node:perf_hooks";

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
