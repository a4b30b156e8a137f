import type { Periodicity } from "../../db/schema";

/** How a period and a periodicity read in Spanish: "marzo 2024", "1.er trimestre 2024", "Año 2024". */
export const PERIODICITY_LABELS: Record<Periodicity, string> = {
  monthly: "Mensual",
  quarterly: "Trimestral",
  semiannual: "Semestral",
  annual: "Anual",
};

export const PERIODICITY_ORDER: readonly Periodicity[] = ["monthly", "quarterly", "semiannual", "annual"];

const MONTHS = [
  "enero",
  "febrero",
  "marzo",
  "abril",
  "mayo",
  "junio",
  "julio",
  "agosto",
  "septiembre",
  "octubre",
  "noviembre",
  "diciembre",
];

// RAE abbreviations: the ordinal keeps the ending of "primer", "tercer" (apocopated before a noun).
const ORDINALS = ["1.er", "2.º", "3.er", "4.º"];

/**
 * A period's Spanish label, from its key (`2024-03`, `2024-Q1`, `2024-S1`, `2024`) or from its
 * parts. An unknown key is shown as it is.
 */
export function periodLabel(key: string): string;
export function periodLabel(periodicity: Periodicity, year: number, number: number): string;
export function periodLabel(keyOrPeriodicity: string, year?: number, number?: number): string {
  if (year == null || number == null) return labelFromKey(keyOrPeriodicity);
  switch (keyOrPeriodicity as Periodicity) {
    case "monthly":
      return `${MONTHS[number - 1]} ${year}`;
    case "quarterly":
      return `${ORDINALS[number - 1]} trimestre ${year}`;
    case "semiannual":
      return `${ORDINALS[number - 1]} semestre ${year}`;
    case "annual":
      return `Año ${year}`;
    default:
      return `${keyOrPeriodicity} ${year}-${number}`;
  }
}

const KEY_PATTERN = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-S([12]))?$/;

/** The label of a period key such as `2024-03`; an unknown key is shown as it is. */
export function periodLabelFromKey(key: string): string {
  return labelFromKey(key);
}

function labelFromKey(key: string): string {
  const match = KEY_PATTERN.exec(key);
  if (!match) return key;
  const year = Number(match[1]);
  if (match[2]) {
    const month = Number(match[2]);
    return month >= 1 && month <= 12 ? periodLabel("monthly", year, month) : key;
  }
  if (match[3]) return periodLabel("quarterly", year, Number(match[3]));
  if (match[4]) return periodLabel("semiannual", year, Number(match[4]));
  return periodLabel("annual", year, 1);
}
