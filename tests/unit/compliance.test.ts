import { describe, expect, it } from "vitest";
import { compliancePercent, latestStatus, measuredValue, statusOf, type StatusPeriod } from "../../app/domain/compliance";

const increase = { direction: "increase", scoringMethod: "ratio", baselineValue: null } as const;
const decrease = { direction: "decrease", scoringMethod: "ratio", baselineValue: null } as const;
const fromBaseline = (baselineValue: number, direction: "increase" | "decrease" = "decrease") =>
  ({ direction, scoringMethod: "baseline", baselineValue } as const);
const thresholds = { green: 95, yellow: 75 };

describe("compliance (DESIGN.md scoring rules)", () => {
  it.each([
    ["increase: actual / target", increase, 90, 100, 90],
    ["increase: over-achievement stays visible", increase, 130, 100, 130],
    ["increase with target 0 and actual >= 0", increase, 0, 0, 100],
    ["decrease: target / actual", decrease, 20, 15, 75],
    ["decrease with actual 0", decrease, 0, 15, 100],
    ["baseline: reduce from 30 to 15, now 22.5", fromBaseline(30), 22.5, 15, 50],
    ["baseline: went the wrong way, floored at 0", fromBaseline(30), 35, 15, 0],
    ["baseline: increase from 10 to 20, now 25", fromBaseline(10, "increase"), 25, 20, 150],
    ["baseline: target equal to baseline, held", fromBaseline(10, "increase"), 12, 10, 100],
  ])("%s", (_name, rule, actual, target, expected) => {
    expect(compliancePercent(rule, actual, target)).toBeCloseTo(expected, 9);
  });

  it.each([
    [95, "met"],
    [94.99, "at_risk"],
    [75, "at_risk"],
    [74.9, "not_met"],
    [null, "no_data"],
  ] as const)("%s %% is %s", (compliance, status) => {
    expect(statusOf(compliance, thresholds)).toBe(status);
  });

  it("measures a ratio as numerator / denominator x factor, and a zero denominator as no value", () => {
    expect(measuredValue("ratio", 100, { numerator: 45, denominator: 60, value: null })).toBe(75);
    expect(measuredValue("ratio", 100, { numerator: 0, denominator: 0, value: null })).toBeNull();
    expect(measuredValue("value", 1, { numerator: null, denominator: null, value: 12 })).toBe(12);
  });

  it("takes the latest period with an approved value and a target", () => {
    const period = (
      key: string,
      order: number,
      target: number | null,
      value: number | null,
      state = "approved" as const
    ): StatusPeriod => ({
      key,
      order,
      target,
      measurement: value == null && state === "approved" ? null : { numerator: null, denominator: null, value, state },
    });
    const periods: StatusPeriod[] = [
      period("2025-Q1", 202501, 100, 96),
      period("2025-Q2", 202502, 100, 80),
      period("2025-Q3", 202503, null, 50),
      {
        key: "2025-Q4",
        order: 202504,
        target: 100,
        measurement: { numerator: null, denominator: null, value: 10, state: "submitted" },
      },
    ];
    expect(latestStatus({ kind: "value", factor: 1, ...increase }, periods, thresholds)).toEqual({
      status: "at_risk",
      compliance: 80,
      periodKey: "2025-Q2",
      actual: 80,
      target: 100,
    });
    expect(latestStatus({ kind: "value", factor: 1, ...increase }, [], thresholds).status).toBe("no_data");
  });
});
