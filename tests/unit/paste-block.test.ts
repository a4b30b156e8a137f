import { describe, expect, it } from "vitest";
import { pasteBlock, type PastedCell } from "~/components/grid/paste-block";

/** A grid of 2 rows x 2 columns: row 1's second column is read-only; "x" is not a number. */
function pasteAt(row: number, column: number, text: string): PastedCell<string> | null {
  if (row > 1 || column > 1) return null;
  const place = `fila ${row + 1} · columna ${column + 1}`;
  if (row === 1 && column === 1) return { place, refused: "el periodo está cerrado" };
  return { place, change: `${row}:${column}=${text}`, invalid: text === "x" ? "Valor: debe ser un número" : null };
}

describe("pasteBlock", () => {
  it("applies what fits, marks bad values, and lists every cell that did not go in", () => {
    const { changes, summary, ok } = pasteBlock([["1", "x"], ["3", "4"], ["5", "6"]], pasteAt);
    expect(changes).toEqual(["0:0=1", "0:1=x", "1:0=3"]);
    expect(ok).toBe(false);
    expect(summary.head).toBe("Se pegaron 3 celdas (1 con un valor no válido); 3 no se pudieron pegar:");
    expect(summary.issues).toEqual([
      { place: "fila 1 · columna 2", text: "x", reason: "Valor: debe ser un número (quedó marcada en rojo)" },
      { place: "fila 2 · columna 2", text: "4", reason: "el periodo está cerrado" },
      { place: "2 celdas", text: "", reason: "fuera de la tabla: el bloque copiado es más grande que el espacio desde la celda elegida" },
    ]);
  });

  it("says plainly when everything went in", () => {
    expect(pasteBlock([["7"]], pasteAt)).toEqual({ changes: ["0:0=7"], summary: { head: "Se pegó 1 celda.", issues: [] }, ok: true });
  });
});
