import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  commitmentProgress,
  completionLevel,
  compliance,
  DEFAULT_SETTINGS,
  expectedProgress,
  isOverdue,
  measuredValue,
  rollup,
  scoreAtCutoffs,
  scoreIndicator,
  statusOf,
  type IndicatorDefinition,
  type IndicatorPeriod,
  type RollupItem,
} from "~/domain/scoring";

const settings = DEFAULT_SETTINGS;
const increase = { direction: "increase", scoringMethod: "ratio", baselineValue: null } as const;
const decrease = { direction: "decrease", scoringMethod: "ratio", baselineValue: null } as const;
const valueIndicator: IndicatorDefinition = { ...increase, kind: "value", factor: 1, aggregation: "last" };
const period = (key: string, target: number | null, value: number | null): IndicatorPeriod => ({
  periodKey: key,
  target,
  measurement: value == null ? null : { numerator: null, denominator: null, value },
});

describe("worked cases of the design", () => {
  it("increase, target 80 %, actual 88 %: compliance 110 % shown, 100 % scored, green", () => {
    const result = scoreIndicator(valueIndicator, [period("2024-Q1", 80, 88)], settings);
    expect(result.compliance).toBeCloseTo(1.1);
    expect(result.score).toBe(1);
    expect(result.status).toBe("green");
    expect(result.explanation.join("\n")).toContain("110,0 %");
  });

  it("decrease, target 20: actual 16 gives 125 % shown and 100 % scored; actual 25 gives 80 %, en riesgo", () => {
    const definition = { ...valueIndicator, ...decrease };
    const better = scoreIndicator(definition, [period("2024", 20, 16)], settings);
    expect(better.compliance).toBeCloseTo(1.25);
    expect(better.score).toBe(1);
    const worse = scoreIndicator(definition, [period("2024", 20, 25)], settings);
    expect(worse.compliance).toBeCloseTo(0.8);
    expect(worse.score).toBeCloseTo(0.8);
    expect(worse.status).toBe("yellow");
  });

  it("ratio 45/60 x 100 against a target of 90 gives 83,33 %", () => {
    const definition: IndicatorDefinition = { ...increase, kind: "ratio", factor: 100, aggregation: "last" };
    const result = scoreIndicator(
      definition,
      [{ periodKey: "2024-06", target: 90, measurement: { numerator: 45, denominator: 60, value: null } }],
      settings,
    );
    expect(result.actual).toBeCloseTo(75);
    expect(result.compliance! * 100).toBeCloseTo(83.33, 2);
    expect(result.status).toBe("yellow");
  });

  it("flags a denominator of 0 and leaves the period without value", () => {
    expect(measuredValue("ratio", 100, { numerator: 0, denominator: 0, value: null })).toEqual({
      value: null,
      flag: "denominator_zero",
    });
    const definition: IndicatorDefinition = { ...increase, kind: "ratio", factor: 100, aggregation: "average" };
    const result = scoreIndicator(
      definition,
      [{ periodKey: "2024-Q1", target: 90, measurement: { numerator: 5, denominator: 0, value: null } }],
      settings,
    );
    expect(result.status).toBe("none");
    expect(result.flags).toContain("denominator_zero");
  });

  it("target 0 on an increase indicator is 100 % when actual >= 0; actual 0 on a decrease indicator is 100 %", () => {
    expect(compliance(increase, 3, 0).compliance).toBe(1);
    expect(compliance(decrease, 0, 10).compliance).toBe(1);
  });

  it("scores from the baseline, floored at 0", () => {
    const rule = { direction: "decrease", scoringMethod: "baseline", baselineValue: 40 } as const;
    expect(compliance(rule, 30, 20).compliance).toBeCloseTo(0.5);
    expect(compliance(rule, 50, 20).compliance).toBe(0);
    const up = { direction: "increase", scoringMethod: "baseline", baselineValue: -10 } as const;
    expect(compliance(up, 5, 20).compliance).toBeCloseTo(0.5);
  });

  it("refuses the ratio rule on negative values instead of inventing a score", () => {
    expect(compliance(increase, -5, 10)).toMatchObject({ compliance: null, flag: "negative_values" });
  });

  it("aggregates year to date: sum, average of reported periods, last", () => {
    expect(aggregate([1, null, 3], "sum")).toBe(4);
    expect(aggregate([1, null, 3], "average")).toBe(2);
    expect(aggregate([1, 3, null], "last")).toBe(3);
    expect(aggregate([null], "sum")).toBeNull();
    const sum: IndicatorDefinition = { ...valueIndicator, aggregation: "sum" };
    const result = scoreIndicator(sum, [period("2024-01", 10, 8), period("2024-02", 10, 12), period("2024-03", 10, null)], settings);
    expect(result.actual).toBe(20);
    expect(result.target).toBe(30);
  });

  it("status thresholds: 95 % green, 75 % yellow, below red, nothing grey", () => {
    expect(statusOf(0.95, settings)).toBe("green");
    expect(statusOf(0.9499, settings)).toBe("yellow");
    expect(statusOf(0.75, settings)).toBe("yellow");
    expect(statusOf(0.7499, settings)).toBe("red");
    expect(statusOf(null, settings)).toBe("none");
  });

  it("an item without data does not pull its parent down; it lowers the coverage", () => {
    const result = rollup(
      [
        { label: "A", weight: 1, score: 0.9 },
        { label: "B", weight: 1, score: null },
      ],
      settings,
    );
    expect(result.score).toBeCloseTo(0.9);
    expect(result.coverage).toBeCloseTo(0.5);
  });

  it("reports all-zero weights instead of dividing by zero", () => {
    const result = rollup([{ label: "A", weight: 0, score: 0.9 }], settings);
    expect(result).toMatchObject({ score: null, allWeightsZero: true });
    expect(result.explanation[0]).toContain("ponderaciones son 0");
  });

  it("commitment progress leaves cancelled milestones out; overdue and completion levels", () => {
    const milestones = [
      { label: "H1", weight: 1, progress: 100, state: "done", dueDate: "2024-03-31" },
      { label: "H2", weight: 1, progress: 0, state: "pending", dueDate: "2024-06-30" },
      { label: "H3", weight: 2, progress: 0, state: "cancelled", dueDate: "2024-01-31" },
    ] as const;
    const result = commitmentProgress(milestones, "2024-07-01");
    expect(result.progress).toBe(50);
    expect(result.level).toBe("substantial");
    expect(result.overdueMilestones).toBe(1);
    expect(isOverdue(milestones[1], "2024-06-30")).toBe(false);
    expect([0, 10, 49.9, 50, 99.9, 100].map(completionLevel)).toEqual([
      "not_started", "limited", "limited", "substantial", "substantial", "complete",
    ]);
    expect(expectedProgress("2024-01-01", "2024-12-31", "2024-07-01")).toBeCloseTo(49.86, 1);
  });
});

