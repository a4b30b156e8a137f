import { findMeasurementFacts, upsertMeasurement } from "../../db/queries/reporting";
import { decideMeasurementWrite } from "../domain/permissions";
import { MEASUREMENT_FIELD_LABELS, measurementInputSchema } from "../domain/schemas/reporting";
import { fitsStoredNumber, ratioValue, toStoredDecimal } from "../domain/schemas/reporting-grid";
import { parseInput } from "../domain/validation";
import { recordAudit } from "./audit.server";
import { assertAllowed, type ServiceContext } from "./context.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors";

/**
 * Reports one indicator value for one period, as a draft. Checks role, unit and period on the
 * server, refuses to change an existing value without its current version (someone else changed
 * it since it was read, or it was never read), and writes the
 * change and its audit event in one transaction.
 */
export async function saveMeasurement(ctx: ServiceContext, input: unknown) {
  const parsed = parseInput(measurementInputSchema, input, MEASUREMENT_FIELD_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const data = parsed.data;

  return ctx.db.transaction().execute(async (trx) => {
    const facts = await findMeasurementFacts(trx, data.indicatorId, data.periodId);
    if (!facts || facts.archived_at) throw new NotFoundError("El indicador o el periodo no existe en este plan.");
    if (facts.indicator_periodicity !== facts.period_periodicity) {
      throw new ValidationError([
        { field: "periodId", message: `Periodo: ${facts.period_key} no corresponde a la periodicidad del indicador` },
      ]);
    }
    assertAllowed(
      decideMeasurementWrite(
        ctx.actor,
        { responsibleUnitId: facts.responsible_unit_id },
        { status: facts.period_status, key: facts.period_key },
        facts.state,
      ),
    );
    // A value already reported is changed only by someone who saw it: the version they read
    // must be the current one (none sent means they never saw it).
    if (facts.version != null && data.version !== facts.version) {
      throw new ConflictError(`Otra persona modificó la medición de ${facts.indicator_code} en ${facts.period_key}; recargue y vuelva a ingresarla.`);
    }

    let value = toStoredDecimal(data.value);
    if (facts.kind === "ratio") {
      if (data.numerator == null || data.denominator == null) {
        throw new ValidationError([
          { field: data.numerator == null ? "numerator" : "denominator", message: "Numerador y denominador: ambos son obligatorios en un indicador de razón" },
        ]);
      }
      // Denominator 0: the value is undefined and stays empty; scoring flags it.
      value = ratioValue(data.numerator, data.denominator, facts.factor);
      if (!fitsStoredNumber(value)) {
        throw new ValidationError([{ field: "numerator", message: "Valor: el cálculo (numerador / denominador × factor) da un número demasiado grande" }]);
      }
    } else if (value == null) {
      throw new ValidationError([{ field: "value", message: "Valor: es obligatorio" }]);
    }

    const before = facts.measurement_id
      ? { numerator: facts.numerator, denominator: facts.denominator, value: facts.value, value_women: facts.value_women, value_men: facts.value_men, comment: facts.comment, evidence_url: facts.evidence_url, state: facts.state, version: facts.version }
      : null;
    const write = {
      indicatorId: data.indicatorId,
      periodId: data.periodId,
      numerator: facts.kind === "ratio" ? data.numerator : null,
      denominator: facts.kind === "ratio" ? data.denominator : null,
      value,
      valueWomen: facts.sex_disaggregated ? data.valueWomen : null,
      valueMen: facts.sex_disaggregated ? data.valueMen : null,
      comment: data.comment,
      evidenceUrl: data.evidenceUrl,
      reportedBy: ctx.actor.id,
    };
    const version = await upsertMeasurement(trx, { ...write, expectedVersion: facts.version });
    if (version == null) {
      throw new ConflictError(`Otra persona modificó la medición de ${facts.indicator_code} en ${facts.period_key}; recargue y vuelva a ingresarla.`);
    }
    await recordAudit(trx, ctx, {
      action: facts.period_status === "closed" ? "measurement.save_closed_period" : "measurement.save",
      entityType: "measurement",
      entityId: `${data.indicatorId}:${data.periodId}`,
      before,
      after: { ...write, state: "draft", version },
    });
    return { version, value };
  });
}
