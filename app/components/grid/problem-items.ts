import type { CellProblem } from "~/domain/grid-batch";
import type { CellValue } from "~/domain/grid-values";
import type { PendingCell } from "./edit-state";
import type { ProblemItem } from "./ProblemList";

/** Where a pending cell is shown, and how a value of its column reads; null for what the grid does not show. */
export interface LocatedCell {
  place: string | null;
  format: ((value: CellValue) => string) | null;
}

/**
 * The list under the grid: every problem the server answered (conflicts with what the other
 * person saved and what this person typed), then every cell the grid itself marked invalid.
 * Pure: `locate` tells where a pending cell is.
 */
export function problemItemsOf(
  problems: ReadonlyMap<string, CellProblem>,
  pending: ReadonlyMap<string, PendingCell>,
  locate: (cell: PendingCell | undefined) => LocatedCell,
): ProblemItem[] {
  const items: ProblemItem[] = [];
  for (const [key, problem] of problems) {
    const cell = pending.get(key);
    const located = locate(cell);
    const item: ProblemItem = {
      key,
      place: located.place ?? `Registro ${problem.row} · ${problem.field}`,
      message: problem.message,
      kind: problem.kind,
      position: cell,
    };
    if (problem.kind === "conflict" && problem.theirs && cell && located.format) {
      const theirs = typeof problem.theirs.value === "boolean" ? null : problem.theirs.value;
      item.conflict = {
        theirs: located.format(theirs),
        by: problem.theirs.by,
        at: problem.theirs.at,
        mine: located.format(cell.text ?? cell.change.value),
      };
    }
    items.push(item);
  }
  for (const cell of pending.values()) {
    if (!cell.error || problems.has(cell.key)) continue;
    items.push({ key: cell.key, place: locate(cell).place ?? cell.key, message: cell.error, kind: "invalid", position: cell });
  }
  return items;
}
