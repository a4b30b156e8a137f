import type { Periodicity } from "../../db/schema";

/** A reporting period as the plan knows it: `2024-03`, `2024-Q1`, `2024-S2` or `2024`. */
export interface PeriodSpec {
  key: string;
  periodicity: Periodicity;
  year: number;
  number: number;
  startDate: string;
  endDate: string;
}

export const PERIODS_PER_YEAR: Record<Periodicity, number> = {
  monthly: 12,
  quarterly: 4,
  semiannual: 2,
  annual: 1,
};

const MONTHS_PER_PERIOD: Record<Periodicity, number> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
};

export function periodKey(periodicity: Periodicity, year: number, number: number): string {
  switch (periodicity) {
    case "monthly":
      return `${year}-${String(number).padStart(2, "0")}`;
    case "quarterly":
      return `${year}-Q${number}`;
    case "semiannual":
      return `${year}-S${number}`;
    case "annual":
      return `${year}`;
  }
}

const isoDate = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function periodSpec(periodicity: Periodicity, year: number, number: number): PeriodSpec {
  const span = MONTHS_PER_PERIOD[periodicity];
  const firstMonth = (number - 1) * span + 1;
  const lastMonth = firstMonth + span - 1;
  return {
    key: periodKey(periodicity, year, number),
    periodicity,
    year,
    number,
    startDate: isoDate(year, firstMonth, 1),
    endDate: isoDate(year, lastMonth, lastDayOfMonth(year, lastMonth)),
  };
}

/** Every period of one periodicity from January of `startYear` to December of `endYear`. */
export function generatePeriods(periodicity: Periodicity, startYear: number, endYear: number): PeriodSpec[] {
  const periods: PeriodSpec[] = [];
  for (let year = startYear; year <= endYear; year++) {
    for (let number = 1; number <= PERIODS_PER_YEAR[periodicity]; number++) {
      periods.push(periodSpec(periodicity, year, number));
    }
  }
  return periods;
}

export const ALL_PERIODICITIES: Periodicity[] = ["monthly", "quarterly", "semiannual", "annual"];
