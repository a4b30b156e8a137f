import { findIndicatorForUpdate, updateIndicatorFields } from "../../db/queries/indicators";
import { existingUnitIds } from "../../db/queries/users";
import { INDICATOR_FIELD_LABELS, indicatorUpdateSchema } from "../domain/schemas/reporting";
import { parseInput } from "../domain/validation";
import { recordAudit } from "./audit.server";
import { requireCapability, type ServiceContext } from "./context.server";
import { NotFoundError, ValidationError } from "./errors";

/** Edits an indicator's definition (planners and admins). */
export async function updateIndicator(ctx: ServiceContext, id: number, input: unknown) {
  requireCapability(ctx, "plan.edit");
  const parsed = parseInput(indicatorUpdateSchema, input, INDICATOR_FIELD_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const data = parsed.data;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findIndicatorForUpdate(trx, id);
    if (!before) throw new NotFoundError("El indicador no existe.");
    if ((await existingUnitIds(trx, [data.responsibleUnitId])).length === 0) {
      throw new ValidationError([{ field: "responsibleUnitId", message: "Unidad responsable: no existe" }]);
    }
    const after = { name: data.name, weight: data.weight, responsible_unit_id: data.responsibleUnitId, is_published: data.isPublished };
    await updateIndicatorFields(trx, id, after);
    await recordAudit(trx, ctx, { action: "indicator.update", entityType: "indicator", entityId: id, before, after });
  });
}
