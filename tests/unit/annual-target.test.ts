import { describe, expect, it } from "vitest";
import { annualValue } from "../../app/domain/annual-target";

describe("annualValue", () => {
  it.each([
    ["sum", [10, 20, 30, 40], 100, 4],
    ["average", [10, 20, 30, 40], 25, 4],
    ["last", [10, 20, 30, 40], 40, 4],
    ["sum", [10, null, 30, undefined], 40, 2],
    ["average", [10, null, 30, null], 20, 2],
    ["last", [10, 20, null, null], 20, 2],
    ["last", [null, 0, null], 0, 1],
    ["sum", [5], 5, 1],
  ] as const)("%s of %j is %d from %d periods", (aggregation, values, expected, counted) => {
    const result = annualValue(aggregation, values);
    expect(result.value).toBeCloseTo(expected, 12);
    expect(result.counted).toBe(counted);
    expect(result.expected).toBe(values.length);
  });

  it.each(["sum", "average", "last"] as const)("%s of a year without values is no value", (aggregation) => {
    expect(annualValue(aggregation, [null, null, null, null])).toEqual({ value: null, counted: 0, expected: 4 });
    expect(annualValue(aggregation, [])).toEqual({ value: null, counted: 0, expected: 0 });
  });

  it("averages only the periods that have a value, not the missing ones as zero", () => {
    expect(annualValue("average", [80, null, null, 90]).value).toBe(85);
  });
});
