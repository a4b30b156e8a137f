import type { ImportFacts, ObjectiveWrite } from "../../../db/queries/import";
import { diffFields, round, type FieldDiff } from "../../domain/import-diff";
import { objectiveSnapshot } from "./audit-snapshots.server";
import type { ImportPlanner } from "./planner.server";
import type { ImportAction } from "./types";

/** The Objetivos sheet: each row's pillar and unit resolved, then created, changed or left as is. */
export function planObjectives(planner: ImportPlanner) {
  const fields: FieldDiff<ObjectiveWrite, ImportFacts["objectives"][number]>[] = [
    { label: "Pilar", next: (row) => row.pillar_id, before: (fact) => fact.pillar_id, show: (id) => `«${planner.pillarNames.get(id as number) ?? ""}»` },
    { label: "Título", next: (row) => row.title, before: (fact) => fact.title },
    { label: "Descripción", next: (row) => row.description, before: (fact) => fact.description },
    { label: "Ponderación", next: (row) => row.weight, before: (fact) => fact.weight },
    { label: "Unidad responsable", next: (row) => row.owner_unit_id, before: (fact) => fact.owner_unit_id, show: planner.unitName },
  ];
  for (const row of planner.input.objectives) {
    const existing = planner.objectiveFacts.get(row.code);
    if (existing?.archived) {
      // An archived objective is out of the scorecard: changing it here would change nothing anyone sees.
      planner.issue("objectives", row.row, "code", `el objetivo ${row.code} está archivado; restáurelo en el plan antes de importarlo`);
      continue;
    }
    const pillar = planner.pillarOf(row.pillar);
    if (!pillar.ok) planner.issue("objectives", row.row, "pillar", `«${row.pillar}» ${pillar.message}`);
    const ownerUnitId = row.ownerUnit == null ? null : planner.unitId("objectives", row.row, "ownerUnit", row.ownerUnit, existing?.owner_unit_id);
    if (!pillar.ok || (row.ownerUnit != null && ownerUnitId == null)) continue;
    const next: ObjectiveWrite = {
      code: row.code,
      pillar_id: pillar.item.id,
      title: row.title,
      description: row.description,
      weight: round(row.weight, 3)!,
      owner_unit_id: ownerUnitId,
    };
    const changes = existing ? diffFields(fields, next, existing) : [];
    const action: ImportAction = !existing ? "crear" : changes.length > 0 ? "modificar" : "sin cambios";
    planner.record("objectives", row.row, row.code, action, changes);
    if (action === "sin cambios") continue;
    planner.writes.objectives.push(next);
    planner.audits.push({
      entityType: "objective",
      code: row.code,
      before: existing ? objectiveSnapshot(existing) : null,
      after: objectiveSnapshot(next),
    });
  }
}
