import { cellKey, type CellChange, type CellProblem, type SavedRecord } from "~/domain/grid-batch";
import type { CellValue } from "~/domain/grid-values";

/**
 * The grid's unsaved edits, kept apart from the loaded rows (an overlay): the rows stay the
 * loader's objects, so AG Grid keeps its state, and nothing typed is lost until it is saved or
 * the person discards it. No React here; the component re-renders after each change.
 */

/** One edited cell, by cellKey(record row, field). */
export interface PendingCell {
  key: string;
  /** Where it is shown: the grid's row id and column id. */
  rowId: string;
  colId: string;
  /** What the save sends; `value` is meaningless while `text` is set. */
  change: CellChange & { value: CellValue };
  /** What was typed or pasted when it could not be read as a value of the cell's kind. */
  text: string | null;
  /** The client's message (unreadable or refused by the column's check); blocks saving. */
  error: string | null;
}

/** A grid position touched by a change, to refresh its cell. */
export interface CellPosition {
  rowId: string;
  colId: string;
}

interface UndoEntry extends CellPosition {
  key: string;
  pending: PendingCell | undefined;
  problem: CellProblem | undefined;
}

const UNDO_LIMIT = 200;

export class GridEditState {
  readonly pending = new Map<string, PendingCell>();
  /** The server's answer per cell of the last failed save. */
  readonly problems = new Map<string, CellProblem>();
  /** Values known to be in the database although the loaded rows do not show them yet. */
  private readonly values = new Map<string, CellValue>();
  /** Record versions known to be newer than the loaded ones, by record row key. */
  private readonly versions = new Map<string, number | null>();
  private undoSteps: UndoEntry[][] = [];

  /** What the cell shows: my edit, else what the database is known to hold, else the loaded value. */
  shownValue(key: string, loaded: CellValue): CellValue {
    const pending = this.pending.get(key);
    if (pending) return pending.text ?? pending.change.value;
    return this.values.has(key) ? this.values.get(key) ?? null : loaded;
  }

  /** The value an edit is compared with: unchanged from it means no pending edit. */
  baseValue(key: string, loaded: CellValue): CellValue {
    return this.values.has(key) ? this.values.get(key) ?? null : loaded;
  }

  /** The version an edit of this record is based on. */
  baseVersion(row: string, loaded: number | null): number | null {
    // A record deleted since it loaded is known here as null: edits of it create it again.
    return this.versions.has(row) ? this.versions.get(row)! : loaded;
  }

  get canUndo(): boolean {
    return this.undoSteps.length > 0;
  }

  /**
   * Puts (or, with `next` undefined, removes) pending cells as one undoable step. A cell's
   * invalid/forbidden answer from the server goes away when the cell changes; a conflict stays
   * until it is resolved or the edit is gone.
   */
  apply(changes: readonly { position: CellPosition; key: string; next: PendingCell | undefined }[]): CellPosition[] {
    const step: UndoEntry[] = [];
    for (const { position, key, next } of changes) {
      const before = this.pending.get(key);
      const problem = this.problems.get(key);
      if (before === next) continue;
      step.push({ ...position, key, pending: before, problem });
      if (next) this.pending.set(key, next);
      else this.pending.delete(key);
      if (problem && (!next || problem.kind !== "conflict")) this.problems.delete(key);
    }
    if (step.length > 0) {
      this.undoSteps.push(step);
      if (this.undoSteps.length > UNDO_LIMIT) this.undoSteps.shift();
    }
    return step;
  }

  /** Undoes the last step (an edit, a paste, a discard or a conflict choice); returns the cells it touched. */
  undo(): CellPosition[] {
    const step = this.undoSteps.pop();
    if (!step) return [];
    for (const entry of [...step].reverse()) {
      if (entry.pending) this.pending.set(entry.key, entry.pending);
      else this.pending.delete(entry.key);
      if (entry.problem) this.problems.set(entry.key, entry.problem);
      else this.problems.delete(entry.key);
    }
    return step;
  }

