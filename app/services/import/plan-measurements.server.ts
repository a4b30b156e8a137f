import type { ImportFacts, MeasurementWrite } from "../../../db/queries/import";
import type { MeasurementState } from "../../../db/schema";
import { diffFields, round, type FieldDiff } from "../../domain/import-diff";
import { slotKey } from "../../domain/import-references";
import { headerOf } from "../../domain/import-sheets";
import { decideMeasurementWrite } from "../../domain/permissions";
import { fieldRefusal, fitsStoredNumber, ratioValue } from "../../domain/schemas/reporting-grid";
import { measurementValues } from "./audit-snapshots.server";
import type { ImportPlanner } from "./planner.server";

const SENT: Record<Extract<MeasurementState, "submitted" | "approved">, string> = {
  submitted: "ya fue enviada a validación",
  approved: "ya fue aprobada",
};

/**
 * The Mediciones sheet: each measurement checked as the reporting grid checks it (a ratio's value
 * is computed), then written as a draft unless it was already sent or the period refuses it.
 */
export function planMeasurements(planner: ImportPlanner) {
  const existing = new Map(planner.facts.measurements.map((measurement) => [slotKey(measurement.indicator_code, measurement.period_key), measurement]));
  const fields: FieldDiff<MeasurementWrite, ImportFacts["measurements"][number]>[] = [
    { label: headerOf("measurements", "value"), next: (row) => row.value, before: (fact) => fact.value },
    { label: headerOf("measurements", "numerator"), next: (row) => row.numerator, before: (fact) => fact.numerator },
    { label: headerOf("measurements", "denominator"), next: (row) => row.denominator, before: (fact) => fact.denominator },
    { label: headerOf("measurements", "valueWomen"), next: (row) => row.value_women, before: (fact) => fact.value_women },
    { label: headerOf("measurements", "valueMen"), next: (row) => row.value_men, before: (fact) => fact.value_men },
    { label: headerOf("measurements", "comment"), next: (row) => row.comment, before: (fact) => fact.comment },
    { label: headerOf("measurements", "evidenceUrl"), next: (row) => row.evidence_url, before: (fact) => fact.evidence_url },
  ];
  for (const row of planner.input.measurements) {
    const slot = planner.slot("measurements", row);
    if (!slot) continue;
    const { indicator, period } = slot;
    const refusals: [string, string][] = [];
    const refuse = (field: "value" | "numerator" | "denominator" | "valueWomen" | "valueMen") => {
      const message = fieldRefusal(field, { kind: indicator.kind, sexDisaggregated: indicator.sexDisaggregated });
      if (message) refusals.push([field, message.slice(message.indexOf(": ") + 2)]);
    };
    let value = round(row.value, 4);
    if (indicator.kind === "ratio") {
      if (row.numerator == null) refusals.push(["numerator", "es obligatorio en un indicador de razón"]);
      if (row.denominator == null) refusals.push(["denominator", "es obligatorio en un indicador de razón"]);
      // The Valor column of a ratio is ignored: the value is computed as the grid does.
      value = row.numerator != null && row.denominator != null ? ratioValue(row.numerator, row.denominator, indicator.factor) : null;
      if (!fitsStoredNumber(value)) refusals.push(["numerator", "el cálculo (numerador / denominador × factor) da un número demasiado grande"]);
    } else {
      if (row.numerator != null) refuse("numerator");
      if (row.denominator != null) refuse("denominator");
      if (row.value == null) refusals.push(["value", "es obligatorio"]);
    }
    if (row.valueWomen != null) refuse("valueWomen");
    if (row.valueMen != null) refuse("valueMen");
    for (const [field, message] of refusals) planner.issue("measurements", row.row, field, message);
    if (refusals.length > 0) continue;

    const next: MeasurementWrite = {
      indicator_code: row.indicator,
      period_id: period.id,
      value,
      numerator: indicator.kind === "ratio" ? round(row.numerator, 4) : null,
      denominator: indicator.kind === "ratio" ? round(row.denominator, 4) : null,
      value_women: round(row.valueWomen, 4),
      value_men: round(row.valueMen, 4),
      comment: row.comment,
      evidence_url: row.evidenceUrl,
    };
    const before = existing.get(slotKey(row.indicator, row.period));
    const changes = before ? diffFields(fields, next, before) : [];
    const key = `${row.indicator} · ${row.period}`;
    if (before && changes.length === 0) {
      planner.record("measurements", row.row, key, "sin cambios", []);
      continue;
    }
    const column = before ? (fields.find((field) => changes[0].startsWith(`${field.label}:`))?.label ?? "Valor") : "Valor";
    const columnKey = (["value", "numerator", "denominator", "valueWomen", "valueMen", "comment", "evidenceUrl"] as const).find(
      (field) => headerOf("measurements", field) === column,
    )!;
    if (before && (before.state === "submitted" || before.state === "approved")) {
      planner.issue("measurements", row.row, columnKey, `la medición de ${row.indicator} en ${row.period} ${SENT[before.state]}; no se puede cambiar por importación`);
      continue;
    }
    const decision = decideMeasurementWrite(
      planner.ctx.actor,
      { responsibleUnitId: indicator.responsibleUnitId },
      { status: period.status, key: period.key },
      before?.state ?? null,
    );
    if (!decision.allowed) {
      planner.issue("measurements", row.row, columnKey, decision.reason);
      continue;
    }
    planner.record("measurements", row.row, key, before ? "modificar" : "crear", changes);
    planner.writes.measurements.push(next);
    const { indicator_code: _code, period_id: _period, ...values } = next;
    planner.audits.push({
      entityType: "measurement",
      code: row.indicator,
      periodId: period.id,
      before: before ? { ...measurementValues(before), state: before.state } : null,
      after: { ...values, state: "draft", period_key: period.key, period_status: period.status },
    });
  }
}
