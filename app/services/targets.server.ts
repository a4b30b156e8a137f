import { findTargetSlots, upsertTargets } from "../../db/queries/indicators";
import { findTargetFacts, upsertTarget } from "../../db/queries/reporting";
import { decideTargetWrite } from "../domain/permissions";
import { TARGET_FIELD_LABELS, targetInputSchema } from "../domain/schemas/reporting";
import { targetEntrySchema, targetField } from "../domain/schemas/indicators";
import { parseInput, type FieldIssue } from "../domain/validation";
import { recordAudit } from "./audit.server";
import { assertAllowed, requireCapability, type ServiceContext } from "./context.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors";

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

/** Targets are stored with four decimals: compare what will be stored, not what was typed. */
const stored = (value: number) => Number(value.toFixed(4));

/**
 * Sets several targets of one indicator at once (the year's form). Everything is checked
 * first — each value, each period (of this plan and of the indicator's periodicity), and the
 * right to write in it (a closed period only by an admin) — and then all of them are written
 * in one transaction, or none. A blank value means "no change", as does a value equal to the
 * stored one; each target that does change gets its own audit event. Returns how many changed.
 */
export async function setTargets(
  ctx: ServiceContext,
  indicatorId: number,
  entries: readonly { periodId: unknown; value: unknown }[]
): Promise<number> {
  requireCapability(ctx, "plan.edit");
  const typed: { periodId: number; raw: unknown }[] = [];
  for (const entry of entries) {
    const parsed = targetEntrySchema.shape.periodId.safeParse(entry.periodId);
    if (!parsed.success) throw new NotFoundError("Uno de los periodos no existe en este plan.");
    const blank = entry.value == null || (typeof entry.value === "string" && entry.value.trim() === "");
    if (!blank) typed.push({ periodId: parsed.data, raw: entry.value });
  }
  if (typed.length === 0) return 0;

  return ctx.db.transaction().execute(async (trx) => {
    const slots = await findTargetSlots(
      trx,
      indicatorId,
      typed.map((entry) => entry.periodId)
    );
    const slotOf = new Map(slots.map((slot) => [slot.period_id, slot]));
    if (slots.length === 0) throw new NotFoundError("El indicador o el periodo no existe en este plan.");
    if (slots[0].archived_at) throw new ConflictError("El indicador está archivado; restáurelo para modificar sus metas.");

    const issues: FieldIssue[] = [];
    const changes: { periodId: number; value: number; slot: (typeof slots)[number] }[] = [];
    for (const entry of typed) {
      const slot = slotOf.get(entry.periodId);
      if (!slot) throw new NotFoundError("Uno de los periodos no existe en este plan.");
      const label = `Meta ${slot.period_key}`;
      if (slot.periodicity !== slot.indicator_periodicity) {
        issues.push({
          field: targetField(entry.periodId),
          message: `${label}: el periodo no corresponde a la periodicidad del indicador`,
        });
        continue;
      }
      const parsed = targetEntrySchema.shape.value.safeParse(entry.raw);
      if (!parsed.success) {
        issues.push({
          field: targetField(entry.periodId),
          message: `${label}: ${parsed.error.issues[0]?.message ?? "no es válida"}`,
        });
        continue;
      }
      const value = parsed.data;
      if (value == null || (slot.target_value != null && stored(value) === stored(slot.target_value))) continue;
      changes.push({ periodId: entry.periodId, value: stored(value), slot });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    for (const change of changes) {
      assertAllowed(decideTargetWrite(ctx.actor, { status: change.slot.status, key: change.slot.period_key }));
    }

    await upsertTargets(trx, indicatorId, changes, ctx.actor.id);
    for (const change of changes) {
      await recordAudit(trx, ctx, {
        action: "target.set",
        entityType: "target",
        entityId: `${indicatorId}:${change.periodId}`,
        before:
          change.slot.target_value == null ? null : { value: change.slot.target_value, version: change.slot.target_version },
        after: { value: change.value, period_key: change.slot.period_key, period_status: change.slot.status },
      });
    }
    return changes.length;
  });
}
