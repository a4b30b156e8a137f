import type { IndicatorFact, IndicatorWrite } from "../../../db/queries/import";
import { diffFields, round, type FieldDiff } from "../../domain/import-diff";
import {
  AGGREGATION_CHOICES,
  DIRECTION_CHOICES,
  KIND_CHOICES,
  PERIODICITY_CHOICES,
  SCORING_METHOD_CHOICES,
  type IndicatorRow,
} from "../../domain/import-sheets";
import { indicatorSnapshot } from "./audit-snapshots.server";
import type { ImportPlanner } from "./planner.server";
import type { ImportAction } from "./types";

interface PlannedIndicator {
  row: IndicatorRow;
  next: IndicatorWrite;
  existing: IndicatorFact | undefined;
}

/**
 * The Indicadores sheet: objective, unit and periodicity checked, the objectives' weights checked
 * as the import leaves them, then each row created, changed or left as is. Also records what each
 * indicator will be after the import, for the Metas and Mediciones rows.
 */
export function planIndicators(planner: ImportPlanner) {
  const fileObjectives = new Set(planner.input.objectives.map((row) => row.code));
  const choice = <T extends string>(labels: Record<T, string>) => (value: unknown) => (value == null ? "vacío" : labels[value as T] ?? String(value));
  const fields: FieldDiff<IndicatorWrite, IndicatorFact>[] = [
    { label: "Objetivo", next: (row) => row.objective_code, before: (fact) => fact.objective_code },
    { label: "Nombre", next: (row) => row.name, before: (fact) => fact.name },
    { label: "Tipo", next: (row) => row.kind, before: (fact) => fact.kind, show: choice(KIND_CHOICES) },
    { label: "Descripción del numerador", next: (row) => row.numerator_label, before: (fact) => fact.numerator_label },
    { label: "Descripción del denominador", next: (row) => row.denominator_label, before: (fact) => fact.denominator_label },
    { label: "Factor", next: (row) => row.factor, before: (fact) => fact.factor },
    { label: "Unidad de medida", next: (row) => row.unit_of_measure, before: (fact) => fact.unit_of_measure },
    { label: "Sentido", next: (row) => row.direction, before: (fact) => fact.direction, show: choice(DIRECTION_CHOICES) },
    { label: "Periodicidad", next: (row) => row.periodicity, before: (fact) => fact.periodicity, show: choice(PERIODICITY_CHOICES) },
    { label: "Agregación", next: (row) => row.aggregation, before: (fact) => fact.aggregation, show: choice(AGGREGATION_CHOICES) },
    { label: "Cálculo del cumplimiento", next: (row) => row.scoring_method, before: (fact) => fact.scoring_method, show: choice(SCORING_METHOD_CHOICES) },
    { label: "Línea base", next: (row) => row.baseline_value, before: (fact) => fact.baseline_value },
    { label: "Año línea base", next: (row) => row.baseline_year, before: (fact) => fact.baseline_year },
    { label: "Ponderación", next: (row) => row.weight, before: (fact) => fact.weight },
    { label: "Unidad responsable", next: (row) => row.responsible_unit_id, before: (fact) => fact.responsible_unit_id, show: planner.unitName },
    { label: "Desagregado por sexo", next: (row) => row.sex_disaggregated, before: (fact) => fact.sex_disaggregated },
    { label: "Publicado", next: (row) => row.is_published, before: (fact) => fact.is_published },
    { label: "Descripción", next: (row) => row.description, before: (fact) => fact.description },
    { label: "Fórmula de cálculo", next: (row) => row.formula, before: (fact) => fact.formula },
    { label: "Fuente de datos", next: (row) => row.data_source, before: (fact) => fact.data_source },
    { label: "Medio de verificación", next: (row) => row.verification_means, before: (fact) => fact.verification_means },
  ];
  for (const code of planner.declared.indicators) planner.indicatorStates.set(code, null);
  const planned: PlannedIndicator[] = [];
  for (const row of planner.input.indicators) {
    const existing = planner.indicatorFacts.get(row.code);
    let valid = true;
    if (existing?.archived) {
      valid = false;
      planner.issue("indicators", row.row, "code", `el indicador ${row.code} está archivado; restáurelo antes de importarlo`);
    }
    if (planner.objectiveFacts.get(row.objective)?.archived) {
      valid = false;
      planner.issue("indicators", row.row, "objective", `el objetivo ${row.objective} está archivado`);
    }
    if (!fileObjectives.has(row.objective) && !planner.objectiveFacts.has(row.objective)) {
      valid = false;
      if (!planner.declared.objectives.has(row.objective)) {
        planner.issue("indicators", row.row, "objective", `«${row.objective}» no es un objetivo de este plan ni está en la hoja Objetivos`);
      }
    }
    const unitId = planner.unitId("indicators", row.row, "responsibleUnit", row.responsibleUnit, existing?.responsible_unit_id);
    if (unitId == null) valid = false;
    if (existing && existing.periodicity !== row.periodicity && existing.target_count + existing.measurement_count > 0) {
      valid = false;
      planner.issue(
        "indicators",
        row.row,
        "periodicity",
        `no se puede cambiar porque el indicador ${row.code} ya tiene metas o mediciones (${existing.target_count + existing.measurement_count})`,
      );
    }
    if (!valid) continue;
    const next: IndicatorWrite = {
      code: row.code,
      objective_code: row.objective,
      name: row.name,
      description: row.description,
      formula: row.formula,
      kind: row.kind,
      numerator_label: row.numeratorLabel,
      denominator_label: row.denominatorLabel,
      factor: round(row.factor, 4)!,
      unit_of_measure: row.unitOfMeasure,
      direction: row.direction,
      periodicity: row.periodicity,
      aggregation: row.aggregation,
      scoring_method: row.scoringMethod,
      baseline_value: round(row.baselineValue, 4),
      baseline_year: row.baselineYear,
      weight: round(row.weight, 3)!,
      responsible_unit_id: unitId!,
      data_source: row.dataSource,
      verification_means: row.verificationMeans,
      sex_disaggregated: row.sexDisaggregated,
      is_published: row.isPublished,
    };
    planned.push({ row, next, existing });
    planner.indicatorStates.set(row.code, {
      code: row.code,
      kind: next.kind,
      factor: next.factor,
      periodicity: next.periodicity,
      sexDisaggregated: next.sex_disaggregated,
      responsibleUnitId: next.responsible_unit_id,
      archived: existing?.archived ?? false,
    });
  }
  const weightProblems = objectiveWeightProblems(planner, planned);
  for (const { row, next, existing } of planned) {
    if (weightProblems.has(row.row)) continue;
    const changes = existing ? diffFields(fields, next, existing) : [];
    const action: ImportAction = !existing ? "crear" : changes.length > 0 ? "modificar" : "sin cambios";
    planner.record("indicators", row.row, row.code, action, changes);
    if (action === "sin cambios") continue;
    planner.writes.indicators.push(next);
    planner.audits.push({ entityType: "indicator", code: row.code, before: existing ? indicatorSnapshot(existing) : null, after: indicatorSnapshot(next) });
  }
}

