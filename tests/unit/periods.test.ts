import { describe, expect, it } from "vitest";
import { generatePeriods, periodSpec } from "~/domain/periods";

describe("reporting periods", () => {
  it.each([
    ["monthly", 24, "2024-01", "2025-12"],
    ["quarterly", 8, "2024-Q1", "2025-Q4"],
    ["semiannual", 4, "2024-S1", "2025-S2"],
    ["annual", 2, "2024", "2025"],
  ] as const)("%s periods over two years: %i, from %s to %s", (periodicity, count, first, last) => {
    const periods = generatePeriods(periodicity, 2024, 2025);
    expect(periods).toHaveLength(count);
    expect(periods[0].key).toBe(first);
    expect(periods.at(-1)?.key).toBe(last);
    expect(periods[0].startDate).toBe("2024-01-01");
    expect(periods.at(-1)?.endDate).toBe("2025-12-31");
  });

  it("ends each period on its last day, leap years included", () => {
    expect(periodSpec("monthly", 2024, 2).endDate).toBe("2024-02-29");
    expect(periodSpec("monthly", 2025, 2).endDate).toBe("2025-02-28");
    expect(periodSpec("quarterly", 2024, 2)).toMatchObject({ startDate: "2024-04-01", endDate: "2024-06-30" });
    expect(periodSpec("semiannual", 2024, 2)).toMatchObject({ startDate: "2024-07-01", endDate: "2024-12-31" });
  });

  it("leaves no gap and no overlap across the year boundary", () => {
    const months = generatePeriods("monthly", 2024, 2025);
    for (let i = 1; i < months.length; i++) {
      const previousEnd = new Date(`${months[i - 1].endDate}T00:00:00Z`);
      const nextStart = new Date(`${months[i].startDate}T00:00:00Z`);
      expect(nextStart.getTime() - previousEnd.getTime()).toBe(86_400_000);
    }
  });
});
