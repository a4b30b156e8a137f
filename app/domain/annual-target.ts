import type { Aggregation } from "../../db/schema";

export interface AnnualValue {
  /** Sum, average or last of the periods that have a value; null when none has one. */
  value: number | null;
  /** How many of the year's periods had a value. */
  counted: number;
  /** How many periods the year has for the indicator. */
  expected: number;
}

/**
 * The year's figure from its periods' figures (in calendar order), per the indicator's
 * aggregation: `sum` adds them, `average` averages the periods that have a value, `last` takes
 * the latest period that has one. Missing periods are left out, and `counted` says so.
 */
export function annualValue(aggregation: Aggregation, values: readonly (number | null | undefined)[]): AnnualValue {
  const present = values.filter((value): value is number => value != null && Number.isFinite(value));
  const expected = values.length;
  if (present.length === 0) return { value: null, counted: 0, expected };
  let value: number;
  switch (aggregation) {
    case "sum":
      value = present.reduce((total, item) => total + item, 0);
      break;
    case "average":
      value = present.reduce((total, item) => total + item, 0) / present.length;
      break;
    case "last":
      value = present[present.length - 1];
      break;
  }
  return { value, counted: present.length, expected };
}
