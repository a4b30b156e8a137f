import { describe, expect, it } from "vitest";
import type { Periodicity } from "../../db/schema";
import { periodLabel, periodLabelFromKey, PERIODICITY_LABELS } from "~/domain/period-labels";
import { ALL_PERIODICITIES, generatePeriods, PERIODS_PER_YEAR, periodSpec } from "~/domain/periods";

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
// The CHECK constraint on periods.key, copied from the migration.
const KEY_CHECK = /^[0-9]{4}(-[0-9]{2}|-Q[1-4]|-S[12])?$/;

describe("period generation across years", () => {
  it.each(ALL_PERIODICITIES)("%s: consecutive periods with no gap or overlap from 2023 to 2026", (periodicity) => {
    const periods = generatePeriods(periodicity, 2023, 2026);
    expect(periods).toHaveLength(PERIODS_PER_YEAR[periodicity] * 4);
    expect(periods[0].startDate).toBe("2023-01-01");
    expect(periods.at(-1)?.endDate).toBe("2026-12-31");
    for (let i = 1; i < periods.length; i++) {
      expect(dayNumber(periods[i].startDate) - dayNumber(periods[i - 1].endDate)).toBe(1);
    }
    expect(new Set(periods.map((period) => period.key)).size).toBe(periods.length);
    for (const period of periods) expect(period.key).toMatch(KEY_CHECK);
  });

  it.each([
    ["monthly", "2024-12", "2024-12-01", "2024-12-31", "2025-01", "2025-01-01", "2025-01-31"],
    ["quarterly", "2024-Q4", "2024-10-01", "2024-12-31", "2025-Q1", "2025-01-01", "2025-03-31"],
    ["semiannual", "2024-S2", "2024-07-01", "2024-12-31", "2025-S1", "2025-01-01", "2025-06-30"],
    ["annual", "2024", "2024-01-01", "2024-12-31", "2025", "2025-01-01", "2025-12-31"],
  ] as const)("%s: %s is followed by %s", (periodicity, lastKey, lastStart, lastEnd, nextKey, nextStart, nextEnd) => {
    const periods = generatePeriods(periodicity, 2024, 2025);
    const index = periods.findIndex((period) => period.key === lastKey);
    expect(periods[index]).toMatchObject({ startDate: lastStart, endDate: lastEnd, year: 2024 });
    expect(periods[index + 1]).toMatchObject({ key: nextKey, startDate: nextStart, endDate: nextEnd, year: 2025, number: 1 });
  });

  it.each([
    [2024, "2024-02-29", 366],
    [2023, "2023-02-28", 365],
    [2000, "2000-02-29", 366],
    [2100, "2100-02-28", 365],
  ])("February %i ends on %s and the year has %i days", (year, februaryEnd, days) => {
    expect(periodSpec("monthly", year, 2).endDate).toBe(februaryEnd);
    const annual = periodSpec("annual", year, 1);
    expect(dayNumber(annual.endDate) - dayNumber(annual.startDate) + 1).toBe(days);
    const months = generatePeriods("monthly", year, year);
    const total = months.reduce((sum, month) => sum + dayNumber(month.endDate) - dayNumber(month.startDate) + 1, 0);
    expect(total).toBe(days);
  });

  it.each([
    ["quarterly", 1, "2024-01-01", "2024-03-31"],
    ["quarterly", 2, "2024-04-01", "2024-06-30"],
    ["quarterly", 3, "2024-07-01", "2024-09-30"],
    ["quarterly", 4, "2024-10-01", "2024-12-31"],
    ["semiannual", 1, "2024-01-01", "2024-06-30"],
    ["semiannual", 2, "2024-07-01", "2024-12-31"],
  ] as const)("%s %i of 2024 runs from %s to %s", (periodicity, number, start, end) => {
    expect(periodSpec(periodicity, 2024, number)).toMatchObject({ startDate: start, endDate: end });
  });

  it("covers each quarter and semester exactly with its months", () => {
    const months = generatePeriods("monthly", 2024, 2024);
    for (const periodicity of ["quarterly", "semiannual", "annual"] as const) {
      for (const period of generatePeriods(periodicity, 2024, 2024)) {
        const inside = months.filter((month) => month.startDate >= period.startDate && month.endDate <= period.endDate);
        expect(inside[0].startDate).toBe(period.startDate);
        expect(inside.at(-1)?.endDate).toBe(period.endDate);
        expect(inside).toHaveLength(12 / PERIODS_PER_YEAR[periodicity]);
      }
    }
  });

  it("gives nothing for an empty span", () => {
    expect(generatePeriods("monthly", 2025, 2024)).toEqual([]);
  });
});

describe("Spanish period labels", () => {
  it.each([
    ["2024-01", "enero 2024"],
    ["2024-03", "marzo 2024"],
    ["2024-09", "septiembre 2024"],
    ["2024-12", "diciembre 2024"],
    ["2024-Q1", "1.er trimestre 2024"],
    ["2024-Q2", "2.º trimestre 2024"],
    ["2024-Q3", "3.er trimestre 2024"],
    ["2024-Q4", "4.º trimestre 2024"],
    ["2024-S1", "1.er semestre 2024"],
    ["2024-S2", "2.º semestre 2024"],
    ["2024", "Año 2024"],
  ])("%s reads %s", (key, label) => {
    expect(periodLabelFromKey(key)).toBe(label);
    expect(periodLabel(key)).toBe(label);
  });

  it.each(["2024-13", "2024-00", "2024-Q5", "abc", ""])("shows an unknown key %j as it is", (key) => {
    expect(periodLabelFromKey(key)).toBe(key);
  });

  it("labels every generated period, from its parts or its key alike", () => {
    for (const periodicity of ALL_PERIODICITIES) {
      for (const period of generatePeriods(periodicity, 2024, 2025)) {
        const label = periodLabel(period.periodicity, period.year, period.number);
        expect(label).toBe(periodLabelFromKey(period.key));
        expect(label).toContain(String(period.year));
      }
    }
  });

  it.each([
    ["monthly", "Mensual"],
    ["quarterly", "Trimestral"],
    ["semiannual", "Semestral"],
    ["annual", "Anual"],
  ] as [Periodicity, string][])("names the periodicity %s %s", (periodicity, label) => {
    expect(PERIODICITY_LABELS[periodicity]).toBe(label);
  });
});
