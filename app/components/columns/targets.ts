import { indicatorColumns } from "./indicator-columns";
import type { GridColumn } from "~/components/grid/types";
import {
  checkCell,
  indicatorRowKey,
  indicatorWeightCellSchema,
  responsibleUnitCellSchema,
  TARGETS_GRID_LABELS,
  targetValueCellSchema,
} from "~/domain/schemas/targets-grid";
import type { TargetsGridPayload, TargetsGridRow } from "~/services/targets-grid.server";

const messageOf = (check: { ok: boolean; message?: string }) => (check.ok ? null : check.message ?? null);

/**
 * The planning grid's columns: the indicator, its weight and responsible unit, then a target per
 * period of the year (only the periods of the indicator's periodicity take one).
 */
export function targetsColumns(
  payload: Pick<TargetsGridPayload, "periods" | "units" | "canEdit" | "reason">
): GridColumn<TargetsGridRow>[] {
  const planEdit = (): true | string => (payload.canEdit ? true : payload.reason ?? "Solo planificación puede modificar el plan");
  const columns: GridColumn<TargetsGridRow>[] = [
    ...indicatorColumns<TargetsGridRow>({ code: 110, name: 260 }),
    {
      id: "objective",
      header: "Objetivo",
      kind: "text",
      width: 95,
      value: (row) => row.objectiveCode,
    },
    {
      id: "weight",
      header: TARGETS_GRID_LABELS.weight,
      kind: "number",
      width: 120,
      decimals: 3,
      value: (row) => row.weight,
      cell: (row) => ({
        row: indicatorRowKey(row.indicatorId),
        field: "weight",
        version: row.version,
      }),
      editable: planEdit,
      validate: (value) => messageOf(checkCell(indicatorWeightCellSchema, value, TARGETS_GRID_LABELS.weight)),
    },
    {
      id: "unit",
      header: TARGETS_GRID_LABELS.responsibleUnitId,
      kind: "select",
      width: 220,
      options: payload.units.filter((unit) => unit.isActive).map((unit) => ({ value: unit.id, label: unit.name })),
      value: (row) => row.responsibleUnitId,
      cell: (row) => ({
        row: indicatorRowKey(row.indicatorId),
        field: "responsibleUnitId",
        version: row.version,
      }),
      editable: planEdit,
      validate: (value) => messageOf(checkCell(responsibleUnitCellSchema, value, TARGETS_GRID_LABELS.responsibleUnitId)),
    },
  ];
  for (const period of payload.periods) {
    columns.push({
      id: `target.${period.id}`,
      header: period.label,
      group: "Metas",
      kind: "number",
      width: 120,
      decimals: 2,
      value: (row) => row.targets[period.id]?.value ?? null,
      cell: (row) =>
        row.periodicity === period.periodicity
          ? {
              row: `${row.indicatorId}:${period.id}`,
              field: "value",
              version: row.targets[period.id]?.version ?? null,
            }
          : null,
      editable: (row) => {
        if (row.periodicity !== period.periodicity) return "El indicador no se mide con esta periodicidad";
        return period.editable ? true : period.reason ?? "No puede fijar metas de este periodo";
      },
      validate: (value) => messageOf(checkCell(targetValueCellSchema, value, TARGETS_GRID_LABELS.value)),
    });
  }
  return columns;
}
