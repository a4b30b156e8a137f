import type { GridColumn } from "~/components/grid/types";
import {
  MILESTONE_CELL_SCHEMAS,
  MILESTONE_GRID_LABELS,
  MILESTONE_STATE_LABELS,
  type MilestoneGridField,
} from "~/domain/schemas/milestones-grid";
import type { MilestonesGridRow } from "~/services/milestones-grid.server";

function check(field: MilestoneGridField, value: unknown): string | null {
  const result = MILESTONE_CELL_SCHEMAS[field].safeParse(value);
  return result.success ? null : `${MILESTONE_GRID_LABELS[field]}: ${result.error.issues[0]?.message ?? "no es válido"}`;
}

function editableColumn(
  field: MilestoneGridField,
  column: Omit<GridColumn<MilestonesGridRow>, "id" | "header" | "cell" | "editable" | "validate">,
  editable: (row: MilestonesGridRow) => true | string = (row) =>
    row.editable ? true : row.reason ?? "No puede modificar este hito"
): GridColumn<MilestonesGridRow> {
  return {
    ...column,
    id: field,
    header: MILESTONE_GRID_LABELS[field],
    cell: (row) => ({ row: row.row, field, version: row.version }),
    editable,
    validate: (value) => check(field, value),
  };
}

/** The milestones grid's columns: the commitment and the milestone, then what is reported. */
export const MILESTONE_COLUMNS: GridColumn<MilestonesGridRow>[] = [
  {
    id: "commitment",
    header: "Compromiso",
    kind: "text",
    width: 120,
    pinned: "left",
    value: (row) => row.commitmentCode,
  },
  {
    id: "title",
    header: "Hito",
    kind: "text",
    width: 280,
    pinned: "left",
    value: (row) => row.title,
  },
  {
    id: "unit",
    header: "Unidad",
    kind: "text",
    width: 180,
    value: (row) => row.unitName,
  },
  editableColumn("dueDate", { kind: "date", width: 130, value: (row) => row.dueDate }, (row) =>
    row.dueDateEditable ? true : row.dueDateReason ?? "No puede cambiar la fecha comprometida"
  ),
  {
    id: "overdue",
    header: "Atrasado",
    kind: "text",
    width: 110,
    value: (row) => (row.overdue ? "⚠ Atrasado" : "—"),
  },
  editableColumn("progress", {
    kind: "number",
    width: 110,
    decimals: 0,
    value: (row) => row.progress,
  }),
  editableColumn("state", {
    kind: "select",
    width: 140,
    options: Object.entries(MILESTONE_STATE_LABELS).map(([value, label]) => ({
      value,
      label,
    })),
    value: (row) => row.state,
  }),
  editableColumn("evidenceUrl", {
    kind: "text",
    width: 220,
    value: (row) => row.evidenceUrl,
  }),
  editableColumn("comment", {
    kind: "text",
    width: 240,
    value: (row) => row.comment,
  }),
];
