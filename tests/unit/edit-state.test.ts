import { describe, expect, it } from "vitest";
import { GridEditState, type PendingCell } from "~/components/grid/edit-state";
import { batchRequestSchema, cellKey } from "~/domain/grid-batch";

/** A pending edit of target "7:3" based on version 2. */
function pendingEdit(state: GridEditState): PendingCell {
  const cell: PendingCell = {
    key: cellKey("7:3", "value"),
    rowId: "7",
    colId: "3.value",
    change: { row: "7:3", field: "value", value: 90, version: 2 },
    text: null,
    error: null,
  };
  state.apply([{ position: cell, key: cell.key, next: cell }]);
  return cell;
}

const deletedByThem = { row: "7:3", field: "value", kind: "conflict" as const, message: "Meta: otra persona eliminó la meta", theirs: { value: null, by: "Ana", at: null, version: null } };

describe("GridEditState after another person deleted the record", () => {
  it("«Mantener el mío» sends the edit as a new record, which the save contract accepts", () => {
    const state = new GridEditState();
    const cell = pendingEdit(state);
    state.setProblems([deletedByThem]);
    state.keepMine([cell.key]);
    const change = state.pending.get(cell.key)!.change;
    expect(change.version).toBeNull();
    expect(batchRequestSchema.safeParse({ changes: [change] }).success).toBe(true);
  });

  it("«Usar el valor de la otra persona» then a new edit is based on no version", () => {
    const state = new GridEditState();
    const cell = pendingEdit(state);
    state.setProblems([deletedByThem]);
    state.takeTheirs([cell.key]);
    expect(state.pending.has(cell.key)).toBe(false);
    expect(state.baseVersion("7:3", 2)).toBeNull();
  });
});
