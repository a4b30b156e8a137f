import { indicatorColumns } from "./indicator-columns";
import type { GridColumn } from "~/components/grid/types";
import { MEASUREMENT_STATE_LABELS } from "~/domain/schemas/indicators";
import {
  checkReportingCell,
  fieldRefusal,
  REPORTING_FIELD_LABELS,
  type ReportingField,
  type ReportingGridPeriod,
  type ReportingGridRow,
} from "~/domain/schemas/reporting-grid";

const NO_SLOT = "Este indicador no se reporta en este periodo";

/** One editable measurement field of one period. */
function fieldColumn(
  period: ReportingGridPeriod,
  field: ReportingField,
  kind: "number" | "text",
  width: number
): GridColumn<ReportingGridRow> {
  return {
    id: `${period.id}.${field}`,
    header: REPORTING_FIELD_LABELS[field],
    group: period.label,
    kind,
    width,
    decimals: kind === "number" ? 2 : undefined,
    value: (row) => row.cells[period.id]?.[field] ?? null,
    cell: (row) => {
      const cell = row.cells[period.id];
      return cell ? { row: cell.row, field, version: cell.version ?? null } : null;
    },
    editable: (row) => {
      const cell = row.cells[period.id];
      if (!cell) return NO_SLOT;
      if (!cell.editable) return cell.reason ?? "No puede modificar este valor";
      return fieldRefusal(field, row) ?? true;
    },
    validate: (value) => {
      const check = checkReportingCell(field, value);
      return check.ok ? null : check.message;
    },
  };
}

/**
 * The reporting grid's columns: the indicator, then per period its target, the value (or
 * numerator and denominator, and women/men where the view has such indicators), state, comment
 * and evidence link. Columns a view does not need (no ratio indicator, none disaggregated) are left out.
 */
export function reportingColumns(
  periods: readonly ReportingGridPeriod[],
  rows: readonly ReportingGridRow[]
): GridColumn<ReportingGridRow>[] {
  const anyRatio = rows.some((row) => row.kind === "ratio");
  const anyValue = rows.some((row) => row.kind === "value");
  const anyBySex = rows.some((row) => row.sexDisaggregated);
  const columns: GridColumn<ReportingGridRow>[] = [
    ...indicatorColumns<ReportingGridRow>({ code: 110, name: 280 }),
    {
      id: "unit",
      header: "Unidad",
      kind: "text",
      width: 160,
      value: (row) => row.unitName,
    },
    {
      id: "measure",
      header: "Unidad de medida",
      kind: "text",
      width: 120,
      value: (row) => row.unitOfMeasure,
    },
  ];
  for (const period of periods) {
    columns.push({
      id: `${period.id}.target`,
      header: "Meta",
      group: period.label,
      kind: "number",
      width: 95,
      decimals: 2,
      value: (row) => row.cells[period.id]?.target ?? null,
    });
    if (anyValue || anyRatio) columns.push(fieldColumn(period, "value", "number", 105));
    if (anyRatio) {
      columns.push(fieldColumn(period, "numerator", "number", 115));
      columns.push(fieldColumn(period, "denominator", "number", 120));
    }
    if (anyBySex) {
      columns.push(fieldColumn(period, "valueWomen", "number", 105));
      columns.push(fieldColumn(period, "valueMen", "number", 105));
    }
    columns.push({
      id: `${period.id}.state`,
      header: "Estado",
      group: period.label,
      kind: "text",
      width: 150,
      value: (row) => {
        const cell = row.cells[period.id];
        if (!cell?.state) return cell ? "Sin reportar" : null;
        const label = MEASUREMENT_STATE_LABELS[cell.state];
        return cell.state === "returned" && cell.reviewNote ? `${label}: ${cell.reviewNote}` : label;
      },
    });
    columns.push(fieldColumn(period, "comment", "text", 200));
    columns.push(fieldColumn(period, "evidenceUrl", "text", 200));
  }
  return columns;
}
