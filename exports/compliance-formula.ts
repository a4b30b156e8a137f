import type { ScoringSettings } from "../app/domain/scoring";
import type { ReportIndicator } from "./report-data";

/**
 * Compliance as a live Excel formula in the Indicadores sheet of the management report, so a
 * planner can audit it and Excel recomputes the engine's number.
 */

/** Spreadsheet column letters: 1 -> A, 28 -> AB. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Where the formula's inputs sit in the Indicadores sheet (1-based): the builder writes them there. */
export const INDICATOR_COLUMNS = {
  baseline: 10,
  target: 12,
  actual: 13,
  compliance: 14,
} as const;

/**
 * The engine's compliance rule (app/domain/scoring.ts `compliance`) as an Excel formula over the
 * row's cells, so that a planner can audit it and Excel recomputes the same number:
 * - from the baseline (method "baseline" with a baseline): max(0, (a − b) / (t − b)); a target equal
 *   to the baseline is 100 % when reached, else 0;
 * - ratio, increase: a / t (target 0 → 100 %); decrease: t / a (actual 0 → 100 %); not defined for
 *   negative values;
 * - blank when actual or target is missing.
 * LibreOffice's headless recalculation checks formula and engine agree
 * (scripts/check-report-libreoffice.ts).
 */
export function complianceFormula(row: number, rule: Pick<ReportIndicator, "direction" | "scoringMethod" | "baseline">): string {
  const b = `${columnLetter(INDICATOR_COLUMNS.baseline)}${row}`;
  const t = `${columnLetter(INDICATOR_COLUMNS.target)}${row}`;
  const a = `${columnLetter(INDICATOR_COLUMNS.actual)}${row}`;
  const missing = `OR(${a}="",${t}="")`;
  if (rule.scoringMethod === "baseline" && rule.baseline != null) {
    const reached = rule.direction === "increase" ? `${a}>=${t}` : `${a}<=${t}`;
    return `IF(${missing},"",IF(${t}=${b},IF(${reached},1,0),MAX(0,(${a}-${b})/(${t}-${b}))))`;
  }
  const ratio = rule.direction === "increase" ? `IF(${t}=0,1,${a}/${t})` : `IF(${a}=0,1,${t}/${a})`;
  return `IF(${missing},"",IF(OR(${a}<0,${t}<0),"",${ratio}))`;
}

export function scoredComplianceFormula(row: number, settings: ScoringSettings): string {
  const c = `${columnLetter(INDICATOR_COLUMNS.compliance)}${row}`;
  return `IF(${c}="","",MIN(${c},${settings.cap / 100}))`;
}