/**
 * The scorecard needs each objective to keep at least one live indicator weighing more than 0:
 * the objectives the file's indicators go to or leave are checked as the import leaves them.
 * Answers the rows that got a problem.
 */
function objectiveWeightProblems(planner: ImportPlanner, planned: readonly PlannedIndicator[]): Set<number> {
  const totals = new Map(planner.facts.objective_weights.map((entry) => [entry.objective_code, { weight: entry.weight, live: entry.live }]));
  const touched = new Set<string>();
  for (const { next, existing } of planned) {
    touched.add(next.objective_code);
    if (existing) touched.add(existing.objective_code);
    if (existing?.archived) continue;
    const total = totals.get(next.objective_code) ?? { weight: 0, live: 0 };
    totals.set(next.objective_code, { weight: total.weight + next.weight, live: total.live + 1 });
  }
  const rows = new Set<number>();
  for (const code of touched) {
    const total = totals.get(code);
    if (!total || total.live === 0 || total.weight > 0) continue;
    for (const { row, next, existing } of planned) {
      if (next.objective_code === code) {
        planner.issue("indicators", row.row, "weight", `al menos un indicador vigente del objetivo ${code} debe pesar más que 0`);
        rows.add(row.row);
      } else if (existing?.objective_code === code) {
        planner.issue("indicators", row.row, "objective", `sin este indicador, los que quedan en el objetivo ${code} pesarían 0`);
        rows.add(row.row);
      }
    }
  }
  return rows;
}
