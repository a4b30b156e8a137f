import { findTargetFacts, upsertTarget } from "../../db/queries/reporting";
import { decideTargetWrite } from "../domain/permissions";
import { TARGET_FIELD_LABELS, targetInputSchema } from "../domain/schemas/reporting";
import { parseInput } from "../domain/validation";
import { recordAudit } from "./audit.server";
import { assertAllowed, type ServiceContext } from "./context.server";
import { NotFoundError, ValidationError } from "./errors";

export async function setTarget(ctx: ServiceContext, input: unknown) {
  const parsed = parseInput(targetInputSchema, input, TARGET_FIELD_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const { indicatorId, periodId, value } = parsed.data;
  await ctx.db.transaction().execute(async (trx) => {
    const facts = await findTargetFacts(trx, indicatorId, periodId);
    if (!facts) throw new NotFoundError("El indicador o el periodo no existe en este plan.");
    assertAllowed(decideTargetWrite(ctx.actor, { status: facts.period_status, key: facts.period_key }));
    if (facts.indicator_periodicity !== facts.period_periodicity) {
      throw new ValidationError([
        { field: "periodId", message: `Periodo: ${facts.period_key} no corresponde a la periodicidad del indicador` },
      ]);
    }
    await upsertTarget(trx, indicatorId, periodId, value, ctx.actor.id);
    await recordAudit(trx, ctx, {
      action: "target.set",
      entityType: "target",
      entityId: `${indicatorId}:${periodId}`,
      before: facts.target_value == null ? null : { value: facts.target_value, version: facts.target_version },
      after: { value },
    });
  });
}