  /** Removes every pending edit and problem, as one undoable step. */
  discardAll(): CellPosition[] {
    const changes = [...this.pending.values()].map((cell) => ({ position: cell, key: cell.key, next: undefined }));
    const touched = this.apply(changes);
    this.problems.clear();
    return touched;
  }

  /** The answer of a save that was refused: every problem, on the cells that were sent. */
  setProblems(problems: readonly CellProblem[]): CellPosition[] {
    const touched = this.clearProblems();
    for (const problem of problems) {
      const key = cellKey(problem.row, problem.field);
      this.problems.set(key, problem);
      const pending = this.pending.get(key);
      if (pending) touched.push(pending);
    }
    return touched;
  }

  clearProblems(): CellPosition[] {
    const touched: CellPosition[] = [];
    for (const key of this.problems.keys()) {
      const pending = this.pending.get(key);
      if (pending) touched.push(pending);
    }
    this.problems.clear();
    return touched;
  }

  /**
   * A save went through: the cells sent (unless edited again meanwhile) stop being pending and
   * show what the database now holds until the loader's fresh rows arrive. Edits made while the
   * save was in flight move to the record's new version, so they do not conflict with ourselves.
   */
  saved(sent: readonly PendingCell[], records: readonly SavedRecord[]): CellPosition[] {
    const touched: CellPosition[] = [];
    const newVersion = new Map(records.map((record) => [record.row, record.version]));
    const sentVersion = new Map<string, number | null>();
    for (const cell of sent) {
      sentVersion.set(cell.change.row, cell.change.version);
      this.values.set(cell.key, cell.change.value);
      if (this.pending.get(cell.key) === cell) this.pending.delete(cell.key);
      touched.push(cell);
    }
    for (const record of records) {
      this.versions.set(record.row, record.version);
      for (const [field, value] of Object.entries(record.fields)) {
        if (typeof value !== "boolean") this.values.set(cellKey(record.row, field), value);
      }
    }
    for (const [key, cell] of this.pending) {
      if (newVersion.has(cell.change.row) && sentVersion.get(cell.change.row) === cell.change.version) {
        this.pending.set(key, { ...cell, change: { ...cell.change, version: newVersion.get(cell.change.row)! } });
      }
    }
    this.problems.clear();
    this.undoSteps = [];
    return touched;
  }

  /** "Usar el valor de la otra persona": my edit goes; their value and version become the base. */
  takeTheirs(keys: readonly string[]): CellPosition[] {
    const changes: { position: CellPosition; key: string; next: PendingCell | undefined }[] = [];
    for (const key of keys) {
      const problem = this.problems.get(key);
      const pending = this.pending.get(key);
      if (!problem?.theirs || !pending) continue;
      this.values.set(key, typeof problem.theirs.value === "boolean" ? null : problem.theirs.value);
      this.versions.set(problem.row, problem.theirs.version);
      changes.push({ position: pending, key, next: undefined });
    }
    return this.apply(changes);
  }

  /** "Mantener el mío": my edit stays and is based on their version, so the next save replaces theirs. */
  keepMine(keys: readonly string[]): CellPosition[] {
    const changes: { position: CellPosition; key: string; next: PendingCell | undefined }[] = [];
    for (const key of keys) {
      const problem = this.problems.get(key);
      const pending = this.pending.get(key);
      if (!problem?.theirs || !pending) continue;
      changes.push({
        position: pending,
        key,
        next: { ...pending, change: { ...pending.change, version: problem.theirs.version } },
      });
    }
    const touched = this.apply(changes);
    for (const { key } of changes) this.problems.delete(key);
    return touched;
  }

  /** Forgets everything: the person left these edits behind. */
  reset(): void {
    this.pending.clear();
    this.problems.clear();
    this.undoSteps = [];
    this.rowsReloaded();
  }

  /** The loader's rows were replaced: they now show what the database holds. */
  rowsReloaded(): void {
    this.values.clear();
    this.versions.clear();
  }
}
