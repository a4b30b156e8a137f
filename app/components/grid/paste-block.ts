import { formatCount, formatInteger } from "~/domain/format";
import type { PasteIssue, PasteSummary } from "./PasteReport";

/** What one pasted text did to the cell it landed on. */
export type PastedCell<Change> =
  | { place: string; refused: string }
  | { place: string; change: Change; /** The value's problem: the cell took it and is marked. */ invalid: string | null };

/**
 * Lays a block copied from a spreadsheet over the grid from the focused cell and tells what
 * happened, cell by cell where it did not go in: nothing pasted is dropped silently. Pure:
 * `pasteAt(row, column, text)` edits the cell that many rows down and columns right of the
 * focused one (null when that falls outside the table).
 */
export function pasteBlock<Change>(
  table: readonly (readonly string[])[],
  pasteAt: (row: number, column: number, text: string) => PastedCell<Change> | null,
): { changes: Change[]; summary: PasteSummary; ok: boolean } {
  const changes: Change[] = [];
  const issues: PasteIssue[] = [];
  let applied = 0;
  let invalid = 0;
  let refused = 0;
  let outside = 0;
  table.forEach((line, row) =>
    line.forEach((text, column) => {
      const pasted = pasteAt(row, column, text);
      if (!pasted) {
        outside += 1;
        return;
      }
      if ("refused" in pasted) {
        refused += 1;
        issues.push({ place: pasted.place, text, reason: pasted.refused });
        return;
      }
      applied += 1;
      changes.push(pasted.change);
      if (pasted.invalid) {
        invalid += 1;
        issues.push({ place: pasted.place, text, reason: `${pasted.invalid} (quedó marcada en rojo)` });
      }
    }),
  );
  if (outside > 0) {
    issues.push({
      place: formatCount(outside, "celda", "celdas"),
      text: "",
      reason: "fuera de la tabla: el bloque copiado es más grande que el espacio desde la celda elegida",
    });
  }
  const notPasted = refused + outside;
  const head = [
    applied === 0 ? "No se pegó ninguna celda" : applied === 1 ? "Se pegó 1 celda" : `Se pegaron ${formatCount(applied, "celda", "celdas")}`,
    invalid > 0 ? ` (${invalid === 1 ? "1 con un valor no válido" : `${formatInteger(invalid)} con valores no válidos`})` : "",
    notPasted > 0 ? `; ${notPasted === 1 ? "1 no se pudo pegar" : `${formatInteger(notPasted)} no se pudieron pegar`}` : "",
    issues.length > 0 ? ":" : ".",
  ].join("");
  return { changes, summary: { head, issues }, ok: issues.length === 0 };
}
