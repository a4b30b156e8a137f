import type { ImportFacts, IndicatorFact, IndicatorWrite, ObjectiveWrite } from "../../../db/queries/import";

/** The before and after of each imported record as its audit event keeps them. */

export function objectiveSnapshot(objective: Omit<ObjectiveWrite, "code"> & { code: string }) {
  return {
    code: objective.code,
    pillar_id: objective.pillar_id,
    title: objective.title,
    description: objective.description,
    weight: objective.weight,
    owner_unit_id: objective.owner_unit_id,
  };
}

export function indicatorSnapshot(indicator: IndicatorWrite | IndicatorFact): Record<string, unknown> {
  const { code, objective_code, name, kind, factor, unit_of_measure, direction, periodicity, aggregation, scoring_method } = indicator;
  return {
    code,
    objective_code,
    name,
    description: indicator.description,
    formula: indicator.formula,
    kind,
    numerator_label: indicator.numerator_label,
    denominator_label: indicator.denominator_label,
    factor,
    unit_of_measure,
    direction,
    periodicity,
    aggregation,
    scoring_method,
    baseline_value: indicator.baseline_value,
    baseline_year: indicator.baseline_year,
    weight: indicator.weight,
    responsible_unit_id: indicator.responsible_unit_id,
    data_source: indicator.data_source,
    verification_means: indicator.verification_means,
    sex_disaggregated: indicator.sex_disaggregated,
    is_published: indicator.is_published,
  };
}

export function measurementValues(measurement: ImportFacts["measurements"][number]) {
  return {
    value: measurement.value,
    numerator: measurement.numerator,
    denominator: measurement.denominator,
    value_women: measurement.value_women,
    value_men: measurement.value_men,
    comment: measurement.comment,
    evidence_url: measurement.evidence_url,
  };
}
