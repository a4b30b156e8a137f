import type { GridColumn } from "~/components/grid/types";

/** The indicator's code and name, pinned at the left of every grid whose rows are indicators. */
export function indicatorColumns<Row extends { code: string; name: string }>(widths: { code: number; name: number }): GridColumn<Row>[] {
  return [
    { id: "code", header: "Código", kind: "text", width: widths.code, pinned: "left", value: (row) => row.code },
    { id: "name", header: "Indicador", kind: "text", width: widths.name, pinned: "left", value: (row) => row.name },
  ];
}
