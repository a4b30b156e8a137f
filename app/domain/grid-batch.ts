import { z } from "zod";

/**
 * The one contract between every editing grid (reporting, validation, targets, milestones) and
 * its service: the grid sends the edited cells in one request; the service checks them all and
 * either applies every one in one transaction or applies none and answers with a problem per
 * bad cell. Pure: shared by the client grid and the server.
 */

/**
 * One edited cell. `row` names the record the cell belongs to, as the grid's loader gave it
 * (e.g. "12:340" for indicator 12 in period 340, or "57" for milestone 57); `field` is the
 * record's field; `value` is already parsed (es-CL decimals turned into numbers; blank -> null);
 * `version` is the record's version when the grid loaded it (null: the record did not exist yet).
 */
export interface CellChange {
  row: string;
  field: string;
  value: number | string | boolean | null;
  version: number | null;
}

export type CellProblemKind = "invalid" | "conflict" | "forbidden" | "not_found";

/** What someone else saved in a record since the grid loaded it. */
export interface TheirChange {
  value: number | string | boolean | null;
  /** Who changed it last (a person's name), when known. */
  by: string | null;
  /** ISO timestamp of their change, when known. */
  at: string | null;
  /** Null: they deleted the record (an edit of it is then sent as a new record). */
  version: number | null;
}

export interface CellProblem {
  row: string;
  field: string;
  kind: CellProblemKind;
  /** Spanish, names the field and the problem: "Valor: debe ser un número". */
  message: string;
  /** For conflicts: the value that is in the database now, and who put it there. */
  theirs?: TheirChange;
}

/** The record as it is after a successful save: the grid refreshes versions and derived fields. */
export interface SavedRecord {
  row: string;
  /** Null: the save removed the record (a target cleared): the next edit creates it again. */
  version: number | null;
  /** Fields the server derived or normalised (e.g. the computed value of a ratio, the state). */
  fields: Record<string, number | string | boolean | null>;
}

export type BatchResult = { ok: true; saved: number; records: SavedRecord[] } | { ok: false; problems: CellProblem[] };

export const MAX_BATCH_CELLS = 10_000;

export const batchRequestSchema = z.object({
  changes: z
    .array(
      z.object({
        row: z.string().trim().min(1, "falta la fila").max(100, "fila no válida"),
        field: z.string().trim().min(1, "falta el campo").max(60, "campo no válido"),
        value: z.union([z.number().finite(), z.string().max(4000, "no puede superar 4.000 caracteres"), z.boolean(), z.null()]),
        version: z.number().int().positive().nullable(),
      }),
    )
    .min(1, "no hay cambios que guardar")
    .max(MAX_BATCH_CELLS, `no se pueden guardar más de ${MAX_BATCH_CELLS.toLocaleString("es-CL")} celdas a la vez`),
});

export type BatchRequest = z.infer<typeof batchRequestSchema>;

export const cellKey = (row: string, field: string) => `${row}|${field}`;

const MAX_RECORD_ID = 2_147_483_647;

/** A record id inside a row key ("57", the "12" of "12:340"): a positive PostgreSQL integer, else null. */
export function parseRecordId(text: string | undefined): number | null {
  if (text == null || !/^[1-9]\d{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= MAX_RECORD_ID ? id : null;
}

/** Groups a batch's cells by record, keeping the order in which records first appear. */
export function changesByRow(changes: readonly CellChange[]): Map<string, CellChange[]> {
  const byRow = new Map<string, CellChange[]>();
  for (const change of changes) {
    const list = byRow.get(change.row);
    if (list) list.push(change);
    else byRow.set(change.row, [change]);
  }
  return byRow;
}
