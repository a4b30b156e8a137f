import { countTemplateRows, loadTemplateData } from "../../../db/queries/import";
import { buildImportTemplate, type ImportTemplateRows } from "../../../exports/import-template";
import { MAX_IMPORT_ROWS } from "../../domain/import-sheets";
import { fileRefusal } from "./read-workbook.server";
import type { Executor } from "./types";

/**
 * `plantilla.xlsx` for a plan: empty, or `filled` with the plan's live objectives, indicators,
 * targets and measurements, ready to be edited and imported back.
 */
export async function buildTemplateFile(
  db: Executor,
  plan: { id: number; code: string; name: string },
  filled: boolean,
): Promise<{ fileName: string; bytes: Buffer }> {
  if (filled) {
    const rows = await countTemplateRows(db, plan.id);
    if (rows > MAX_IMPORT_ROWS) {
      throw fileRefusal(
        `El plan tiene ${rows.toLocaleString("es-CL")} filas de objetivos, indicadores, metas y mediciones; una plantilla con datos admite hasta ${MAX_IMPORT_ROWS.toLocaleString("es-CL")}. Descargue la plantilla vacía.`,
      );
    }
  }
  const data = await loadTemplateData(db, plan.id, { filled });
  const rows: ImportTemplateRows | undefined = filled
    ? {
        objectives: data.objectives.map(objectiveTemplateRow),
        indicators: data.indicators.map(indicatorTemplateRow),
        targets: data.targets.map((target) => ({ indicator: target.indicator_code, period: target.period_key, value: target.value })),
        measurements: data.measurements.map((measurement) => ({
          indicator: measurement.indicator_code,
          period: measurement.period_key,
          value: measurement.value,
          numerator: measurement.numerator,
          denominator: measurement.denominator,
          valueWomen: measurement.value_women,
          valueMen: measurement.value_men,
          comment: measurement.comment,
          evidenceUrl: measurement.evidence_url,
        })),
      }
    : undefined;
  const bytes = await buildImportTemplate({
    plan: { code: plan.code, name: plan.name },
    pillars: data.pillars,
    units: data.units,
    objectiveCodes: data.objectives.map((objective) => objective.code),
    indicatorCodes: data.indicators.map((indicator) => indicator.code),
    periodKeys: data.period_keys,
    rows,
  });
  return { fileName: `plantilla-${plan.code}${filled ? "-con-datos" : ""}.xlsx`, bytes };
}

type TemplateData = Awaited<ReturnType<typeof loadTemplateData>>;

/** A live objective as a row of the Objetivos sheet (also what the import bench writes). */
export function objectiveTemplateRow(objective: TemplateData["objectives"][number]): ImportTemplateRows["objectives"][number] {
  return {
    pillar: objective.pillar_name,
    code: objective.code,
    title: objective.title,
    description: objective.description,
    weight: objective.weight,
    ownerUnit: objective.owner_unit_name,
  };
}

/** A live indicator as a row of the Indicadores sheet. */
export function indicatorTemplateRow(indicator: TemplateData["indicators"][number]): ImportTemplateRows["indicators"][number] {
  return {
    objective: indicator.objective_code,
    code: indicator.code,
    name: indicator.name,
    description: indicator.description,
    formula: indicator.formula,
    kind: indicator.kind,
    numeratorLabel: indicator.numerator_label,
    denominatorLabel: indicator.denominator_label,
    factor: indicator.factor,
    unitOfMeasure: indicator.unit_of_measure,
    direction: indicator.direction,
    periodicity: indicator.periodicity,
    aggregation: indicator.aggregation,
    scoringMethod: indicator.scoring_method,
    baselineValue: indicator.baseline_value,
    baselineYear: indicator.baseline_year,
    weight: indicator.weight,
    responsibleUnit: indicator.responsible_unit_name,
    dataSource: indicator.data_source,
    verificationMeans: indicator.verification_means,
    sexDisaggregated: indicator.sex_disaggregated,
    isPublished: indicator.is_published,
  };
}
