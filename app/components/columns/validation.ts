import { indicatorColumns } from "./indicator-columns";
import type { GridColumn } from "~/components/grid/types";
import { formatPercent } from "~/domain/format";
import type { Status } from "~/domain/scoring";
import type { ValidationGridRow } from "~/services/validation-grid.server";
import { MEASUREMENT_STATE_LABELS } from "~/domain/schemas/indicators";

const STATUS_TEXT: Record<Status, string> = {
  green: "✓ Cumplido",
  yellow: "! En riesgo",
  red: "✕ No cumplido",
  none: "– Sin datos",
};

/** The validation grid: read-only; rows are chosen with their checkboxes and approved or returned. */
export const VALIDATION_COLUMNS: GridColumn<ValidationGridRow>[] = [
  ...indicatorColumns<ValidationGridRow>({ code: 140, name: 260 }),
  {
    id: "period",
    header: "Periodo",
    kind: "text",
    width: 140,
    value: (row) => row.periodLabel,
  },
  {
    id: "unit",
    header: "Unidad",
    kind: "text",
    width: 170,
    value: (row) => row.unitName,
  },
  {
    id: "target",
    header: "Meta",
    kind: "number",
    width: 100,
    decimals: 2,
    value: (row) => row.target,
  },
  {
    id: "value",
    header: "Valor",
    kind: "number",
    width: 100,
    decimals: 2,
    value: (row) => row.value,
  },
  {
    id: "numerator",
    header: "Numerador",
    kind: "number",
    width: 110,
    decimals: 2,
    value: (row) => row.numerator,
  },
  {
    id: "denominator",
    header: "Denominador",
    kind: "number",
    width: 120,
    decimals: 2,
    value: (row) => row.denominator,
  },
  {
    id: "compliance",
    header: "Cumplimiento",
    kind: "text",
    width: 125,
    value: (row) => (row.compliance == null ? "—" : formatPercent(row.compliance * 100)),
  },
  {
    id: "status",
    header: "Estado de la meta",
    kind: "text",
    width: 140,
    value: (row) => STATUS_TEXT[row.status],
  },
  {
    id: "evidence",
    header: "Medio de verificación",
    kind: "text",
    width: 220,
    value: (row) => row.evidenceUrl,
  },
  {
    id: "comment",
    header: "Comentario",
    kind: "text",
    width: 200,
    value: (row) => row.comment,
  },
  {
    id: "reportedBy",
    header: "Reportado por",
    kind: "text",
    width: 170,
    value: (row) => row.reportedBy,
  },
  {
    id: "state",
    header: "Validación",
    kind: "text",
    width: 120,
    value: (row) => MEASUREMENT_STATE_LABELS[row.state],
  },
  {
    id: "note",
    header: "Observación",
    kind: "text",
    width: 220,
    value: (row) => row.reviewNote,
  },
];