describe("properties", () => {
  const score = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
  const item = fc.record({ label: fc.constant("x"), weight: fc.double({ min: 0.01, max: 100, noNaN: true }), score });
  const items = fc.array(item, { minLength: 1, maxLength: 12 });

  it("indicator scores stay within [0, cap]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.constantFrom("increase", "decrease"),
        fc.integer({ min: 100, max: 150 }),
        (actual, target, direction, cap) => {
          const result = scoreIndicator(
            { ...valueIndicator, direction: direction as "increase" | "decrease" },
            [period("2024", target, actual)],
            { ...settings, cap },
          );
          expect(result.score).not.toBeNull();
          expect(result.score!).toBeGreaterThanOrEqual(0);
          expect(result.score!).toBeLessThanOrEqual(cap / 100 + 1e-12);
        },
      ),
    );
  });

  it("a rollup lies between its children's min and max", () => {
    fc.assert(
      fc.property(items, (children) => {
        const result = rollup(children, settings);
        const scores = children.map((child) => child.score).filter((s): s is number => s != null);
        if (scores.length === 0) {
          expect(result.score).toBeNull();
          return;
        }
        expect(result.score!).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-9);
        expect(result.score!).toBeLessThanOrEqual(Math.max(...scores) + 1e-9);
      }),
    );
  });

  it("permuting children changes nothing", () => {
    fc.assert(
      fc.property(items, fc.func(fc.integer()), (children, order) => {
        const shuffled = [...children].sort((a, b) => order(a) - order(b));
        const a = rollup(children, settings);
        const b = rollup(shuffled, settings);
        expect(b.coverage).toBeCloseTo(a.coverage, 9);
        if (a.score == null) expect(b.score).toBeNull();
        else expect(b.score!).toBeCloseTo(a.score, 9);
      }),
    );
  });

  it("adding an item with no data changes nothing but coverage", () => {
    fc.assert(
      fc.property(items, fc.double({ min: 0.01, max: 100, noNaN: true }), (children, weight) => {
        const before = rollup(children, settings);
        const after = rollup([...children, { label: "sin datos", weight, score: null } satisfies RollupItem], settings);
        if (before.score == null) expect(after.score).toBeNull();
        else expect(after.score!).toBeCloseTo(before.score, 9);
        expect(after.coverage).toBeLessThanOrEqual(before.coverage + 1e-12);
      }),
    );
  });
});

describe("the one-pass trend", () => {
  const row = fc.record({
    target: fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null }),
    value: fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null }),
  });

  it("scores each cut-off exactly as scoring the periods up to it", () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.constantFrom("sum", "average", "last"),
        fc.constantFrom("increase", "decrease"),
        (cells, aggregation, direction) => {
          const definition: IndicatorDefinition = {
            ...valueIndicator,
            aggregation: aggregation as "sum" | "average" | "last",
            direction: direction as "increase" | "decrease",
          };
          const rows = cells.map((cell, index) => ({
            end_date: `2025-${String(index + 1).padStart(2, "0")}-28`,
            target: cell.target,
            numerator: null,
            denominator: null,
            value: cell.value,
            state: cell.value == null ? null : ("approved" as const),
          }));
          const cutoffs = rows.map((r) => r.end_date);
          const fast = scoreAtCutoffs(definition, rows, cutoffs, settings);
          cutoffs.forEach((cutoff, index) => {
            const periods = rows
              .filter((r) => r.end_date <= cutoff)
              .map((r) => ({ periodKey: r.end_date, target: r.target, measurement: r.state ? r : null }));
            const slow = scoreIndicator(definition, periods, settings, { explain: false }).score;
            if (slow == null) expect(fast[index]).toBeNull();
            else expect(fast[index]!).toBeCloseTo(slow, 9);
          });
        },
      ),
    );
  });
});
