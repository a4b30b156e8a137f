import { describe, expect, it } from "vitest";
import { parseCellNumber } from "~/domain/grid-values";
import { targetEntrySchema } from "~/domain/schemas/indicators";
import { measurementInputSchema } from "~/domain/schemas/reporting";
import { parseLocaleNumber } from "~/domain/validation";

/** What people type, and the number every form, grid and import must read from it. */
const READINGS: [string, number][] = [
  ["1.234", 1234],
  ["12.345.678", 12345678],
  ["1.234,5", 1234.5],
  ["1234,5", 1234.5],
  ["1234.5", 1234.5],
  ["1.5", 1.5],
  ["0.125", 0.125],
  ["1,234.5", 1234.5],
  ["-0,5", -0.5],
  [" 1 234,5 ", 1234.5],
];

describe("one reading of a typed number", () => {
  it.each(READINGS)("reads «%s» as %d", (text, expected) => {
    expect(parseLocaleNumber(text)).toBe(expected);
  });

  it("reads a number the same in a form as in the grid (a target, a reported value)", () => {
    for (const [text, expected] of READINGS) {
      const cell = parseCellNumber(text);
      expect(cell, text).toEqual({ ok: true, value: expected });
      expect(targetEntrySchema.parse({ periodId: 1, value: text }).value, text).toBe(expected);
      expect(measurementInputSchema.parse({ indicatorId: 1, periodId: 1, value: text }).value, text).toBe(expected);
    }
  });

  it("refuses ambiguous mixes of marks everywhere", () => {
    for (const text of ["1,2,3", "1.2,3.4", "abc", "5 %"]) {
      expect(parseLocaleNumber(text), text).toBeNaN();
      expect(measurementInputSchema.safeParse({ indicatorId: 1, periodId: 1, value: text }).success, text).toBe(false);
    }
  });

  it("gives null for blank input", () => {
    expect(parseLocaleNumber("  ")).toBeNull();
  });
});
