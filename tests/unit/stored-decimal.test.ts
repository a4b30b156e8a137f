import { describe, expect, it } from "vitest";
import { ratioValue, toStoredDecimal } from "~/domain/schemas/reporting-grid";
import { indicatorWeightCellSchema, targetValueCellSchema } from "~/domain/schemas/targets-grid";
import { roundDecimal } from "~/domain/validation";

describe("toStoredDecimal: what numeric(18, 4) keeps", () => {
  it.each([
    [1.23456, 1.2346],
    [2.00005, 2.0001],
    [-2.00005, -2.0001],
    [0.00004, 0],
    [1.5, 1.5],
    [1234, 1234],
    [99_999_999_999_999, 99_999_999_999_999],
    [0.99995, 1],
    [1e-7, 0],
  ])("keeps %d as %d", (typed, stored) => {
    expect(toStoredDecimal(typed)).toBe(stored);
  });

  it("gives a ratio's value with the same rounding", () => {
    expect(ratioValue(1, 3, 100)).toBe(33.3333);
    expect(ratioValue(2, 3, 100)).toBe(66.6667);
    expect(ratioValue(1, 0, 100)).toBeNull();
  });
});

describe("roundDecimal: the same rounding for every numeric column", () => {
  it("rounds a target and a weight as PostgreSQL would", () => {
    expect(targetValueCellSchema.parse("2,00005")).toBe(2.0001);
    expect(indicatorWeightCellSchema.parse("0,0005")).toBe(0.001);
    expect(roundDecimal(1.2345, 3)).toBe(1.235);
    expect(roundDecimal(-1.5, 0)).toBe(-2);
  });
});
