import type { Periodicity } from "../../db/schema";
import { PERIODICITY_ORDER } from "./period-labels";

/**
 * The periodicity a period grid shows: the one asked for when the view has indicators of it,
 * otherwise the first used one in the usual order (monthly first). Null when nothing is used.
 */
export function periodicityOfView(asked: string | null, used: readonly Periodicity[]): Periodicity | null {
  const available = PERIODICITY_ORDER.filter((periodicity) => used.includes(periodicity));
  return available.find((periodicity) => periodicity === asked) ?? available[0] ?? null;
}
