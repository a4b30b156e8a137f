import { Form, Link } from "@remix-run/react";
import type { ReactNode, SelectHTMLAttributes } from "react";
import { CheckboxField, CheckboxGroup, NumberField, SelectField, TextAreaField, TextField } from "~/components/fields";
import {
  AGGREGATION_LABELS,
  AGGREGATIONS,
  DIRECTION_LABELS,
  DIRECTIONS,
  INDICATOR_KINDS,
  KIND_LABELS,
  PERIODICITIES,
  PERIODICITY_LABELS,
  SCORING_METHOD_LABELS,
  SCORING_METHODS,
  type IndicatorFormValues,
} from "~/domain/schemas/indicators";
import { issueFor, type FieldIssue } from "~/domain/validation";

export interface ObjectiveChoice {
  id: number;
  code: string;
  title: string;
  pillar_id: number;
  pillar_name?: string;
  archived: boolean;
}

/** A select with the objectives grouped by pillar (one <optgroup> each). */
export function ObjectiveSelect(
  props: {
    name: string;
    label: string;
    objectives: readonly ObjectiveChoice[];
    pillars?: readonly { id: number; name: string }[];
    placeholder?: string;
    error?: string;
    hint?: ReactNode;
  } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id">
) {
  const { name, label, objectives, pillars, placeholder, error, hint, ...select } = props;
  const groups = new Map<number, { name: string; items: ObjectiveChoice[] }>();
  for (const objective of objectives) {
    const group = groups.get(objective.pillar_id) ?? {
      name: objective.pillar_name ?? pillars?.find((pillar) => pillar.id === objective.pillar_id)?.name ?? "Pilar",
      items: [],
    };
    group.items.push(objective);
    groups.set(objective.pillar_id, group);
  }
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <select
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...select}
      >
        {placeholder != null ? <option value="">{placeholder}</option> : null}
        {[...groups.entries()].map(([pillarId, group]) => (
          <optgroup key={pillarId} label={group.name}>
            {group.items.map((objective) => (
              <option key={objective.id} value={objective.id}>
                {objective.code} · {objective.title}
                {objective.archived ? " (archivado)" : ""}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const choicesOf = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

/**
 * Every field of an indicator's definition, grouped as a planner thinks of them. Works without
 * JavaScript: fields that only apply to ratio indicators or to baseline scoring say so in
 * their hint, and the server checks them.
 */
export function IndicatorForm(props: {
  values: IndicatorFormValues;
  issues?: readonly FieldIssue[];
  objectives: readonly ObjectiveChoice[];
  units: readonly { id: number; name: string; is_active: boolean }[];
  axes: readonly { id: number; name: string }[];
  submitLabel: string;
  busy: boolean;
  cancelTo: string;
  /** Why the periodicity can no longer change (the indicator has targets or measurements). */
  periodicityLocked?: string;
}) {
  const { values, issues } = props;
  const error = (field: string) => issueFor(issues, field);
  const axisError = issues?.find((issue) => issue.field === "axisIds" || issue.field.startsWith("axisIds."))?.message;
  return (
    <Form method="post" className="form indicator-form" noValidate>
      <input type="hidden" name="intent" value="save" />
      <fieldset className="form-section">
        <legend>Identificación</legend>
        <div className="form-grid">
          <TextField
            name="code"
            label="Código"
            hint="Único en el plan; letras, números, puntos y guiones (ej. M1.4)."
            defaultValue={values.code}
            error={error("code")}
            maxLength={40}
            autoComplete="off"
          />
          <TextField
            name="name"
            label="Nombre"
            defaultValue={values.name}
            error={error("name")}
            className="field--full"
            maxLength={300}
          />
          <ObjectiveSelect
            name="objectiveId"
            label="Objetivo estratégico"
            objectives={props.objectives}
            placeholder="Elija un objetivo…"
            defaultValue={values.objectiveId}
            error={error("objectiveId")}
          />
          <SelectField
            name="responsibleUnitId"
            label="Unidad responsable"
            placeholder="Elija una unidad…"
            choices={props.units.map((unit) => ({
              value: unit.id,
              label: unit.is_active ? unit.name : `${unit.name} (inactiva)`,
            }))}
            defaultValue={values.responsibleUnitId}
            error={error("responsibleUnitId")}
          />
          <TextAreaField
            name="description"
            label="Descripción"
            defaultValue={values.description}
            error={error("description")}
            className="field--full"
            rows={3}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Medición</legend>
        <div className="form-grid">
          <SelectField
            name="kind"
            label="Tipo de indicador"
            choices={choicesOf(INDICATOR_KINDS, KIND_LABELS)}
            defaultValue={values.kind}
            error={error("kind")}
          />
          <TextField
            name="numeratorLabel"
            label="Numerador"
            hint="Obligatorio en un indicador de razón."
            defaultValue={values.numeratorLabel}
            error={error("numeratorLabel")}
          />
          <TextField
            name="denominatorLabel"
            label="Denominador"
            hint="Obligatorio en un indicador de razón."
            defaultValue={values.denominatorLabel}
            error={error("denominatorLabel")}
          />
          <NumberField
            name="factor"
            label="Factor"
            hint="Multiplica numerador / denominador (100 para porcentajes). Mayor que 0."
            defaultValue={values.factor}
            error={error("factor")}
          />
          <TextField
            name="unitOfMeasure"
            label="Unidad de medida"
            hint="Por ejemplo %, personas, días."
            defaultValue={values.unitOfMeasure}
            error={error("unitOfMeasure")}
            maxLength={40}
          />
          <TextAreaField
            name="formula"
            label="Fórmula de cálculo"
            defaultValue={values.formula}
            error={error("formula")}
            className="field--full"
            rows={2}
          />
          <SelectField
            name="direction"
            label="Sentido esperado"
            choices={choicesOf(DIRECTIONS, DIRECTION_LABELS)}
            defaultValue={values.direction}
            error={error("direction")}
          />
          <SelectField
            name="periodicity"
            label="Periodicidad"
            choices={choicesOf(PERIODICITIES, PERIODICITY_LABELS)}
            defaultValue={values.periodicity}
            error={error("periodicity")}
            disabled={Boolean(props.periodicityLocked)}
            hint={props.periodicityLocked}
          />
          <SelectField
            name="aggregation"
            label="Agregación anual"
            hint="Cómo se obtiene el valor y la meta del año a partir de los periodos."
            choices={choicesOf(AGGREGATIONS, AGGREGATION_LABELS)}
            defaultValue={values.aggregation}
            error={error("aggregation")}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Cumplimiento y línea base</legend>
        <div className="form-grid">
          <SelectField
            name="scoringMethod"
            label="Cálculo del cumplimiento"
            choices={choicesOf(SCORING_METHODS, SCORING_METHOD_LABELS)}
            defaultValue={values.scoringMethod}
            error={error("scoringMethod")}
            className="field--full"
          />
          <NumberField
            name="baselineValue"
            label="Línea base"
            hint="Obligatoria si el cumplimiento se calcula desde la línea base."
            defaultValue={values.baselineValue}
            error={error("baselineValue")}
          />
          <NumberField
            name="baselineYear"
            label="Año de la línea base"
            inputMode="numeric"
            defaultValue={values.baselineYear}
            error={error("baselineYear")}
          />
          <NumberField
            name="weight"
            label="Ponderación"
            hint="Peso dentro del objetivo (0 o más); al menos un indicador del objetivo debe pesar más que 0."
            defaultValue={values.weight}
            error={error("weight")}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Fuentes, ejes y publicación</legend>
        <div className="form-grid">
          <TextAreaField
            name="dataSource"
            label="Fuente de datos"
            defaultValue={values.dataSource}
            error={error("dataSource")}
            rows={2}
          />
          <TextAreaField
            name="verificationMeans"
            label="Medio de verificación"
            defaultValue={values.verificationMeans}
            error={error("verificationMeans")}
            rows={2}
          />
        </div>
        <CheckboxGroup
          name="axisIds"
          legend="Ejes transversales"
          choices={props.axes.map((axis) => ({ value: axis.id, label: axis.name }))}
          defaultValues={values.axisIds}
          error={axisError}
        />
        <CheckboxField
          name="sexDisaggregated"
          label="Desagregado por sexo"
          hint="Las mediciones registran también el valor de mujeres y de hombres."
          defaultChecked={values.sexDisaggregated}
          error={error("sexDisaggregated")}
        />
        <CheckboxField
          name="isPublished"
          label="Publicado en transparencia"
          hint="Aparece en el portal público y en los datos abiertos."
          defaultChecked={values.isPublished}
          error={error("isPublished")}
        />
      </fieldset>

      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={props.busy}>
          {props.busy ? "Guardando…" : props.submitLabel}
        </button>
        <Link to={props.cancelTo} className="button">
          Cancelar
        </Link>
      </div>
    </Form>
  );
}

/** Reads the indicator form from a request: every field, unchecked boxes as false. */
export function readIndicatorForm(form: FormData) {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const input: Record<string, unknown> = {};
  for (const name of [
    "code",
    "name",
    "description",
    "formula",
    "objectiveId",
    "kind",
    "numeratorLabel",
    "denominatorLabel",
    "factor",
    "unitOfMeasure",
    "direction",
    "periodicity",
    "aggregation",
    "scoringMethod",
    "baselineValue",
    "baselineYear",
    "weight",
    "responsibleUnitId",
    "dataSource",
    "verificationMeans",
  ]) {
    // A field the form did not send (a disabled select) keeps its stored value.
    const value = text(name);
    if (value !== undefined) input[name] = value;
  }
  input.axisIds = form.getAll("axisIds").filter((value): value is string => typeof value === "string");
  input.sexDisaggregated = form.get("sexDisaggregated") === "on";
  input.isPublished = form.get("isPublished") === "on";
  return input;
}

/** What the form shows again after a refused save: exactly what the person typed. */
export function formValuesFrom(input: Record<string, unknown>, fallback: IndicatorFormValues): IndicatorFormValues {
  const text = (key: keyof IndicatorFormValues) =>
    typeof input[key] === "string" ? (input[key] as string) : (fallback[key] as string);
  return {
    code: text("code"),
    name: text("name"),
    description: text("description"),
    formula: text("formula"),
    objectiveId: text("objectiveId"),
    kind: text("kind"),
    numeratorLabel: text("numeratorLabel"),
    denominatorLabel: text("denominatorLabel"),
    factor: text("factor"),
    unitOfMeasure: text("unitOfMeasure"),
    direction: text("direction"),
    periodicity: text("periodicity"),
    aggregation: text("aggregation"),
    scoringMethod: text("scoringMethod"),
    baselineValue: text("baselineValue"),
    baselineYear: text("baselineYear"),
    weight: text("weight"),
    responsibleUnitId: text("responsibleUnitId"),
    dataSource: text("dataSource"),
    verificationMeans: text("verificationMeans"),
    axisIds: Array.isArray(input.axisIds) ? (input.axisIds as string[]) : fallback.axisIds,
    sexDisaggregated: typeof input.sexDisaggregated === "boolean" ? input.sexDisaggregated : fallback.sexDisaggregated,
    isPublished: typeof input.isPublished === "boolean" ? input.isPublished : fallback.isPublished,
  };
}
