import type { ReactNode } from "react";
import type { BatchResult } from "~/domain/grid-batch";
import type { CellKind, CellOption, CellValue } from "~/domain/grid-values";

export type { CellKind, CellOption, CellValue };

/** Where a grid cell's value is stored: the record (row key of grid-batch), its field, its version. */
export interface RecordCell {
  row: string;
  field: string;
  version: number | null;
}

export interface GridColumn<Row> {
  /** Unique column id. */
  id: string;
  /** Spanish header. */
  header: string;
  /** Header group (e.g. the period "Ene 2025"); consecutive columns with the same group share one group header. */
  group?: string;
  /** How the cell is edited, read and shown. */
  kind: CellKind;
  width?: number;
  pinned?: "left";
  /** The choices of a "select" column. */
  options?: CellOption[];
  /** Decimals shown for numbers (es-CL, "1.234,5"); the stored value keeps all of them. */
  decimals?: number;
  /** The loaded value. */
  value(row: Row): CellValue;
  /** The record cell this column edits (null, or no function: a read-only informative cell). */
  cell?(row: Row): RecordCell | null;
  /** true, or the Spanish reason the cell is read-only (shown as its tooltip). */
  editable?(row: Row): true | string;
  /**
   * The client's check, with the same schema as the server: a Spanish message that names the
   * field ("Valor: debe ser mayor o igual a 0"), or null when the value is fine. Blank is null.
   */
  validate?(value: CellValue, row: Row): string | null;
}

export type SavedBatch = Extract<BatchResult, { ok: true }>;

export interface EditableGridProps<Row> {
  /** The loader's rows; keep the array and its objects stable (do not rebuild them on each render). */
  rows: Row[];
  /** Keep stable (module constant or useMemo): new columns rebuild the grid's column model. */
  columns: GridColumn<Row>[];
  rowId(row: Row): string;
  /** POST JSON {changes: CellChange[]} -> BatchResult JSON (200 ok / 422 problems / 4xx {message}). */
  saveUrl?: string;
  /** After a save went through: the route revalidates its loader here. */
  onSaved?(result: SavedBatch): void;
  /** How a row is named in messages ("Tasa de ocupación", "IND-012"); default: the first column's text. */
  rowLabel?(row: Row): string;
  /** Told whenever the number of unsaved changes changes (e.g. to disable "Enviar a validación"). */
  onPendingChange?(count: number): void;
  /** Grid height; default 600 px. */
  height?: number | string;
  ariaLabel: string;
  /** Extra buttons, left of the save bar. */
  toolbar?: ReactNode;
  /** Checkbox selection of rows; selected row ids go to onSelectionChange. */
  rowSelection?: boolean;
  onSelectionChange?(rowIds: string[]): void;
}
